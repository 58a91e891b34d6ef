from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import SlugInput
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views.snippets import SnippetViewSet

from civic_core.transliteration import slug_formatters
from pages.campaign import indicators
from pages.models import ProjectPage
from pages.models.reports import Recommendation
from pages.snippets import EUFundingNotice, Organisation, SiteContact, Topic
from pages.translation.views import PagesToTranslateView

# Every slug field in the admin transliterates Bulgarian by the Act before Wagtail's own
# clean-up, so the slug the browser fills in from a title is the one the server makes.
register_form_field_override(models.SlugField, override={"widget": SlugInput(formatters=slug_formatters())})


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "slug"]
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
    list_display = ["__str__", "status", "progress", "deadline", "report"]
    list_filter = ["status", "locale"]
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
