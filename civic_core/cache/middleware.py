"""The anonymous full-page cache, which keeps forms working, and the route cache.

Public pages are rendered once and served from the shared cache to every anonymous
visitor. Pages with forms are cached too: before a response is stored, each CSRF token
in the HTML is replaced by a placeholder, and every time the page is served the
placeholder is filled with a token for *that* visitor (which also sets their CSRF
cookie). So the cached HTML carries no per-visitor data and a cached form still
submits, with JavaScript or without. Whatever carries no form also carries an ETag (a
calendar program or feed reader that polls is answered 304 until the next change) and
is kept gzip-compressed beside the text, compressed once when stored.

Entries are keyed by the content version (civic_core.cache.store), so one bump retires
them all; `forget_page` drops one page's entries early (places left at an event).
Logged-in users, previews, the admin and any visitor carrying a session or messages
cookie bypass the cache entirely.
"""

import copy
import hashlib
import logging
import re

from django.conf import settings
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.text import compress_string

from civic_core.cache import store
from civic_core.cache.store import (
    WORKER_COPY_SECONDS,
    _generation,
    _request_state,
    _shared_get,
    _shared_set,
    memo,
    memo_in_worker,
    page_cache_timeout,
    worker_copies,
)

logger = logging.getLogger(__name__)

PLACEHOLDER = b"__CSRF_TOKEN__"
CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
# A view may shorten how long its page is kept: response[MAX_AGE_HEADER] = "10".
MAX_AGE_HEADER = "X-Page-Cache-Max-Age"
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


def _cache_key(request, generation):
    return _key(request.get_host(), request.path, request.META.get("QUERY_STRING", ""), generation)


def _key(host, path, query, generation):
    raw = f"{host}|{path}|{query}".encode()
    return f"page-cache:{generation}:{hashlib.sha256(raw).hexdigest()}"


def keep_briefly(response, seconds):
    """Ask the page cache to keep `response` for `seconds` at most (never longer than
    another view of the same request asked)."""
    seconds = max(1, int(seconds))
    current = response.get(MAX_AGE_HEADER)
    response[MAX_AGE_HEADER] = str(min(seconds, int(current)) if current else seconds)
    return response


def _hosts(request):
    """The host names a page may have been cached under: the request's, else every site's."""
    if request is not None:
        return [request.get_host()]
    from wagtail.models import Site

    hosts = []
    for site in Site.objects.all():
        hosts.append(site.hostname)
        hosts.append(f"{site.hostname}:{site.port}")
    return hosts


def forget_page(sender=None, page=None, request=None, **kwargs):
    """Drop one page, in every language, from the cache: for changes that concern that
    page alone, such as the places left at an event (a signal receiver too)."""
    try:
        generation = _generation()
        keys = []
        for host in _hosts(request):
            # Where a page and its translations live changes only with a publish or a move:
            # kept until then, so a registration reads no page to forget one.
            paths = memo(f"translation-paths:{host}:{page.pk}", lambda: _translation_paths(page, request))
            keys += [_key(host, path, "", generation) for path in paths]
        store.cache.delete_many(keys)
        for key in keys:
            worker_copies.delete(key)
    except Exception:  # the cache being down must never break a registration
        logger.warning("page cache: could not forget %s", page, exc_info=True)


def _translation_paths(page, request):
    return [translation.get_url_parts(request)[2] for translation in page.get_translations(inclusive=True).live()]


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
                cached = store.cache.get(key)
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
            store.cache.set(key, (content, headers, has_form, copyable, compressed), timeout)
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
    kept = memo_in_worker(f"live-page:{label}:{pk}", load)
    return copy.copy(kept) if kept is not None else None
