from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.snippets import EUFundingNotice, Organisation, SiteContact, Topic


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


register_snippet(OrganisationViewSet)
register_snippet(TopicViewSet)
register_snippet(EUFundingNoticeViewSet)
register_snippet(SiteContactViewSet)
