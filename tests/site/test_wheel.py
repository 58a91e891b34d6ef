"""The distribution, as an adopter gets it: the built wheel carries every template,
static file and catalog of the apps, and a fresh `wagtail start` project that installs it
into a fresh virtualenv and adds the settings and URLs of docs/adopting.md (applied from
that page, word for word) renders a page with a citizens' form and takes a submission."""

import json
import re
import subprocess
import sys
import zipfile

import pytest

from tests.support.live_site import ROOT

pytestmark = [pytest.mark.system, pytest.mark.slow]
APPS = ("civic_core", "pages", "forms_ext")
PACKAGE_DATA = ("templates", "static", "locale", "locale_js", "locale_upstream")


def documented(block):
    """The code block between <!-- block --> and <!-- /block --> in docs/adopting.md."""
    text = (ROOT / "docs" / "adopting.md").read_text()
    section = text.split(f"<!-- {block} -->", 1)[1].split(f"<!-- /{block} -->", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(["make", "messages"], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = out.glob("wagtail_civic-*.whl")
    return built


def test_the_wheel_carries_every_template_static_file_and_catalog(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = set()
    for app in APPS:
        for folder in PACKAGE_DATA:
            for path in (ROOT / app / folder).rglob("*") if (ROOT / app / folder).exists() else ():
                if path.is_file() and "__pycache__" not in path.parts:
                    expected.add(str(path.relative_to(ROOT)))
    assert expected and not expected - names
    assert any(name.endswith("pages/locale/bg/LC_MESSAGES/django.mo") for name in names)
    assert not any(name.startswith(("sliven_site/", "tests/", "bench/")) for name in names)


def test_a_fresh_wagtail_site_installs_the_wheel_and_takes_a_citizens_submission(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
        timeout=1200,
    )
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run([str(venv / "bin" / "wagtail"), "start", "adopter", str(project)], check=True, capture_output=True)
    settings = project / "adopter" / "settings" / "base.py"
    settings.write_text(settings.read_text() + "\n" + documented("adopter-settings"))
    urls = project / "adopter" / "urls.py"
    urls.write_text(urls.read_text() + "\n" + documented("adopter-urls"))
    environment = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "adopter.settings.dev"}
    for command in (["migrate", "--noinput", "-v0"], ["check", "--fail-level", "ERROR"]):
        subprocess.run(
            [str(python), "manage.py", *command],
            cwd=project,
            env=environment,
            check=True,
            capture_output=True,
            timeout=300,
        )
    check = subprocess.run(
        [str(python), str(ROOT / "tests" / "adopters" / "check_adoption.py"), "suite_defaults"],
        cwd=project,
        env={**environment, "PYTHONPATH": str(project)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout.strip().splitlines()[-1])
    assert report["page_status"] == 200 and report["form_shown"] and report["honeypot_hidden"]
    assert report["thank_you"] and report["listed"]
    # The suite was imported from the wheel in the virtualenv, not from this checkout.
    where = subprocess.run(
        [str(python), "-c", "import forms_ext; print(forms_ext.__file__)"], capture_output=True, text=True, cwd=tmp_path
    ).stdout
    assert str(venv) in where
