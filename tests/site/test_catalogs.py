"""Interface strings: every gettext string in our code and templates has a Bulgarian
translation, and both catalogs compile without untranslated or fuzzy messages."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = {code: ROOT / "locale" / code / "LC_MESSAGES" / "django.po" for code in ("bg", "en")}


@pytest.fixture(scope="module")
def fresh_bulgarian_catalog(tmp_path_factory):
    """locale/bg after makemessages over today's code, made in a copy of the checkout
    so the real catalog is untouched."""
    copy = tmp_path_factory.mktemp("checkout")
    for name in ("manage.py", "pages", "forms_ext", "site", "locale"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
        else:
            shutil.copy2(source, copy / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "bg", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite://"},
    )
    return polib.pofile(str(copy / "locale" / "bg" / "LC_MESSAGES" / "django.po"))


def test_every_interface_string_has_a_bulgarian_translation(fresh_bulgarian_catalog):
    missing = [
        f"{entry.msgid!r} ({entry.occurrences[0][0] if entry.occurrences else '?'})"
        for entry in fresh_bulgarian_catalog
        if not entry.translated() or "fuzzy" in entry.flags
    ]
    assert not missing, "Run scripts/i18n-sync and translate in locale/bg: " + ", ".join(missing)


@pytest.mark.parametrize("code", sorted(CATALOGS))
def test_msgfmt_reports_no_untranslated_or_fuzzy_messages(code, tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(CATALOGS[code])],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    assert "translated message" in result.stderr
