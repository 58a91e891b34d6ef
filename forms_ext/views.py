"""Public views behind the signed links of a registration's emails: confirming the place
and cancelling it. GET asks, POST does, so a mail scanner following a link changes
nothing; the pages show the registration, so they are never cached."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from forms_ext import registration
from forms_ext.tokens import registration_for_token


def _event_page(entry):
    return entry.page.specific.localized


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_registration(request, token):
    entry = registration_for_token(token, "confirm")
    if entry is None:
        return render(request, "forms_ext/confirm_registration.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        entry = registration.confirm(entry)
        done = True
    return render(
        request,
        "forms_ext/confirm_registration.html",
        {"entry": entry, "event_page": _event_page(entry), "done": done},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def cancel_registration(request, token):
    entry = registration_for_token(token)
    if entry is None:
        return render(request, "forms_ext/cancel_registration.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST" and entry.status != entry.Status.CANCELLED:
        entry = registration.cancel(entry)
        done = True
    return render(
        request, "forms_ext/cancel_registration.html", {"entry": entry, "event_page": _event_page(entry), "done": done}
    )
