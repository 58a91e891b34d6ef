"""The admin's JavaScript strings in Bulgarian, with no setting to add.

Wagtail's admin (`admin/jsi18n/`) and wagtail-localize's translation editor
(`admin/localize/jsi18n/`) serve their strings with Django's JavaScriptCatalog, which reads
the `djangojs` domain from the package's own `locale/` and from LOCALE_PATHS only, never
from another app's catalog. `civic_core.urls`, which a site includes before Wagtail's admin,
answers those two addresses with the same view reading `civic_core/locale_js` after the
package's catalog, so the suite's Bulgarian completes it (LOCALE_PATHS still come last and
win, as in Django). The catalog is merged from `locale_upstream/bg/*.djangojs.po` by
`scripts/i18n-sync`."""

from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response

from civic_core import JAVASCRIPT_LOCALE_DIR


class AdminJavaScriptCatalog(JavaScriptCatalog):
    def get_paths(self, packages):
        return [*super().get_paths(packages), str(JAVASCRIPT_LOCALE_DIR)]


def admin_javascript_catalog(package):
    """The view for `package`'s catalog, in the officer's admin language (as Wagtail's own)."""
    catalog = AdminJavaScriptCatalog.as_view(packages=[package])

    def view(request, *args, **kwargs):
        return get_localized_response(catalog, request, *args, **kwargs)

    return view
