"""Requests no view can answer sensibly are turned away at the door with a 400 in the
visitor's language, instead of failing deep in the stack: a NUL character in the address
(no database column can store one), and a body in a character set that does not exist or
does not match the bytes sent."""

import codecs

from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


def _bad_request(message):
    response = HttpResponseBadRequest(f"<!DOCTYPE html><html><body><h1>400</h1><p>{message}</p></body></html>")
    response["Content-Type"] = "text/html; charset=utf-8"
    return response


class BadRequestMiddleware:
    """Place it early (after SecurityMiddleware and LocaleMiddleware, so the message is
    in the visitor's language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or "%00" in request.META.get("QUERY_STRING", "")
            or "\x00" in request.META.get("QUERY_STRING", "")
        ):
            return _bad_request(_("The address contains a character that is not allowed."))
        if request.method == "POST" and not self._body_decodes(request):
            return _bad_request(_("The form was sent in a character encoding the site cannot read."))
        return self.get_response(request)

    @staticmethod
    def _body_decodes(request):
        encoding = request.encoding
        content_type = request.META.get("CONTENT_TYPE", "")
        if "charset=" in content_type:
            encoding = content_type.split("charset=", 1)[1].split(";", 1)[0].strip().strip('"')
        if not encoding or not content_type.startswith("application/x-www-form-urlencoded"):
            return True
        try:
            codecs.lookup(encoding)
            request.body.decode(encoding)
            request.POST  # noqa: B018 (parsed here, where a failure can still be answered)
        except (LookupError, UnicodeDecodeError, ValueError, BadRequest):
            return False
        return True
