"""The page cache in front of Django: a cached hit answered before Django's handler.

Wrap the site's WSGI application (see docs/adopting.md)::

    from civic_core.cache.wsgi import PageCacheApplication
    application = PageCacheApplication(get_wsgi_application())

An anonymous GET that has a copy is answered here: the request is read as Django reads
it (a WSGIRequest, so the host is checked against ALLOWED_HOSTS, the scheme and cookies
are Django's own), the copy is looked up exactly as PageCacheMiddleware does, and its
stored headers, the visitor's own CSRF token and form token and, for a visitor who has
none, the CSRF cookie set by Django's CsrfViewMiddleware, are sent without Django's
handler, its signals, middleware or response objects. Everything else goes to Django,
where PageCacheMiddleware (listed first) serves or stores it as before: a miss, a
visitor with a session, a conditional request (If-None-Match, If-Modified-Since: Django
answers those 304), an Accept the stored type does not meet, a host ALLOWED_HOSTS does
not name, a plain-HTTP request SecurityMiddleware redirects, any error.

Without the wrapper the middleware alone serves the same copies with the same headers,
at the cost of Django's handler around it.
"""

import logging

from django.core.handlers.wsgi import WSGIRequest

from civic_core.cache.middleware import _acceptable, _accepts_gzip, is_anonymous_get, look_up

logger = logging.getLogger(__name__)

CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


class PageCacheApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "GET" and not any(name in environ for name in CONDITIONAL):
            try:
                answer = self._hit(environ)
            except Exception:  # never worse than Django: it answers instead
                logger.warning("page cache: could not answer before Django", exc_info=True)
                answer = None
            if answer is not None:
                headers, body = answer
                start_response("200 OK", headers)
                return [body]
        return self.application(environ, start_response)

    def _hit(self, environ):
        request = WSGIRequest(environ)
        if not is_anonymous_get(request):
            return None
        served = look_up(request)[3]
        if served is None or not _acceptable(request, served.entry.headers.get("Content-Type", "")):
            return None
        gzipped = served.gzipped is not None and _accepts_gzip(request)
        body, headers, cookies = served.answer(request, gzipped)
        if cookies:
            headers = [*headers, *(("Set-Cookie", morsel.OutputString()) for morsel in cookies.values())]
        return headers, body
