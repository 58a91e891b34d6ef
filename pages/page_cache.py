"""Anonymous full-page cache that keeps forms working.

Public pages are rendered once and served from the cache backend (Redis in production)
to every anonymous visitor. Pages with forms are cached too: before a response is
stored, each CSRF token in the HTML is replaced by a placeholder, and every time the
page is served the placeholder is filled with a token for *that* visitor (which also
sets their CSRF cookie). So the cached HTML carries no per-visitor data and a cached
form still submits, with JavaScript or without. The calendar and news feeds are kept
the same way. Whatever carries no form also carries an ETag: a calendar program or feed
reader that polls is answered 304, without the body, until the next publish. It is also
kept gzip-compressed, compressed once when stored, and sent so to every client that
accepts gzip (every browser, calendar program and feed reader does): the calendar feed
of 2,020 events is a megabyte as text and 82 KB compressed.

Invalidation is by generation: every publish, unpublish, move, delete (in any
language) and every newly published comment bumps one counter in the cache, which
retires every cached page at once. Listings, menus and home-page teasers depend on
many pages, so a site-wide bump is the only rule that is never stale.

Logged-in users, previews, the admin and any visitor carrying a session or messages
cookie bypass the cache entirely.
"""

import copy
import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.text import compress_string

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
PLACEHOLDER = b"__CSRF_TOKEN__"
CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
# A view may shorten how long its page is kept: response[MAX_AGE_HEADER] = "10".
MAX_AGE_HEADER = "X-Page-Cache-Max-Age"
# How long a worker keeps its own copy of a shared entry it read.
WORKER_COPY_SECONDS = 60
API_PREFIX = "/api/v2/"
PUBLIC_CONTENT_TYPES = ("text/html", "text/calendar", "application/rss+xml", "application/atom+xml")
BYPASS_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")
# Smaller answers are sent as they are: compressing saves too little to pay for itself.
GZIP_MIN_BYTES = 1024
ACCEPT_ENCODING_PART = re.compile(r"^\s*([^;\s]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def _bypassed(path):
    """Paths that are never pages: neither the page cache nor the route cache looks at
    them. PAGE_CACHE_BYPASS_PREFIXES adds a site's own (views outside Wagtail)."""
    return path.startswith(BYPASS_PREFIXES + tuple(getattr(settings, "PAGE_CACHE_BYPASS_PREFIXES", ())))


def page_cache_timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def _first_generation():
    # Never a number used before, even after the cache was emptied or restarted: the
    # workers' own copies (below) are keyed by it and must never be taken for current.
    return int(time.time() * 1000)


def bump_generation(**kwargs):
    """Retire every cached page (called from signal handlers)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the counter expired or was never set
        cache.set(GENERATION_KEY, _first_generation(), timeout=None)
    except Exception:  # the cache being down must never break publishing
        logger.warning("page cache: could not bump the generation", exc_info=True)


_request_state = threading.local()


def _generation():
    # Read once per request (RouteCacheMiddleware sets it for the request's duration):
    # the chrome's several cached parts would otherwise each ask the cache again.
    remembered = getattr(_request_state, "generation", None)
    if remembered is not None:
        return remembered
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        first = _first_generation()
        cache.add(GENERATION_KEY, first, timeout=None)
        generation = cache.get(GENERATION_KEY, first)
    return generation


class _WorkerCopies:
    """Each worker's own copies of what it recently read from or stored in the shared
    cache, under the same keys. Every key carries the content version, which is read
    from the shared cache on every request, so a publish on any server retires these
    copies as surely as the shared ones; they only save the trip to Redis and the
    unpickling. Bounded in number and in the size of each value."""

    MAX_ENTRIES = 256
    MAX_BYTES = 4 * 1024 * 1024

    def __init__(self):
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            value, expires = entry
            if expires < time.monotonic():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return value

    def set(self, key, value, timeout):
        if _size(value) > self.MAX_BYTES:
            return
        with self._lock:
            self._entries[key] = (value, time.monotonic() + timeout)
            self._entries.move_to_end(key)
            while len(self._entries) > self.MAX_ENTRIES:
                self._entries.popitem(last=False)

    def delete(self, key):
        with self._lock:
            self._entries.pop(key, None)

    def clear(self):
        with self._lock:
            self._entries.clear()


def _size(value):
    if isinstance(value, (bytes, str)):
        return len(value)
    if isinstance(value, tuple) and value and isinstance(value[0], (bytes, str)):
        return len(value[0])
    return 0


worker_copies = _WorkerCopies()


def _shared_get(key):
    value = worker_copies.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            # The shared entry may expire sooner; a worker's copy lives at most a minute.
            worker_copies.set(key, value, min(WORKER_COPY_SECONDS, page_cache_timeout()))
    return value


def _shared_set(key, value, timeout):
    cache.set(key, value, timeout)
    worker_copies.set(key, value, timeout)


def until_content_changes(name, build, timeout=None, still_valid=None):
    """`build()`, kept in the cache until the next publish (or `timeout`): for derived
    files such as the calendar feed and open data. With the cache down, built each time.
    `still_valid(value)`, if given, may retire a kept value early (one that depends on
    the time of day, say): it is then built and kept afresh."""
    try:
        key = f"derived:{_generation()}:{name}"
        value = _shared_get(key)
    except Exception:
        logger.warning("page cache: cache unavailable for %s", name, exc_info=True)
        return build()
    if value is None or (still_valid is not None and not still_valid(value)):
        value = build()
        try:
            _shared_set(key, value, timeout or page_cache_timeout())
        except Exception:
            logger.warning("page cache: could not store %s", name, exc_info=True)
    return value


def in_worker_until_content_changes(name, build):
    """`build()`, kept in this worker's memory until the next publish: for values that
    cannot be pickled into the shared cache (a form class built from a page's fields)
    and cost more to build than the request that uses them. With the cache down, built
    each time."""
    try:
        key = f"worker:{_generation()}:{name}"
    except Exception:
        logger.warning("page cache: cache unavailable for %s", name, exc_info=True)
        return build()
    value = worker_copies.get(key)
    if value is None:
        value = build()
        worker_copies.set(key, value, page_cache_timeout())
    return value


def until_content_changes_many(names, build_missing, timeout=None):
    """`until_content_changes` for several values at once: `build_missing(names)` gets
    the names not kept and returns {name: value} for them, built together (so a list
    whose items are mostly kept reads from the database only what the rest need)."""
    try:
        keys = {name: f"derived:{_generation()}:{name}" for name in names}
        found = {name: _shared_get(key) for name, key in keys.items()}
    except Exception:
        logger.warning("page cache: cache unavailable for %d values", len(names), exc_info=True)
        return build_missing(list(names))
    missing = [name for name, value in found.items() if value is None]
    if missing:
        built = build_missing(missing)
        for name in missing:
            found[name] = built[name]
            try:
                _shared_set(keys[name], built[name], timeout or page_cache_timeout())
            except Exception:
                logger.warning("page cache: could not store %s", name, exc_info=True)
    return found


def _cache_key(request, generation):
    return _key(request.get_host(), request.path, request.META.get("QUERY_STRING", ""), generation)


def _key(host, path, query, generation):
    raw = f"{host}|{path}|{query}".encode()
    return f"page-cache:{generation}:{hashlib.sha256(raw).hexdigest()}"


def forget_page(request, page, **kwargs):
    """Drop one page, in every language, from the cache (as served on this request's
    host): for changes that concern that page alone, such as the places left at an event."""
    try:
        host = request.get_host()

        def translations_paths():
            return [
                translation.get_url_parts(request)[2] for translation in page.get_translations(inclusive=True).live()
            ]

        # Where a page and its translations live changes only with a publish or a move:
        # kept until then, so a registration reads no page to forget one.
        paths = until_content_changes(f"translation-paths:{host}:{page.pk}", translations_paths)
        generation = _generation()
        keys = [_key(host, path, "", generation) for path in paths]
        cache.delete_many(keys)
        for key in keys:
            worker_copies.delete(key)
    except Exception:  # the cache being down must never break a registration
        logger.warning("page cache: could not forget %s", page, exc_info=True)


def _is_cacheable_request(request):
    if request.method != "GET" or not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if _bypassed(request.path) or len(request.META.get("QUERY_STRING", "")) > 256:
        return False
    cookies = request.COOKIES
    # A session (editors, anyone with flash messages) means the page may be personal.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _is_cacheable_response(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if getattr(request, "is_preview", False):
        return False
    content_type = response.get("Content-Type", "")
    # Pages, the calendar and news feeds, and the read-only API's answers (open data,
    # the same for every visitor).
    if not (
        content_type.startswith(PUBLIC_CONTENT_TYPES)
        or (request.path.startswith(API_PREFIX) and content_type.startswith("application/json"))
    ):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-cache" in cache_control or "no-store" in cache_control:
        return False
    # Only the CSRF cookie may be set; any other cookie is someone's state.
    return all(name == settings.CSRF_COOKIE_NAME for name in response.cookies)


class PageCacheMiddleware:
    """Place after CsrfViewMiddleware (so the served token's cookie is set) and
    AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self._uncached(request)
        try:
            key = _cache_key(request, _generation())
            cached = worker_copies.get(key)
            if cached is None:
                cached = cache.get(key)
                if cached is not None and len(cached) > 3 and cached[3] is True:
                    worker_copies.set(key, cached, min(WORKER_COPY_SECONDS, page_cache_timeout()))
        except Exception:  # Redis down: serve uncached
            logger.warning("page cache: cache unavailable", exc_info=True)
            return self._uncached(request)

        if cached is not None:
            return self._from_cache(request, cached)

        response = self.get_response(request)
        max_age = _pop_max_age(response)
        if _is_cacheable_response(request, response):
            self._store(request, response, key, max_age)
            response["X-Page-Cache"] = "miss"
        return response

    def _uncached(self, request):
        response = self.get_response(request)
        _pop_max_age(response)
        return response

    def _store(self, request, response, key, max_age=None):
        has_form = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        content = CSRF_INPUT.sub(rb"\1" + PLACEHOLDER + rb"\2", response.content) if has_form else response.content
        timeout = page_cache_timeout()
        if max_age is not None and int(max_age) >= timeout + WORKER_COPY_SECONDS:
            max_age = None  # a change further off than any copy lives (a form closing next week)
        if max_age is not None:  # places left at an event; a form that opens or closes soon
            timeout = min(timeout, int(max_age))
        compressed = None
        if not has_form:
            # Calendar programs and feed readers poll: with the ETag they ask "changed since?"
            # and, until the next publish, get a 304 without the body.
            set_response_etag(response)
            compressed = _compressed(response)
            if compressed is not None:
                # Whoever keeps answers downstream (a CDN, Varnish) keeps both forms apart.
                patch_vary_headers(response, ("Accept-Encoding",))
        headers = {name: value for name, value in response.items() if name.lower() not in UNSTORED_HEADERS}
        _set_downstream_cache_control(response, has_form)
        try:
            # A page kept briefly (places left at an event) may be forgotten early by
            # another server: only pages kept until content changes are copied by workers.
            copyable = max_age is None
            cache.set(key, (content, headers, has_form, copyable, compressed), timeout)
        except Exception:
            logger.warning("page cache: could not store %s", request.path, exc_info=True)

    def _from_cache(self, request, cached):
        from django.http import HttpResponse

        content, headers, has_form = cached[:3]
        compressed = cached[4] if len(cached) > 4 else None
        if has_form:
            content = content.replace(PLACEHOLDER, get_token(request).encode())
        gzipped = compressed is not None and _accepts_gzip(request)
        response = HttpResponse(compressed if gzipped else content)
        for name, value in headers.items():
            response[name] = value
        if gzipped:
            response["Content-Encoding"] = "gzip"
            if "ETag" in response:
                response["ETag"] = _gzip_etag(response["ETag"])
        _set_downstream_cache_control(response, has_form)
        response["X-Page-Cache"] = "hit"
        if not has_form and "ETag" in response:
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response


# Headers that belong to one answer, not to the page: the body's length and encoding are
# set for the form each visitor is sent.
UNSTORED_HEADERS = ("set-cookie", "x-page-cache", "content-length", "content-encoding")


def _compressed(response):
    """The body gzip-compressed, or None where that is not worth it. No secret is in
    these answers (pages with a form are never compressed here), so compression cannot
    leak one (BREACH), and the bytes are the same on every server (no timestamp)."""
    if response.has_header("Content-Encoding") or len(response.content) < GZIP_MIN_BYTES:
        return None
    compressed = compress_string(response.content)  # Django's GZipMiddleware's, without its random bytes
    return compressed if len(compressed) < len(response.content) else None


def _accepts_gzip(request):
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").lower().split(","):
        match = ACCEPT_ENCODING_PART.match(part)
        if match and match.group(1) in ("gzip", "x-gzip"):
            try:
                return float(match.group(2) or 1) > 0
            except ValueError:
                return False
    return False


def _gzip_etag(etag):
    # Two forms of one answer are two representations: each its own ETag (RFC 9110 8.8.3).
    return f'{etag[:-1]}-gzip"' if etag.endswith('"') else etag


def _pop_max_age(response):
    """The view's wish for a shorter stay in the page cache; never sent to the visitor."""
    max_age = response.get(MAX_AGE_HEADER)
    if max_age is not None:
        del response[MAX_AGE_HEADER]
    return max_age


def _set_downstream_cache_control(response, has_form):
    """Pages without a form may be kept by a CDN or Varnish in front (purged through
    wagtail.contrib.frontend_cache); pages with a form carry a per-visitor token and
    must only be cached here."""
    if "Cache-Control" in response:
        del response["Cache-Control"]
    if has_form:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=60, s_maxage=page_cache_timeout())


def connect_signals(*models_shown_on_every_page):
    """Bump the generation on every page event, and whenever one of the given models
    (snippets rendered in the header/footer or in listings) is saved or deleted."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    page_published.connect(bump_generation, dispatch_uid="page_cache_published")
    page_unpublished.connect(bump_generation, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(bump_generation, dispatch_uid="page_cache_moved")
    page_slug_changed.connect(bump_generation, dispatch_uid="page_cache_slug")
    post_delete.connect(bump_generation, sender=Page, dispatch_uid="page_cache_deleted")
    for model in models_shown_on_every_page:
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"page_cache_save_{model._meta.label}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"page_cache_delete_{model._meta.label}")
    _connect_published_comments()
    from forms_ext.signals import registrations_changed

    registrations_changed.connect(forget_page, dispatch_uid="page_cache_registrations")


def _connect_published_comments():
    """A comment an officer publishes, edits or withdraws shows at once; comments that
    are only received (pending moderation) change no page and keep the cache."""
    from django.db.models.signals import post_delete, post_init, post_save

    from forms_ext.models import CivicSubmission

    approved = CivicSubmission.Moderation.APPROVED

    def remember(sender, instance, **kwargs):
        # Only when loaded: reading a deferred field here would query once per row.
        status = instance.__dict__.get("moderation_status")
        instance._was_published = status == approved

    def bump_if_published(sender, instance, **kwargs):
        if instance.moderation_status == approved or getattr(instance, "_was_published", False):
            bump_generation()
        instance._was_published = instance.moderation_status == approved

    post_init.connect(remember, sender=CivicSubmission, weak=False, dispatch_uid="page_cache_comment_init")
    post_save.connect(bump_if_published, sender=CivicSubmission, weak=False, dispatch_uid="page_cache_comment_saved")
    post_delete.connect(
        bump_if_published, sender=CivicSubmission, weak=False, dispatch_uid="page_cache_comment_deleted"
    )


class RouteCacheMiddleware:
    """Remember which page a URL leads to until content changes, so a page rendered
    without the page cache (a form's answer, a visitor with a session, the page cache
    off) is found without a query (each worker keeps the live page, copied per request)
    instead of one or two per level of the tree.

    Wagtail's `Page.route_for_request` keeps its answer on the request; this fills it in
    before Wagtail looks. Only plain routes are remembered (a routable page's sub-views
    are left to Wagtail), and every publish, unpublish, move, slug change or delete starts
    afresh. View restrictions and every other before-serve check still run as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _bypassed(request.path):
            return self.get_response(request)
        try:
            _request_state.generation = _generation()
        except Exception:  # cache down: everything is built afresh
            _request_state.generation = None
        try:
            return self._serve(request)
        finally:
            _request_state.generation = None

    def _serve(self, request):
        key = None
        if not request.path.startswith(API_PREFIX):
            try:
                key = f"route-v2:{_generation()}:{request.get_host()}|{request.path}"
                remembered = _shared_get(key)
            except Exception:  # cache down: Wagtail routes as usual
                key, remembered = None, None
            if remembered is not None:
                label, pk, site = remembered
                page = _load_page(label, pk)
                if page is not None:
                    from wagtail.url_routing import RouteResult

                    request._wagtail_route_for_request = RouteResult(page)
                    request._wagtail_site = site  # what Site.find_for_request keeps on the request
                    return self.get_response(request)
        response = self.get_response(request)
        if key is not None:
            self._remember(request, response, key)
        return response

    def _remember(self, request, response, key):
        route = getattr(request, "_wagtail_route_for_request", None)
        if route is None or response.status_code >= 400 or getattr(request, "is_preview", False):
            return
        page, args, kwargs = route[0], route[1], route[2]
        if args or kwargs or not page.live:
            return
        site = getattr(request, "_wagtail_site", None)
        if site is None:
            return
        try:
            _shared_set(key, (page._meta.label_lower, page.pk, site), page_cache_timeout())
        except Exception:
            logger.warning("page cache: could not remember the route to %s", request.path, exc_info=True)


def _load_page(label, pk):
    from django.apps import apps

    try:
        model = apps.get_model(label)
    except LookupError:
        return None

    def load():
        # get(), not first(): ordering a one-row lookup by its key costs a fifth of compiling it.
        try:
            return model.objects.select_related("locale").get(pk=pk, live=True)
        except model.DoesNotExist:
            return None

    # The live page changes only when it is published (which starts a new content version),
    # so each worker keeps the one it read and serves every request a copy of its own:
    # whatever a request caches on its page (a form's state, the time-dependent "is the
    # form open") stays with that request. Reading it costs more than the rest of a form POST.
    kept = in_worker_until_content_changes(f"live-page:{label}:{pk}", load)
    return copy.copy(kept) if kept is not None else None
