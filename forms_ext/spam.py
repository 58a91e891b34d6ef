"""Spam defence without accounts or third-party services: a honeypot field, a signed
single-use token with the time the form was shown (a minimum time to fill it, and no
replaying one form thousands of times), a per-client rate limit in the cache, and
duplicate detection by a fingerprint of the answers (forms_ext.pipeline).

Every page that shows a form carries a token of its own, cached page or not: the page
cache fills a fresh one into each copy it serves, as it does the CSRF token
(`register_visitor_values`). A token is spent when the submission it came with is stored
or held; a form shown again (with errors, say) carries a new one."""

import base64
import hashlib
import hmac
import json
import re
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from civic_core import throttle
from forms_ext import conf

HONEYPOT_FIELD = "website"
TOKEN_FIELD = "form_token"
_TOKEN_SALT = "forms_ext.form-token"
# A form left open longer than this is stale: the citizen is asked to send it again.
TOKEN_MAX_AGE_SECONDS = 24 * 60 * 60
# The token's place in a rendered form, for the page cache's per-visitor filling.
TOKEN_INPUT = re.compile(rb'(<input type="hidden" name="form_token" value=")[^"]*(")')
STALE_MESSAGE = _("This form has expired or was changed. Please check your answers and send it again.")
SPENT_MESSAGE = _("This form was already sent from this page. Please check your answers and send it again.")


_signer = signing.Signer(salt=_TOKEN_SALT)
_keys = {}


def _key(secret):
    """This token's HMAC key for one secret key, derived once per process by Django's
    salted_hmac (every cached copy of a page with a form makes a token: deriving the key
    each time would cost more than the rest of serving the copy)."""
    key = _keys.get(secret)
    if key is None:
        if len(_keys) > 8:
            _keys.clear()
        key = _keys[secret] = salted_hmac(_TOKEN_SALT, "form-token-key", secret=secret, algorithm="sha256").digest()
    return key


def _signature(value, secret):
    digest = hmac.new(_key(secret), value.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def issue_token(issued_at=None):
    """A signed note of when the form was shown, with a nonce that makes it single-use:
    "<unix time>.<nonce>.<HMAC-SHA256>" (the key derived from SECRET_KEY)."""
    issued = int(issued_at if issued_at is not None else time.time())
    value = f"{issued}.{secrets.token_urlsafe(12)}"
    return f"{value}.{_signature(value, settings.SECRET_KEY)}"


def _read(token):
    """[issued, nonce] of a genuine token, else None."""
    token = token or ""
    issued, _, rest = token.partition(".")
    nonce, _, signature = rest.partition(".")
    if issued.isdigit() and nonce and signature and ":" not in token:
        value = f"{issued}.{nonce}"
        for secret in (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())):
            if constant_time_compare(signature, _signature(value, secret)):
                return [int(issued), nonce]
        return None
    return _read_signed_token(token)


def _read_signed_token(token):
    # Tokens issued before the HMAC format (Django's Signer, "<time>.<nonce>:<signature>"),
    # still in forms citizens opened within the last day.
    try:
        value = _signer.unsign(token)
    except signing.BadSignature:
        return _read_json_token(token)
    issued, _, nonce = value.partition(".")
    if not (issued.isdigit() and nonce):
        return _read_json_token(token)
    return [int(issued), nonce]


def _read_json_token(token):
    # Tokens of the first format (signing.dumps of [issued, nonce]).
    try:
        value = signing.loads(token or "", salt=_TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], str)):
        return None
    return value


def seconds_since_issue(token):
    """Seconds since the form was shown, or None if the token is missing, forged or stale."""
    value = _read(token)
    if value is None:
        return None
    elapsed = time.time() - value[0]
    return elapsed if 0 <= elapsed <= TOKEN_MAX_AGE_SECONDS else None


def _spent_key(token):
    return f"forms_ext:spent-token:{_read(token)[1]}"


def spend_token(token):
    """Mark the token used; False when it already was (a replayed form). With the cache
    down (django-redis answers None) a replay cannot be told apart: the form goes on, and
    its duplicate check still stops the same answers twice."""
    return cache.add(_spent_key(token), 1, timeout=TOKEN_MAX_AGE_SECONDS) is not False


def count_and_spend(scope, client, token, count=True):
    """`rate_limited(scope, client)` (unless not `count`) and `spend_token(token)`, in
    one round trip to Redis: (over the limit, the token was fresh)."""
    if not count:
        return False, spend_token(token)
    number, fresh = throttle.count_and_claim(
        _rate_scope(scope), client, conf.get("FORMS_RATE_WINDOW_SECONDS"), _spent_key(token), TOKEN_MAX_AGE_SECONDS
    )
    return number > conf.get("FORMS_RATE_LIMIT"), fresh


def unspend_token(token):
    """Give a token back when what came with it was not stored after all."""
    cache.delete(_spent_key(token))


def register_visitor_values():
    """Every copy of a cached page gets a form token of its own (civic_core.cache)."""
    from civic_core.cache import register_visitor_value

    register_visitor_value("forms_ext.form_token", TOKEN_INPUT, lambda request: issue_token())


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
            raise forms.ValidationError(STALE_MESSAGE, code="stale_form")
        return token


def refresh_token(form):
    """Show a bound form again with a new token (the old one may have been spent)."""
    data = form.data.copy()
    data[TOKEN_FIELD] = issue_token()
    form.data = data
    return form


def honeypot_filled(form):
    return bool(form.cleaned_data.get(HONEYPOT_FIELD))


def sent_too_fast(form):
    return seconds_since_issue(form.cleaned_data.get(TOKEN_FIELD)) < conf.get("FORMS_MIN_FILL_SECONDS")


def rate_limited(scope, client):
    """Count this submission against the client's window on `scope` (a form page's id,
    or "alerts"); True once over FORMS_RATE_LIMIT in FORMS_RATE_WINDOW_SECONDS."""
    return throttle.over_limit(
        _rate_scope(scope), client, conf.get("FORMS_RATE_LIMIT"), conf.get("FORMS_RATE_WINDOW_SECONDS")
    )


def _rate_scope(scope):
    return f"forms:{scope}"


def held_in_window(scope, client, held_pk=None):
    """The held row already kept for this client on `scope` in the current window (its
    id), or None; with `held_pk`, remember that row as the window's."""
    key = f"forms_ext:held:{scope}:{client}"
    if held_pk is not None:
        cache.set(key, held_pk, timeout=conf.get("FORMS_RATE_WINDOW_SECONDS"))
        return held_pk
    return cache.get(key)


def fingerprint(page_id, answers, client):
    """The same answers to the same form from the same client give the same fingerprint;
    two people who happen to give identical short answers are not duplicates."""
    canonical = json.dumps(
        {"page": page_id, "answers": answers, "client": client}, sort_keys=True, cls=DjangoJSONEncoder
    )
    return hashlib.sha256(canonical.encode()).hexdigest()
