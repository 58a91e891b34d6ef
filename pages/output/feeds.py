"""RSS and Atom feeds of news, consultations and events, in the current language."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from pages.models import ConsultationPage, EventPage, NewsPage

FEED_LENGTH = 30


class PageFeed(Feed):
    """A feed of one page type: its newest live pages in the current language."""

    model = None
    order_by = "-first_published_at"

    def link(self):
        return "/" if get_language() == Locale.get_default().language_code else f"/{get_language()}/"

    def items(self):
        return (
            self.model.objects.publicly_listed()
            .filter(locale=Locale.get_active())
            .order_by(self.order_by)[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.full_url

    def item_guid(self, item):
        return f"{item.translation_key}-{item.locale_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at


class NewsFeed(PageFeed):
    model = NewsPage
    title = _("News")
    description = _("News and analytical reports")
    order_by = "-date"


class ConsultationsFeed(PageFeed):
    model = ConsultationPage
    title = _("Public consultations")
    description = _("Public consultations: drafts open for proposals and their outcome")
    order_by = "-opens_at"


class EventsFeed(PageFeed):
    model = EventPage
    title = _("Events")
    description = _("Public discussions, round tables and conferences")
    order_by = "-start"


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description


class NewsAtomFeed(AtomMixin, NewsFeed):
    pass


class ConsultationsAtomFeed(AtomMixin, ConsultationsFeed):
    pass


class EventsAtomFeed(AtomMixin, EventsFeed):
    pass
