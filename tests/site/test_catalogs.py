"""Interface strings: every gettext string in the suite's code and templates and in the
site's has a Bulgarian translation, and every catalog compiles without untranslated or
fuzzy messages."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted(
    [
        *ROOT.glob("civic_core/locale/*/LC_MESSAGES/django.po"),
        *ROOT.glob("pages/locale/*/LC_MESSAGES/django.po"),
        *ROOT.glob("forms_ext/locale/*/LC_MESSAGES/django.po"),
        *ROOT.glob("locale/*/LC_MESSAGES/django.po"),
    ]
)


def test_every_interface_string_has_a_bulgarian_translation():
    """i18n-sync extracts today's strings into a copy of the checkout and reports each one
    without Bulgarian (or with the English copied in)."""
    result = subprocess.run(
        [sys.executable, "scripts/i18n-sync", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite://"},
    )
    assert result.returncode == 0, (
        "Run scripts/i18n-sync and translate what it lists:\n" + result.stdout + result.stderr
    )


def test_every_app_carries_its_own_catalogs():
    assert {path.relative_to(ROOT).parts[0] for path in CATALOGS} == {"civic_core", "pages", "forms_ext", "locale"}


@pytest.mark.parametrize("catalog", CATALOGS, ids=[str(path.relative_to(ROOT)) for path in CATALOGS])
def test_msgfmt_reports_no_untranslated_or_fuzzy_messages(catalog, tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(catalog)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    assert "translated message" in result.stderr
