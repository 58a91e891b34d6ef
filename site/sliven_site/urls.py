from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from pages.output import sitemap as machines
from pages.output.api import api_router

# Language-neutral URLs: the admin has its own language preference per user.
urlpatterns = [
    path("admin/", include("civic_core.urls")),  # the password reset, throttled
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # Both languages' pages, with their translations as alternates (pages.output.sitemap).
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": machines.PagesSitemap}}, name="sitemap"),
    path("robots.txt", machines.robots_txt, name="robots_txt"),
    path("favicon.ico", machines.favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages: Bulgarian unprefixed at /, English at /en/.
urlpatterns += i18n_patterns(
    path("", include("pages.urls")),
    path("", include("forms_ext.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
