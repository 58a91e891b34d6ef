"""What an auditor checks from the outside: response headers, the deployment check and
the admin login's resistance to password guessing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_URLS = ["/", "/proekt/", "/en/", "/en/project/", "/no-such-page/"]


def check_deploy(**settings):
    environment = {name: value for name, value in os.environ.items() if name != "SITE_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="sliven_site.settings.production",
        SECRET_KEY="k" * 20 + "Q9!z" * 12,
        ALLOWED_HOSTS="civic.example.org",
        **settings,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = check_deploy(SITE_URL="https://civic.example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        (None, "civic_core.W001"),  # unset: absolute URLs would follow the request's host
        ("http://127.0.0.1:8000", "civic_core.W002"),
        ("http://civic.example.org", "civic_core.W003"),  # production redirects to HTTPS
        ("ftp://civic.example.org", "civic_core.E001"),
    ],
)
def test_check_deploy_names_a_missing_or_wrong_public_origin(site_url, expected):
    result = check_deploy(**({"SITE_URL": site_url} if site_url else {}))
    assert result.returncode != 0 and expected in result.stdout + result.stderr, result.stdout + result.stderr


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_send_a_strict_content_security_policy(client, demo, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_has_its_own_policy_that_lets_wagtail_work(client, db):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy  # the page preview is a same-origin frame


def test_https_responses_carry_hsts(client, settings, demo):
    # check --deploy (above) proves production turns HSTS and secure cookies on; this
    # shows the header really goes out with those values.
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def failed_login(client, username="officer"):
    return client.post("/admin/login/", {"username": username, "password": "wrong guess"}, REMOTE_ADDR="203.0.113.7")


@pytest.fixture
def officer(django_user_model, settings):
    settings.AXES_ENABLED = True
    return django_user_model.objects.create_user("officer", "officer@example.org", "right password", is_staff=True)


def test_password_guessing_locks_the_account_with_a_clear_message(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = failed_login(client)
        assert response.status_code == 200  # the login form again, with its error
    response = failed_login(client)
    assert response.status_code == 429
    assert "Твърде много неуспешни опити за вход" in response.content.decode()

    # Even the right password is refused while the lock lasts.
    response = client.post(
        "/admin/login/", {"username": "officer", "password": "right password"}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_officer_under_the_limit_still_logs_in(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        failed_login(client)
    response = client.post(
        "/admin/login/", {"username": "officer", "password": "right password"}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)
