"""The public views of `pages` outside the page tree. A site includes them inside its
`i18n_patterns`, before Wagtail's page URLs; they are named in the "pages" namespace
(`{% url 'pages:search' %}`), so a site's own URL names never clash with them:

    path("", include("pages.urls")),
"""

from django.urls import path

from pages import search
from pages.output import calendar, feeds, open_data

app_name = "pages"
urlpatterns = [
    path("search/", search.search, name="search"),
    path("open-data/", open_data.index, name="open_data"),
    path("open-data/catalog.json", open_data.catalog, name="open_data_catalog"),
    path("open-data/<slug:slug>.<str:extension>", open_data.download, name="open_data_download"),
    path("calendar/events.ics", calendar.events_ics, name="events_ics"),
    path("calendar/event-<int:page_id>.ics", calendar.event_ics, name="event_ics"),
    path("feeds/news/rss/", feeds.NewsFeed(), name="feed_news_rss"),
    path("feeds/news/atom/", feeds.NewsAtomFeed(), name="feed_news_atom"),
    path("feeds/consultations/rss/", feeds.ConsultationsFeed(), name="feed_consultations_rss"),
    path("feeds/consultations/atom/", feeds.ConsultationsAtomFeed(), name="feed_consultations_atom"),
    path("feeds/events/rss/", feeds.EventsFeed(), name="feed_events_rss"),
    path("feeds/events/atom/", feeds.EventsAtomFeed(), name="feed_events_atom"),
]
