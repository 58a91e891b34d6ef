from django.contrib import messages
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from forms_ext import admin_views, permissions
from forms_ext.mixins import CivicFormMixin


class CitizensInputGroup(ViewSetGroup):
    menu_label = _("Citizens' input")
    menu_icon = "form"
    menu_order = 710
    items = (admin_views.ModerationViewSet, admin_views.RegistrationViewSet, admin_views.HeldSubmissionViewSet)


@hooks.register("register_admin_viewset")
def register_citizens_input():
    return CitizensInputGroup()


@hooks.register("filter_form_submissions_for_user")
def forms_whose_input_the_user_may_see(user, editable_forms):
    """Wagtail's Forms admin (the list of forms, submissions, CSV/XLSX export) shows the
    form pages in the default language whose input the user may see, and no other: not
    every page they may edit, and never a translation (whose submissions are the
    default-language page's)."""
    return permissions.form_pages(user, permissions.VIEW)


@hooks.register("register_admin_urls")
def replace_wagtail_forms_views():
    """The list of forms opens for whoever may see some form's input, and deleting
    submissions takes *moderate*. forms_ext is listed before wagtail.contrib.forms, so
    these are found before Wagtail's own views at the same addresses."""
    return [
        path("forms/", admin_views.FormPagesListView.as_view(), name="forms_ext_forms_index"),
        path(
            "forms/results/",
            admin_views.FormPagesListView.as_view(results_only=True),
            name="forms_ext_forms_index_results",
        ),
        path(
            "forms/submissions/<int:page_id>/delete/",
            admin_views.DeleteSubmissionsView.as_view(),
            name="forms_ext_delete_submissions",
        ),
    ]


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
        path("pages/<int:page_id>/registrations/", admin_views.page_registrations, name="page_registrations"),
        path(
            "pages/<int:page_id>/registrations/registrations.csv",
            admin_views.page_registrations_csv,
            name="page_registrations_csv",
        ),
        path(
            "pages/<int:page_id>/registrations/attended/",
            admin_views.page_registrations_attended,
            name="page_registrations_attended",
        ),
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
        return issubclass(self.page.specific_class or object, CivicFormMixin) and permissions.can(
            user, permissions.VIEW, self.page
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_statistics_button(page, user, next_url=None):
    yield FormStatisticsButton(page=page, priority=55)


@hooks.register("register_page_header_buttons")
def page_header_statistics_button(page, user, view_name, next_url=None):
    yield FormStatisticsButton(page=page, priority=66)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_of_what_would_not_work(request, page):
    """Saved or published, a form page that would not work as the officer expects (a
    registration form with no registration window, a form nobody is notified of, a
    consultation with no documents…) says so in the editor (CivicFormMixin.editor_warnings)."""
    page = page.specific if not isinstance(page, CivicFormMixin) else page
    if isinstance(page, CivicFormMixin):
        for warning in page.editor_warnings():
            messages.warning(request, warning)


@hooks.register("insert_global_admin_css")
def forms_ext_admin_css():
    """forms_ext's admin styles (admin.css): the form builder's "Label" input wide enough
    to read what one types, the statistics' bars in the admin's colours. (Wagtail 8 has
    no editor-only CSS hook; every rule is scoped to those screens.)"""
    return format_html('<link rel="stylesheet" href="{}">', static("forms_ext/css/admin.css"))
