"""The suite installs into Wagtail sites that are not the Sliven site: one that adds only
forms_ext (with the shared civic_core it needs), one that adds the whole suite with its
defaults. Each runs in a process of its own, with its own settings and database (settings
are per process: inside this run `pages` is already loaded), migrates, renders a page
with a citizens' form, accepts a submission and lists it in Wagtail's admin."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.live_site import ROOT, create_database, drop_database

HERE = Path(__file__).resolve().parent
pytestmark = [pytest.mark.system, pytest.mark.django_db]


def adopt(kind, tmp_path):
    from django.db import connection

    name = f"{connection.settings_dict['NAME']}_adopter_{kind}"
    database = create_database(name)
    environment = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "settings",
        "DATABASE_URL": database,
        "PYTHONPATH": os.pathsep.join([str(HERE / kind), str(ROOT), str(HERE)]),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "FORMS_PRIVATE_ROOT": str(tmp_path / "private"),
    }
    try:
        for command in (
            [sys.executable, "-m", "django", "migrate", "--noinput", "-v0"],
            [sys.executable, "-m", "django", "check", "--fail-level", "WARNING"],
        ):
            subprocess.run(command, cwd=HERE / kind, env=environment, check=True, capture_output=True, timeout=300)
        result = subprocess.run(
            [sys.executable, str(HERE / "check_adoption.py"), kind],
            cwd=HERE / kind,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        drop_database(name)


def test_a_site_with_forms_ext_alone_takes_citizens_input_without_pages(tmp_path):
    report = adopt("forms_only", tmp_path)
    assert report == {
        "pages_imported": False,
        "page_status": 200,
        "form_shown": True,
        "honeypot_hidden": True,
        "sent_status": 200,
        "thank_you": True,
        "listed": True,
        "title": "Contact the council",
    }


def test_a_site_with_the_whole_suite_and_its_defaults_works(tmp_path):
    report = adopt("suite_defaults", tmp_path)
    assert report["pages_imported"] and report["listed"] and report["thank_you"] and report["honeypot_hidden"]
    assert report["title"] == "Contact the council | Suite adopter"  # the suite's layout, the site's name
