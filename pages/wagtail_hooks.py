from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets import SlugInput
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

import pages.campaign.evidence_hooks  # noqa: F401 (registers the evidence screens)
from civic_core.transliteration import slug_formatters
from pages.campaign import indicators
from pages.legal import consultation as consultation_rules
from pages.models import ConsultationPage, ProjectPage
from pages.models.reports import Recommendation
from pages.snippets import EUFundingNotice, Organisation, SiteContact, Topic
from pages.translation import submit
from pages.translation.views import PagesToTranslateView

# Every slug field in the admin transliterates Bulgarian by the Act before Wagtail's own
# clean-up, so the slug the browser fills in from a title is the one the server makes.
register_form_field_override(models.SlugField, override={"widget": SlugInput(formatters=slug_formatters())})


class DefaultLanguageIndexView(SnippetIndexView):
    """A translatable snippet's list opens on the default language (each row once, not
    once per language); the language filter shows the others, or all of them."""

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if "locale" not in self.request.GET:
            data = self.request.GET.copy()
            data["locale"] = Locale.get_default().language_code
            kwargs["data"] = data
        return kwargs


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    add_to_admin_menu = True
    menu_order = 300
    index_view_class = DefaultLanguageIndexView
    # Bulgarian rows only until the language filter asks for another language (or "All").
    list_display = ["name", "short_name", "kind", "locale"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    add_to_admin_menu = True
    menu_order = 310
    index_view_class = DefaultLanguageIndexView
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class EUFundingNoticeViewSet(SnippetViewSet):
    model = EUFundingNotice
    icon = "pick"
    menu_label = _("EU funding notice")
    add_to_settings_menu = True


class SiteContactViewSet(SnippetViewSet):
    model = SiteContact
    icon = "site"
    menu_label = _("Site contacts")
    add_to_settings_menu = True


class RecommendationViewSet(SnippetViewSet):
    """Officers follow the reports' recommendations here: status, progress, dated updates
    and the citizens' monitoring reports that concern each."""

    model = Recommendation
    icon = "tick"
    menu_label = _("Recommendations")
    add_to_admin_menu = True
    menu_order = 290
    index_view_class = DefaultLanguageIndexView
    list_display = ["__str__", "status", "progress", "deadline", "report", "locale"]
    # Wagtail adds its own language filter (a translatable model), "All" included.
    list_filter = ["status"]
    search_fields = ["text", "responsible_unit"]
    ordering = ["report__date", "number"]


register_snippet(RecommendationViewSet)
register_snippet(OrganisationViewSet)
register_snippet(TopicViewSet)
register_snippet(EUFundingNoticeViewSet)
register_snippet(SiteContactViewSet)


@hooks.register("before_edit_snippet")
def keep_source_snippets_to_their_authors(request, instance):
    """Translators may edit a snippet's translations but not its Bulgarian source: only
    someone who may create that kind of snippet may change the source."""
    if not isinstance(instance, TranslatableMixin) or instance.locale_id != Locale.get_default().id:
        return None
    if not request.user.has_perm(get_permission_name("add", type(instance))):
        raise PermissionDenied
    return None


@hooks.register("construct_translated_pages_to_cascade_actions")
def delete_unpublished_translations_with_their_source(pages, action):
    """Deleting a page in the default language also deletes its translations that were
    never published and the synchronised copies (aliases) of it, so no orphan English
    draft is left behind; Wagtail's delete screen lists them first. A published
    translation is left alone (deleting it is a decision of its own)."""
    if action != "delete":
        return None
    default = Locale.get_default()
    cascade = {}
    for page in pages:
        if page.locale_id != default.id:
            continue
        translations = Page.objects.translation_of(page, inclusive=False)
        cascade[page] = translations.filter(
            models.Q(live=False, first_published_at__isnull=True) | models.Q(alias_of=page)
        )
    return cascade


@hooks.register("forms_ext_default_privacy_notice")
def site_wide_privacy_notice(locale):
    """The privacy notice of the forms whose page has none of its own: the site contacts'
    (edited once under Settings → Site contacts, translated like them)."""
    contact = SiteContact.for_locale(locale)
    return contact.form_privacy_notice if contact else ""


@hooks.register("register_admin_urls")
def tick_the_only_target_language():
    """wagtail-localize's "Translate" screens, at their own addresses, with the only target
    language ticked (pages is listed before wagtail_localize, so these are found first)."""
    return [
        path("localize/submit/page/<int:page_id>/", submit.SubmitPageTranslation.as_view()),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            submit.SubmitSnippetTranslation.as_view(),
        ),
    ]


@hooks.register("register_admin_urls")
def register_translation_report_url():
    return [path("reports/pages-to-translate/", PagesToTranslateView.as_view(), name="pages_to_translate")]


class TranslatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtail_localize.submit_translation")


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslatorsMenuItem(
        _("Pages to translate"), reverse("pages_to_translate"), icon_name="wagtail-localize-language", order=8900
    )


class CampaignFiguresPanel(Component):
    """The campaign's figures on the admin's home page, for officers reporting to the
    managing authority: events and attendance, input on open consultations, the
    moderation queue, recommendations by status and the project's indicators."""

    name = "campaign_figures"
    order = 50
    template_name = "pages/admin/campaign_figures.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["figures"] = indicators.dashboard_figures()
        project = ProjectPage.objects.live().filter(locale=Locale.get_default()).first()
        context["project"] = project
        context["project_indicators"] = indicators.figures(project.indicators.all()) if project else []
        return context


