"""Admin views of our own (registered in wagtail_hooks)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from pages.translation.status import OUT_OF_DATE, pages_to_translate, snippets_to_translate


class PagesToTranslateView(WagtailAdminTemplateMixin, TemplateView):
    """Reports → Pages to translate: what translators still have to do, per language."""

    page_title = _("Pages to translate")
    header_icon = "wagtail-localize-language"
    template_name = "pages/admin/pages_to_translate.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = pages_to_translate()
        context["snippet_rows"] = snippets_to_translate()
        context["OUT_OF_DATE"] = OUT_OF_DATE
        return context
