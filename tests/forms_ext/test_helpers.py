"""The small pure helpers: file sniffing, field names, topics, field types."""

import time
from types import SimpleNamespace

import pytest

from forms_ext import filetypes
from forms_ext.fields import CivicFormBuilder
from forms_ext.naming import clean_name_for, transliterate
from forms_ext.spam import issue_token, seconds_since_issue
from forms_ext.topics import topic_choices


def field(field_type, label="Въпрос", choices="", required=True):
    return SimpleNamespace(
        field_type=field_type,
        label=label,
        clean_name=clean_name_for(label),
        choices=choices,
        required=required,
        help_text="",
        default_value="",
    )


@pytest.mark.parametrize(
    "head, expected",
    [(b"%PDF-1.7 rest", "pdf"), (b"\x89PNG\r\n\x1a\nrest", "png"), (b"\xff\xd8\xff\xe0", "jpg"), (b"GIF89a..", "gif")],
)
def test_known_files_are_recognised_by_their_first_bytes(head, expected):
    assert filetypes.sniff(head)[0] == expected


def test_unknown_or_disguised_files_are_not():
    assert filetypes.sniff(b"MZ\x90\x00") is None
    assert filetypes.sniff(b"<html>%PDF-") is None


def test_bulgarian_labels_become_readable_stable_names():
    assert transliterate("Сливен") == "Sliven"
    assert transliterate("Ъгъл, София") == "Agal, Sofia"
    assert clean_name_for("Оценка на услугата") == "otsenka_na_uslugata"
    assert clean_name_for("Щастие и юмрук") == "shtastie_i_yumruk"


def test_the_agreement_scale_stores_positions_the_same_in_every_language():
    form_field = CivicFormBuilder([field("likert")]).formfields["vapros"]
    assert [value for value, _label in form_field.choices] == ["1", "2", "3", "4", "5"]
    assert form_field.clean("4") == 4
    custom = CivicFormBuilder([field("likert", choices="Не\nДа")]).formfields["vapros"]
    assert list(custom.choices) == [("1", "Не"), ("2", "Да")]


def test_section_headings_are_not_form_fields():
    formfields = CivicFormBuilder([field("section", "Раздел"), field("rating")]).formfields
    assert list(formfields) == ["vapros"]


@pytest.mark.django_db
def test_a_required_topic_without_any_topics_keeps_the_form_sendable(monkeypatch):
    monkeypatch.setattr("forms_ext.fields.topic_choices", lambda: [])
    assert CivicFormBuilder([field("topic")]).formfields["vapros"].required is False
    monkeypatch.setattr("forms_ext.fields.topic_choices", lambda: [("roads", "Пътища")])
    topic = CivicFormBuilder([field("topic")]).formfields["vapros"]
    assert topic.required is True and topic.clean("roads") == "roads"


@pytest.mark.django_db
def test_topics_are_read_through_one_function_that_tolerates_a_missing_snippet():
    assert isinstance(topic_choices(), list)


def test_form_tokens_are_signed_and_dated():
    assert 59 <= seconds_since_issue(issue_token(issued_at=time.time() - 60)) <= 61
    assert seconds_since_issue("1700000000:forged") is None
    assert seconds_since_issue(issue_token(issued_at=0)) is None  # stale
    token = issue_token()
    assert seconds_since_issue(token.replace(token[0], "9", 1)) is None  # the time changed: the signature fails
    assert seconds_since_issue(issue_token() + "x") is None


def test_a_form_opened_before_the_token_format_changed_still_sends():
    from django.core import signing

    from forms_ext.spam import _TOKEN_SALT

    earlier = signing.dumps([int(time.time()) - 60, "nonce-of-an-open-form"], salt=_TOKEN_SALT)
    assert 59 <= seconds_since_issue(earlier) <= 61