@hooks.register("construct_homepage_panels")
def add_campaign_figures(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(CampaignFiguresPanel())


# Two-person approval (pages.roles): where a section waits for a moderator, officers submit.
@hooks.register("construct_page_action_menu")
def hide_publish_where_approval_is_needed(menu_items, request, context):
    from pages import roles

    roles.hide_publish_where_approval_is_needed(menu_items, request, context)


@hooks.register("before_publish_page")
def keep_draft_where_approval_is_needed(request, page):
    from pages import roles

    return roles.keep_draft_where_approval_is_needed(request, page)


@hooks.register("before_bulk_action")
def refuse_bulk_publish_where_approval_is_needed(request, action_type, objects, action_class_instance):
    from pages import roles

    return roles.refuse_bulk_publish_where_approval_is_needed(request, action_type, objects, action_class_instance)


@hooks.register("before_edit_page")
def save_draft_where_approval_is_needed_on_edit(request, page):
    from pages import roles

    return roles.save_draft_where_approval_is_needed(request, page)


@hooks.register("before_create_page")
def save_draft_where_approval_is_needed_on_create(request, parent_page, page_class):
    from pages import roles

    return roles.save_draft_where_approval_is_needed(request, parent_page)


@hooks.register("before_copy_page")
def copy_unpublished_where_approval_is_needed(request, page):
    from pages import roles

    return roles.copy_unpublished_where_approval_is_needed(request, page)


# The law's consultation period (pages.legal.consultation) holds for every way to publish.
# The editor's form checks it (pages.models.consultation.ConsultationPageForm), approving
# from the editor included; the page listing's bulk "Publish" and a workflow's "Approve"
# (the dashboard's "Awaiting your review") publish the latest version without that form.
def consultation_publishing_refusal(page):
    """Why the latest version of `page` may not be published, or "" (any page type)."""
    page = page.specific if isinstance(page, Page) else page
    if not isinstance(page, ConsultationPage):
        return ""
    latest = page.get_latest_revision_as_object()
    return consultation_rules.publishing_refusal(
        latest.title, latest.opens_at, latest.closes_at, latest.shorter_period_reasons
    )


def refused_bulk_action(request, messages_to_show):
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.http import url_has_allowed_host_and_scheme

    for message in messages_to_show:
        messages.error(request, message)
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    return redirect("wagtailadmin_explore_root")


@hooks.register("before_bulk_action")
def keep_the_consultation_period_on_bulk_publish(request, action_type, objects, action_class_instance):
    """Bulk "Publish" publishes nothing while one of the pages it would publish (the
    chosen ones and, when asked, their draft descendants) breaks the consultation period."""
    if action_type != "publish" or not objects or not isinstance(objects[0], Page):
        return None
    pages = list(objects)
    form = getattr(action_class_instance, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages += list(page.get_descendants().not_live().type(ConsultationPage))
    refusals = [refusal for refusal in map(consultation_publishing_refusal, pages) if refusal]
    return refused_bulk_action(request, refusals) if refusals else None


class ConsultationWorkflowActionView(WorkflowActionView):
    """A workflow's approval of a consultation whose period the law does not allow is
    refused with the reason; nothing changes (the task still waits for approval)."""

    def post(self, request, *args, **kwargs):
        refusal = consultation_publishing_refusal(self.object) if self.action_name == "approve" else ""
        if not refusal:
            return super().post(request, *args, **kwargs)
        from django.contrib import messages
        from django.http import JsonResponse
        from django.shortcuts import redirect

        messages.error(request, refusal)
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"step": "success", "redirect": self.redirect_url})
        return redirect(self.redirect_url)


class ConsultationPageViewSet(PageViewSet):
    model = ConsultationPage
    workflow_action_view_class = ConsultationWorkflowActionView
    # Only the workflow action differs: the consultations index lists its pages as usual.
    parent_models = []


@hooks.register("register_admin_viewset")
def register_consultation_page_viewset():
    return ConsultationPageViewSet()


@hooks.register("register_admin_urls")
def register_sign_in_sheet_url():
    from pages.campaign.sign_in_sheet import sign_in_sheet_view

    return [path("events/<int:page_id>/sign-in-sheet/", sign_in_sheet_view, name="event_sign_in_sheet")]


# An event's registrations (forms_ext's per-page view), its sign-in sheet and the signed scan.
@hooks.register("register_page_listing_more_buttons")
def registrations_in_the_listing_menu(page, user, next_url=None):
    from pages.campaign.event_registrations import menu_buttons

    yield from menu_buttons(page, user)


@hooks.register("register_page_header_buttons")
def registrations_in_the_header_menu(page, user, view_name, next_url=None):
    from pages.campaign.event_registrations import menu_buttons

    yield from menu_buttons(page, user)


@hooks.register("forms_ext_registration_links")
def event_registration_links(page, user):
    from pages.campaign.event_registrations import registration_links

    return registration_links(page, user)


@hooks.register("before_serve_document")
def refuse_signed_sign_in_sheets(document, request):
    from pages.campaign.event_registrations import refuse_signed_sheets_to_others

    return refuse_signed_sheets_to_others(document, request)


@hooks.register("register_admin_urls")
def register_proposal_to_report_url():
    """A consultation's submission turned into a row of the outcome report (a draft)."""
    from pages.proposal_report import URL_NAME, proposal_to_report

    return [
        path(
            "consultations/<int:page_id>/submissions/<int:submission_id>/to-report/",
            proposal_to_report,
            name=URL_NAME,
        )
    ]


@hooks.register("insert_global_admin_css")
def pages_admin_css():
    """pages' admin styles (pages/static/pages/css/admin.css): the editor's tabs wrap before
    the floating "Collapse all" button, so every tab can be clicked."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("pages/css/admin.css"))
