"""Deployment safety and the admin's front door."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_with_settings(module, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_with_settings("sliven_site.settings.production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_with_settings("sliven_site.settings.production", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set in production" in result.stderr


def test_production_settings_start_with_both():
    result = run_with_settings(
        "sliven_site.settings.production", SECRET_KEY="k" * 20 + "Q9!z" * 12, ALLOWED_HOSTS="example.org"
    )
    assert result.returncode == 0, result.stderr


def test_the_site_package_is_not_the_standard_library_site():
    import site

    import sliven_site.settings.base as base

    assert hasattr(site, "getsitepackages")  # the stdlib module is untouched
    assert Path(base.__file__).is_relative_to(ROOT / "site")


@pytest.mark.django_db
def test_admin_shows_the_wagtail_login(client):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    assert 'name="username"' in response.content.decode()


@pytest.mark.django_db
def test_english_is_served_under_en(client, demo):
    assert '<html lang="bg"' in client.get("/").content.decode()
    assert '<html lang="en"' in client.get("/en/").content.decode()
