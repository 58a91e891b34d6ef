"""Spam defence without accounts or third-party services: a honeypot field, a minimum
time between showing and sending the form (a signed timestamp), a per-client rate
limit in the cache, and duplicate detection by a fingerprint of the answers."""

import hashlib
import json
import time

from django import forms
from django.core import signing
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

from forms_ext import conf

HONEYPOT_FIELD = "website"
TOKEN_FIELD = "form_token"
_TOKEN_SALT = "forms_ext.form-token"
# A form left open longer than this is stale: the citizen is asked to send it again.
TOKEN_MAX_AGE_SECONDS = 24 * 60 * 60


def issue_token(issued_at=None):
    """A signed note of when the form was shown; tampering breaks the signature."""
    return signing.dumps(int(issued_at if issued_at is not None else time.time()), salt=_TOKEN_SALT)


def seconds_since_issue(token):
    """Seconds since the form was shown, or None if the token is missing, forged or stale."""
    try:
        issued_at = signing.loads(token or "", salt=_TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(issued_at, int):
        return None
    elapsed = time.time() - issued_at
    return elapsed if 0 <= elapsed <= TOKEN_MAX_AGE_SECONDS else None


class SpamDefenceFields(forms.Form):
    """Hidden fields every civic form carries. The honeypot is hidden from people by CSS
    and labelled so screen-reader users leave it empty too."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_form_token(self):
        token = self.cleaned_data.get(TOKEN_FIELD)
        if seconds_since_issue(token) is None:
            raise forms.ValidationError(
                _("This form has expired or was changed. Please check your answers and send it again."),
                code="stale_form",
            )
        return token


def honeypot_filled(form):
    return bool(form.cleaned_data.get(HONEYPOT_FIELD))


def sent_too_fast(form):
    return seconds_since_issue(form.cleaned_data.get(TOKEN_FIELD)) < conf.get("FORMS_MIN_FILL_SECONDS")


def rate_limited(page_id, ip_hash):
    """Count this submission against the client's window; True once over the limit."""
    key = f"forms_ext:rate:{page_id}:{ip_hash}"
    try:
        count = cache.incr(key)  # one round trip while the client's window is open
    except ValueError:  # the first submission in the window
        if cache.add(key, 1, timeout=conf.get("FORMS_RATE_WINDOW_SECONDS")):
            count = 1
        else:  # another request opened the window meanwhile
            count = cache.incr(key)
    return count > conf.get("FORMS_RATE_LIMIT")


def fingerprint(page_id, answers, ip_hash):
    """The same answers to the same form from the same client give the same fingerprint;
    two people who happen to give identical short answers are not duplicates."""
    canonical = json.dumps(
        {"page": page_id, "answers": answers, "client": ip_hash}, sort_keys=True, cls=DjangoJSONEncoder
    )
    return hashlib.sha256(canonical.encode()).hexdigest()
