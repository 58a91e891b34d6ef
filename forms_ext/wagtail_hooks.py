from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from forms_ext import admin_views
from forms_ext.mixins import CivicFormMixin
from forms_ext.permissions import user_can_see_page


class CitizensInputGroup(ViewSetGroup):
    menu_label = _("Citizens' input")
    menu_icon = "form"
    menu_order = 710
    items = (admin_views.ModerationViewSet, admin_views.RegistrationViewSet, admin_views.HeldSubmissionViewSet)


@hooks.register("register_admin_viewset")
def register_citizens_input():
    return CitizensInputGroup()


@hooks.register("register_admin_urls")
def register_forms_ext_admin_urls():
    urls = [
        path("statistics/<int:page_id>/", admin_views.statistics, name="statistics"),
        path(
            "submissions/<int:submission_id>/file/<str:field_name>/",
            admin_views.submission_file,
            name="submission_file",
        ),
        path("held/<int:pk>/release/", admin_views.release_held, name="release_held"),
        path("personal-data/", admin_views.personal_data, name="personal_data"),
    ]
    return [path("forms-ext/", include((urls, "forms_ext_admin"), namespace="forms_ext_admin"))]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("forms_ext.manage_personal_data")


@hooks.register("register_settings_menu_item")
def register_personal_data_menu_item():
    return PersonalDataMenuItem(
        _("Personal data requests"), reverse("forms_ext_admin:personal_data"), icon_name="lock", order=900
    )


class FormStatisticsButton(PageMenuItem):
    label = _("Form statistics")
    icon_name = "table"
    url_name = "forms_ext_admin:statistics"

    def is_shown(self, user):
        return issubclass(self.page.specific_class or object, CivicFormMixin) and user_can_see_page(user, self.page.pk)


@hooks.register("register_page_listing_more_buttons")
def page_listing_statistics_button(page, user, next_url=None):
    yield FormStatisticsButton(page=page, priority=55)


@hooks.register("register_page_header_buttons")
def page_header_statistics_button(page, user, view_name, next_url=None):
    yield FormStatisticsButton(page=page, priority=66)
