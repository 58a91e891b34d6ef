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
import threading
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http.cookie import SimpleCookie
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.text import compress_string

from civic_core.cache import gzip_parts, store
from civic_core.cache.store import (
    WORKER_COPY_SECONDS,
    _generation,
    _request_state,
    _shared_get,
    _shared_set,
    bump_page_version,
    generation_and_version,
    memo_in_worker,
    page_cache_timeout,
    page_version,
    worker_copies,
)

logger = logging.getLogger(__name__)

CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
# A view may shorten how long its page is kept: response[MAX_AGE_HEADER] = "10".
MAX_AGE_HEADER = "X-Page-Cache-Max-Age"
# A view names the page whose own version its answer follows (follow_page_version).
VERSION_HEADER = "X-Page-Cache-Version"
API_PREFIX = "/api/v2/"
PUBLIC_CONTENT_TYPES = ("text/html", "text/calendar", "application/rss+xml", "application/atom+xml")
BYPASS_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")
# Smaller answers are sent as they are: compressing saves too little to pay for itself.
GZIP_MIN_BYTES = 1024
ACCEPT_ENCODING_PART = re.compile(r"^\s*([^;\s]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


# Values a cached page must not share between visitors: {name: (pattern, placeholder,
# fill)}. `pattern` matches the value between two groups; `fill(request)` makes the value
# for the visitor being served. The CSRF token is the first; forms_ext adds its form token.
_visitor_values = {}


def register_visitor_value(name, pattern, fill):
    """Give every visitor served from the cache their own value where `pattern` matches."""
    _visitor_values[name] = (pattern, f"__VISITOR_VALUE_{name}__".encode(), fill)


register_visitor_value("csrf", CSRF_INPUT, get_token)


def _with_placeholders(content):
    for pattern, placeholder, _fill in _visitor_values.values():
        content = pattern.sub(rb"\1" + placeholder + rb"\2", content)
    return content


PLACEHOLDER = re.compile(rb"(__VISITOR_VALUE_[A-Za-z0-9_.]+__)")


def _split_at_placeholders(content):
    """The stored page as [text, placeholder, text, …] (placeholders at odd places), cut
    once per worker so that serving a copy joins pieces instead of searching the page."""
    known = {placeholder for _pattern, placeholder, _fill in _visitor_values.values()}
    parts = PLACEHOLDER.split(content)
    # A placeholder-like string no visitor value owns (text of the page itself) stays text.
    merged = [parts[0]]
    for index in range(1, len(parts), 2):
        if parts[index] in known:
            merged += [parts[index], parts[index + 1]]
        else:
            merged[-1] += parts[index] + parts[index + 1]
    return merged


def _fills():
    return {placeholder: fill for _pattern, placeholder, fill in _visitor_values.values()}


def _bypassed(path):
    """Paths that are never pages: neither the page cache nor the route cache looks at
    them. PAGE_CACHE_BYPASS_PREFIXES adds a site's own (views outside Wagtail)."""
    return path.startswith(BYPASS_PREFIXES + tuple(getattr(settings, "PAGE_CACHE_BYPASS_PREFIXES", ())))


def _path_key(request):
    host = getattr(request, "_page_cache_host", None) or request.get_host()
    raw = f"{request.scheme}|{host}|{request.path}|{request.META.get('QUERY_STRING', '')}".encode()
    return hashlib.sha256(raw).hexdigest()


def _cache_key(path_key, generation):
    return f"page-cache:{generation}:{path_key}"


def keep_briefly(response, seconds):
    """Ask the page cache to keep `response` for `seconds` at most (never longer than
    another view of the same request asked)."""
    seconds = max(1, int(seconds))
    current = response.get(MAX_AGE_HEADER)
    response[MAX_AGE_HEADER] = str(min(seconds, int(current)) if current else seconds)
    return response


def follow_page_version(response, name):
    """Mark `response` as depending on one page's own state as well as on content (the
    places left at an event): it is served from the cache only while that page's version
    is the one read here, before rendering. `name` is the page's translation key."""
    response[VERSION_HEADER] = f"{name}={page_version(name)}"
    return response


def forget_page(sender=None, page=None, **kwargs):
    """Retire one page's cached copies, in every language and on every host and server
    (a signal receiver: the places left at an event changed)."""
    try:
        bump_page_version(str(page.translation_key))
    except Exception:  # the cache being down must never break a registration
        logger.warning("page cache: could not forget %s", page, exc_info=True)


# Each worker learns which cached paths follow a page's own version, so that it reads
# that version with the content version in one round trip.
_version_names = {}
VERSION_NAMES_KEPT = 4096


def _remember_version_name(path_key, name):
    if len(_version_names) >= VERSION_NAMES_KEPT:
        _version_names.clear()
    _version_names[path_key] = name


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


def is_anonymous_get(request):
    """Whether `request` may be answered with a copy: a cacheable anonymous GET, for a
    host ALLOWED_HOSTS names, that SecurityMiddleware would not redirect to HTTPS."""
    if not _is_cacheable_request(request):
        return False
    try:
        request._page_cache_host = _validated_host(request)  # validated once: the key needs it too
    except DisallowedHost:
        return False  # Django answers 400, as without the cache
    return not (settings.SECURE_SSL_REDIRECT and not request.is_secure())


# Hosts Django's get_host() let through, as the client sent them: a hit checks a host
# once per worker (the settings it depends on are read at start; tests that change
# them start afresh). Hosts it refuses are checked every time, so none is kept.
_allowed_hosts = set()
ALLOWED_HOSTS_KEPT = 64


def _validated_host(request):
    raw = request._get_raw_host()
    if raw in _allowed_hosts:
        return raw
    host = request.get_host()  # raises DisallowedHost
    if len(_allowed_hosts) >= ALLOWED_HOSTS_KEPT:
        _allowed_hosts.clear()
    _allowed_hosts.add(host)
    return host


@receiver(setting_changed)
def _hosts_changed(setting, **kwargs):
    if setting in ("ALLOWED_HOSTS", "DEBUG", "USE_X_FORWARDED_HOST", "USE_X_FORWARDED_PORT"):
        _allowed_hosts.clear()


def look_up(request):
    """(key, path key, content version, Served or None) for an anonymous GET. The versions
    come from this worker's copies while Redis says they are current (civic_core.cache.watch),
    the entry usually from this worker's copy too. Raises when the cache is unreachable."""
    path_key = _path_key(request)
    name = _version_names.get(path_key)
    generation, version = generation_and_version(name)
    key = _cache_key(path_key, generation)
    served = worker_copies.get(key)
    if served is None:
        entry = store.cache.get(key)
        if entry is not None:
            served = Served(entry)
            if entry.copyable:
                worker_copies.set(key, served, min(WORKER_COPY_SECONDS, page_cache_timeout()))
    if served is not None and served.entry.version_name is not None:
        entry = served.entry
        if name != entry.version_name:
            _remember_version_name(path_key, entry.version_name)
            version = page_version(entry.version_name)
        if version != entry.version:
            served = None  # the page's own state changed (places were taken or freed)
    return key, path_key, generation, served


class Served:
    """A cached entry made ready to send: its headers for the plain and the gzip form,
    worked out once per worker (the entry is what the shared cache keeps)."""

    __slots__ = ("entry", "plain", "gzipped", "nbytes", "parts", "deflated")

    def __init__(self, entry):
        from django.http import HttpResponse

        self.entry = entry
        self.nbytes = len(entry.content) + len(entry.compressed or b"")
        response = HttpResponse()
        for name, value in entry.headers.items():
            response[name] = value
        _set_downstream_cache_control(response, entry.has_form)
        response["X-Page-Cache"] = "hit"
        base = list(response.items())
        self.plain = [*base, ("Content-Length", str(len(entry.content)))] if not entry.has_form else base
        self.gzipped = None
        self.parts = self.deflated = None
        if entry.has_form:
            self.parts = _split_at_placeholders(entry.content)
            self.deflated = gzip_parts.deflated(self.parts[0::2])
            if self.deflated is not None:
                self.gzipped = [*base, ("Content-Encoding", "gzip")]
        elif entry.compressed is not None:
            gzip_headers = [(n, _gzip_etag(v) if n == "ETag" else v) for n, v in base]
            self.gzipped = [*gzip_headers, ("Content-Encoding", "gzip"), ("Content-Length", str(len(entry.compressed)))]

    def answer(self, request, gzipped=False):
        """(body, headers, cookies) of this copy for `request`: the visitor's own values
        filled in, and the CSRF cookie set through Django's CsrfViewMiddleware for a
        visitor who has none, exactly as the stack below would."""
        entry = self.entry
        if not entry.has_form:
            return (entry.compressed, self.gzipped, {}) if gzipped else (entry.content, self.plain, {})
        _csrf.process_request(request)  # the visitor's own CSRF secret, when they have a cookie
        parts = self.parts
        fills = _fills()
        values = [fills[parts[index]](request).encode() for index in range(1, len(parts), 2)]
        cookies = {}
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            carrier = _carrier()
            _csrf.process_response(request, carrier)  # sets the cookie a new visitor needs
            cookies = carrier.cookies
        if gzipped and self.deflated is not None:
            content = gzip_parts.joined(self.deflated, parts[0::2], values)
            return content, [*self.gzipped, ("Content-Length", str(len(content)))], cookies
        pieces = [parts[0]]
        for value, text in zip(values, parts[2::2], strict=True):
            pieces += (value, text)
        content = b"".join(pieces)
        return content, [*self.plain, ("Content-Length", str(len(content)))], cookies


class PageCacheMiddleware:
    """The outermost layer: list it first in MIDDLEWARE, so that a hit costs one read of
    the shared cache (the content version and, for pages that follow one, the page's own
    version, in one round trip; the entry itself usually comes from this worker's copy)
    and the swap of the per-visitor values, and nothing else.

    What the skipped middleware does for an anonymous GET is kept:
    - the host is validated (ALLOWED_HOSTS) before anything is looked up;
    - a plain-HTTP request that SecurityMiddleware would redirect goes on to it;
    - every header the stack set (HSTS, CSP, Referrer-Policy, X-Frame-Options, nosniff,
      Content-Language, Vary) is stored with the page and sent with each copy; the key
      knows the scheme, so an HTTPS copy carries HSTS and a plain one does not;
    - a visitor who has no CSRF cookie gets one, through Django's own CsrfViewMiddleware;
    - a visitor with a session or pending messages is never served a copy;
    - a client whose Accept does not take the stored type goes on to the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_get(request):
            return self._uncached(request)  # Django answers a bad host 400, or redirects to HTTPS
        try:
            key, path_key, generation, served = look_up(request)
        except Exception:  # Redis down: serve uncached
            logger.warning("page cache: cache unavailable", exc_info=True)
            return self._uncached(request)

        if served is not None:
            if not _acceptable(request, served.entry.headers.get("Content-Type", "")):
                return self._uncached(request)  # the view negotiates what this client asked for
            return self._from_cache(request, served)

        _request_state.generation = generation  # the stack below reads no version again
        try:
            response = self.get_response(request)
        finally:
            _request_state.generation = None
        max_age = _pop_max_age(response)
        followed = _pop_version(response)
        if _is_cacheable_response(request, response):
            self._store(request, response, key, max_age, followed)
            if followed is not None:
                _remember_version_name(path_key, followed[0])
            response["X-Page-Cache"] = "miss"
        return response

    def _uncached(self, request):
        response = self.get_response(request)
        _pop_max_age(response)
        _pop_version(response)
        return response

    def _store(self, request, response, key, max_age=None, followed=None):
        # A page that carries a value of its visitor's own (a CSRF token, a form token);
        # seen in the page, as CsrfViewMiddleware clears its own flag on the way out.
        has_form = any(pattern.search(response.content) for pattern, _placeholder, _fill in _visitor_values.values())
        content = _with_placeholders(response.content) if has_form else response.content
        timeout = page_cache_timeout()
        if max_age is not None and int(max_age) >= timeout + WORKER_COPY_SECONDS:
            max_age = None  # a change further off than any copy lives (a form closing next week)
        if max_age is not None:  # places left at an event; a form that opens or closes soon
            timeout = min(timeout, int(max_age))
        compressed = None
        if has_form and len(content) >= GZIP_MIN_BYTES:
            patch_vary_headers(response, ("Accept-Encoding",))  # sent gzipped to who asks (gzip_parts)
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
            # Workers copy what is kept until content changes, or until the page's own
            # version changes (which every request reads); not what is kept only briefly.
            entry = Entry(
                content,
                headers,
                has_form,
                max_age is None,
                compressed,
                followed[0] if followed else None,
                followed[1] if followed else None,
            )
            store.cache.set(key, entry, timeout)
        except Exception:
            logger.warning("page cache: could not store %s", request.path, exc_info=True)

    def _from_cache(self, request, served):
        from django.http import HttpResponse

        gzipped = served.gzipped is not None and _accepts_gzip(request)
        content, headers, cookies = served.answer(request, gzipped)
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response.cookies.update(cookies)
        if not served.entry.has_form and "ETag" in response:
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response


# Django's own CSRF handling, for the copies served above the stack: it reads a visitor's
# cookie and sets one for a visitor who has none, exactly as CsrfViewMiddleware does below.
_csrf = CsrfViewMiddleware(lambda request: None)
_carriers = threading.local()


def _carrier():
    """An empty response for CsrfViewMiddleware to set its cookie on, one per thread and
    reused (only its cookies are read, and each use starts with none)."""
    carrier = getattr(_carriers, "response", None)
    if carrier is None:
        from django.http import HttpResponse

        carrier = _carriers.response = HttpResponse()
    carrier.cookies = SimpleCookie()
    return carrier


class Entry(NamedTuple):
    """A cached answer."""

    content: bytes
    headers: dict
    has_form: bool
    copyable: bool  # workers may keep copies of it
    compressed: bytes | None
    version_name: str | None  # the page whose own version it follows, if any
    version: int | None


# Headers that belong to one answer, not to the page: the body's length and encoding are
# set for the form each visitor is sent.
UNSTORED_HEADERS = ("set-cookie", "x-page-cache", "content-length", "content-encoding")


def _compressed(response):
    """The body gzip-compressed, or None where that is not worth it. No secret is in
    these answers (pages with a form are compressed around their visitor's values, by
    gzip_parts), so compression cannot leak one (BREACH), and the bytes are the same on
    every server (no timestamp)."""
    if response.has_header("Content-Encoding") or len(response.content) < GZIP_MIN_BYTES:
        return None
    compressed = compress_string(response.content)  # Django's GZipMiddleware's, without its random bytes
    return compressed if len(compressed) < len(response.content) else None


def _acceptable(request, content_type):
    """Whether the client's Accept header allows `content_type` (no header allows all)."""
    accept = request.META.get("HTTP_ACCEPT", "")
    if not accept.strip():
        return True
    wanted = content_type.split(";", 1)[0].strip().lower()
    major = wanted.split("/", 1)[0]
    for part in accept.lower().split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = next((value for name, _, value in (p.partition("=") for p in params) if name == "q"), "1")
        try:
            if float(quality) <= 0:
                continue
        except ValueError:
            continue
        if media in ("*/*", f"{major}/*", wanted):
            return True
    return False


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


def _pop_version(response):
    """(page version name, version) the view said its answer follows, or None."""
    followed = response.get(VERSION_HEADER)
    if followed is None:
        return None
    del response[VERSION_HEADER]
    name, _, version = followed.rpartition("=")
    return name, int(version)


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
