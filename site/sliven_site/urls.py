from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from pages import feeds, open_data, views
from pages.api import api_router

# Language-neutral URLs: the admin has its own language preference per user.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages: Bulgarian unprefixed at /, English at /en/.
urlpatterns += i18n_patterns(
    path("search/", views.search, name="search"),
    path("open-data/", open_data.index, name="open_data"),
    path("open-data/catalog.json", open_data.catalog, name="open_data_catalog"),
    path("open-data/<slug:slug>.<str:extension>", open_data.download, name="open_data_download"),
    path("calendar/events.ics", views.events_ics, name="events_ics"),
    path("calendar/event-<int:page_id>.ics", views.event_ics, name="event_ics"),
    path("feeds/news/rss/", feeds.NewsFeed(), name="feed_news_rss"),
    path("feeds/news/atom/", feeds.NewsAtomFeed(), name="feed_news_atom"),
    path("feeds/consultations/rss/", feeds.ConsultationsFeed(), name="feed_consultations_rss"),
    path("feeds/consultations/atom/", feeds.ConsultationsAtomFeed(), name="feed_consultations_atom"),
    path("feeds/events/rss/", feeds.EventsFeed(), name="feed_events_rss"),
    path("feeds/events/atom/", feeds.EventsAtomFeed(), name="feed_events_atom"),
    path("", include("forms_ext.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
