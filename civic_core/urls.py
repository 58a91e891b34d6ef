"""Admin addresses the suite answers itself. A site includes them before Wagtail's admin:

path("admin/", include("civic_core.urls")),
path("admin/", include(wagtailadmin_urls)),
"""

from django.urls import path

from civic_core.admin_views import ThrottledPasswordResetView

urlpatterns = [
    path("password_reset/", ThrottledPasswordResetView.as_view(), name="civic_password_reset"),
]
