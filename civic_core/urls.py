"""Admin addresses the suite answers itself. A site includes them before Wagtail's admin:

path("admin/", include("civic_core.urls")),
path("admin/", include(wagtailadmin_urls)),

Besides the throttled password reset, they serve the admin's JavaScript catalogs with the
suite's Bulgarian (civic_core.jsi18n) at the addresses Wagtail and wagtail-localize use.
"""

from django.apps import apps
from django.urls import path

from civic_core.admin_views import ThrottledPasswordResetView
from civic_core.jsi18n import admin_javascript_catalog

urlpatterns = [
    path("password_reset/", ThrottledPasswordResetView.as_view(), name="civic_password_reset"),
    path("jsi18n/", admin_javascript_catalog("wagtail.admin"), name="civic_javascript_catalog"),
]
if apps.is_installed("wagtail_localize"):
    urlpatterns.append(
        path("localize/jsi18n/", admin_javascript_catalog("wagtail_localize"), name="civic_localize_javascript_catalog")
    )
