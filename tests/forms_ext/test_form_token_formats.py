"""The form token: signed with a key derived from SECRET_KEY, checked in constant time,
valid across a key rotation (SECRET_KEY_FALLBACKS) and in the formats issued before."""

import time

from django.core import signing

from forms_ext import spam


def test_a_token_reads_back_and_any_change_to_it_is_refused():
    token = spam.issue_token(issued_at=time.time() - 60)
    assert 59 <= spam.seconds_since_issue(token) <= 61
    issued, nonce, signature = token.split(".")
    for forged in (
        f"{int(issued) - 3600}.{nonce}.{signature}",  # an older time, to pass the minimum fill time
        f"{issued}.{nonce}x.{signature}",
        f"{issued}.{nonce}.{signature[:-1]}",
        f"{issued}.{nonce}.",
        f"{issued}.{nonce}",
        "",
        "1.2.3.4",
    ):
        assert spam.seconds_since_issue(forged) is None, forged


def test_a_token_signed_with_another_key_is_refused_unless_that_key_is_a_fallback(settings):
    settings.SECRET_KEY = "old-key-" + "x" * 50
    token = spam.issue_token()
    settings.SECRET_KEY = "new-key-" + "y" * 50
    assert spam.seconds_since_issue(token) is None
    settings.SECRET_KEY_FALLBACKS = ["old-key-" + "x" * 50]
    assert spam.seconds_since_issue(token) is not None


def test_tokens_of_the_earlier_formats_are_still_read_for_a_day():
    issued = int(time.time()) - 120
    signer_token = signing.Signer(salt="forms_ext.form-token").sign(f"{issued}.abcdefghijklmnop")
    json_token = signing.dumps([issued, "qrstuvwxyz"], salt="forms_ext.form-token")
    for token in (signer_token, json_token):
        assert 119 <= spam.seconds_since_issue(token) <= 121, token
    stale = signing.Signer(salt="forms_ext.form-token").sign(f"{issued - 2 * 86400}.abcdefghijklmnop")
    assert spam.seconds_since_issue(stale) is None
