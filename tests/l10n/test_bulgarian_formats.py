"""Dates, times and numbers as Bulgarian is written (and English for Europeans)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import formats, translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [("bg", "28 ноември 2026 г."), ("en", "28 November 2026")],
)
def test_dates_read_naturally(language, expected):
    with translation.override(language):
        assert formats.date_format(datetime.date(2026, 11, 28)) == expected


def test_bulgarian_times_weeks_and_numbers():
    with translation.override("bg"):
        assert formats.time_format(datetime.time(14, 5)) == "14:05"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1
        assert formats.number_format(Decimal("1234567.5"), 2, force_grouping=True) == "1\xa0234\xa0567,50"
        assert [formats.date_format(datetime.date(2026, m, 1), "E") for m in (1, 5, 12)] == [
            "януари",
            "май",
            "декември",
        ]


def test_the_project_page_shows_its_duration_in_each_language(client, demo):
    assert "1 октомври 2019 г. – 30 септември 2020 г." in client.get("/proekt/").content.decode()
    assert "1 October 2019 – 30 September 2020" in client.get("/en/project/").content.decode()
