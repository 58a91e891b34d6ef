"""Public view: cancelling a registration through its signed link (GET asks, POST does,
so a mail scanner following the link cancels nothing)."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from forms_ext import registration
from forms_ext.signals import registrations_changed
from forms_ext.tokens import registration_for_token


@require_http_methods(["GET", "POST"])
def cancel_registration(request, token):
    entry = registration_for_token(token)
    if entry is None:
        return render(request, "forms_ext/cancel_registration.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST" and entry.status != entry.Status.CANCELLED:
        registration.cancel(entry)
        registrations_changed.send(sender=type(entry), request=request, page=entry.page)
        done = True
    entry.refresh_from_db()
    page = entry.page.specific.localized
    return render(request, "forms_ext/cancel_registration.html", {"entry": entry, "event_page": page, "done": done})
