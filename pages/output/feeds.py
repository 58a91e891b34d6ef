"""RSS 2.0 and Atom (RFC 4287) feeds of news, consultations and events, in the current
language. Every address in them is on the public origin (civic_core.urls_absolute).

Atom asks of every feed an author (the publisher: the site contacts' organisation, else
the site's name), an id that is an IRI (the feed's own address) and an `updated`; of
every entry an id that is an IRI and never changes (a tag: URI of the page's translation
key and language, RFC 4151) and an `updated` (the page's last publication)."""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from civic_core.urls_absolute import absolute_url, page_url, public_hostname
from pages.models import (
    ConsultationIndexPage,
    ConsultationPage,
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
)
from pages.snippets import SiteContact

FEED_LENGTH = 30


class PageFeed(Feed):
    """A feed of one page type: its newest live pages in the current language."""

    model = None
    index_model = None
    order_by = "-first_published_at"
    request = None

    def get_feed(self, obj, request):
        # The feed object is shared by every request (it is the view): each answer gets a
        # copy that knows its request, for the addresses when SITE_URL is not set.
        feed = copy.copy(self)
        feed.request = request
        return Feed.get_feed(feed, obj, request)

    def link(self):
        """The listing page of this feed's pages in the current language, else its home page."""
        locale = Locale.get_active()
        index = self.index_model.objects.live().filter(locale=locale).order_by("path").first()
        if index is not None:
            url = page_url(index, self.request)
            if url:
                return url
        home = "/" if get_language() == Locale.get_default().language_code else f"/{get_language()}/"
        return absolute_url(home, self.request)

    def feed_url(self):
        return absolute_url(self.request.path, self.request)

    def feed_guid(self):
        return self.feed_url()

    def author_name(self):
        contact = SiteContact.for_locale()
        name = (contact.organisation or contact.site_name) if contact else ""
        return name or settings.WAGTAIL_SITE_NAME

    def author_link(self):
        return absolute_url("/", self.request)

    def items(self):
        return (
            self.model.objects.publicly_listed()
            .filter(locale=Locale.get_active())
            .select_related("locale")
            .order_by(self.order_by)[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return page_url(item, self.request)

    def item_guid(self, item):
        # RSS: the same guid as ever (not a permalink), so readers see no item twice.
        return f"{item.translation_key}-{item.locale_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at


class NewsFeed(PageFeed):
    model = NewsPage
    index_model = NewsIndexPage
    title = _("News")
    description = _("News and analytical reports")
    order_by = "-date"


class ConsultationsFeed(PageFeed):
    model = ConsultationPage
    index_model = ConsultationIndexPage
    title = _("Public consultations")
    description = _("Public consultations: drafts open for proposals and their outcome")
    order_by = "-opens_at"


class EventsFeed(PageFeed):
    model = EventPage
    index_model = EventIndexPage
    title = _("Events")
    description = _("Public discussions, round tables and conferences")
    order_by = "-start"


def tag_uri(page, request=None):
    """An id for `page` in its language that never changes (RFC 4151): the public host,
    the day the page was first published and its translation key."""
    published = page.first_published_at or page.last_published_at or timezone.now()
    day = timezone.localtime(published).date().isoformat()
    return f"tag:{public_hostname(request)},{day}:page:{page.translation_key}:{page.locale.language_code}"


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description

    def item_guid(self, item):
        return tag_uri(item, self.request)


class NewsAtomFeed(AtomMixin, NewsFeed):
    pass


class ConsultationsAtomFeed(AtomMixin, ConsultationsFeed):
    pass


class EventsAtomFeed(AtomMixin, EventsFeed):
    pass
