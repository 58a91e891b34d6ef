"""What a visitor sees when the infrastructure fails under a request: a clear page in
their language instead of a 500, and (with ATOMIC_REQUESTS) nothing half-saved.

The page is rendered from a static template without a request, so no context processor,
session or user lookup touches the database that just failed.
"""

import errno
import logging

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 120


def fault_response(status, title, message):
    html = render_to_string("errors/fault.html", {"title": title, "message": message})
    return HttpResponse(html, status=status)


def database_unavailable():
    response = fault_response(
        503,
        _("The site is temporarily unavailable"),
        _("We cannot reach our database right now. Nothing you sent was saved: please try again in a few minutes."),
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def storage_full():
    return fault_response(
        507,
        _("The file could not be stored"),
        _(
            "The server has no space left for uploads. Nothing was saved: please tell the site administrator and try again later."
        ),
    )


CONNECTION_FAILURES = ("connect", "server closed", "terminat", "timeout expired", "could not receive", "broken pipe")


def _connection_lost(exception):
    """Whether the database is really gone: an OperationalError is also what a query the
    database refuses raises (SQLite's full-text syntax, say), which is no outage."""
    message = str(exception).lower()
    if any(words in message for words in CONNECTION_FAILURES):
        return True
    try:
        return not connection.is_usable()
    except Exception:
        return True


class ServiceUnavailableMiddleware:
    """Turns a lost database or a full disk during a view into a clear page. The active
    language is the visitor's: LocaleMiddleware has already read it from the URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, InterfaceError) or (
            isinstance(exception, OperationalError) and _connection_lost(exception)
        ):
            logger.error("Database unavailable during %s %s", request.method, request.path, exc_info=exception)
            return database_unavailable()
        if isinstance(exception, OSError) and exception.errno == errno.ENOSPC:
            logger.error("Disk full during %s %s", request.method, request.path, exc_info=exception)
            return storage_full()
        return None
