"""An operator backs up the demo site and restores it into a fresh database: the
restored site serves the same pages and documents, and keeps the files citizens sent."""

import os
import re
import subprocess

import pytest

from tests.support.live_site import (
    ROOT,
    LiveSite,
    copy_of_test_database,
    create_database,
    drop_database,
    server_environment,
)

pytestmark = pytest.mark.system
PAGES = ["/", "/proekt/", "/en/", "/en/project/"]
ADD_DOCUMENT = """
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
document = Document.objects.create(title="Протокол", file=ContentFile(b"minutes of the meeting", name="protokol.txt"))
from forms_ext.fields import private_storage
print(private_storage().save("evidence.pdf", ContentFile(b"%PDF-1.4 a citizen's photo of the street")))
print(document.url)
"""
READ_EVIDENCE = """
from forms_ext.fields import private_storage
print(private_storage().open({name!r}).read().decode())
"""


def run_script(script, *args, environment):
    result = subprocess.run(
        [str(ROOT / "scripts" / script), *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def served(site, paths):
    """Each page's status and body, without the per-request CSRF token, and with the
    server's own address (in canonical and share links) made neutral: the two servers
    listen on different ports."""

    def neutral(body):
        from urllib.parse import quote

        body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", body)
        return body.replace(site.url.encode(), b"SITE").replace(quote(site.url, safe="").encode(), b"SITE")

    return {path: (status, neutral(body)) for path in paths for status, body in [site.get(path)]}


def test_a_backup_restored_into_a_fresh_database_serves_the_same_site(django_db_setup, django_db_blocker, tmp_path):
    with django_db_blocker.unblock():
        source_db = copy_of_test_database("backup_source")
        restored_db = create_database(source_db.rsplit("/", 1)[1].replace("source", "restored"))
    source = LiveSite(source_db, tmp_path / "media")
    restored = LiveSite(restored_db, tmp_path / "restored-media")
    try:
        *_, evidence, document_url = source.python(
            "from django.core.management import call_command; call_command('seed_demo')\n" + ADD_DOCUMENT
        ).splitlines()
        backup = run_script(
            "backup",
            environment=dict(server_environment(source_db, tmp_path / "media"), BACKUP_ROOT=str(tmp_path / "backups")),
        )
        assert sorted(os.listdir(backup)) == ["database.dump", "media.tar.gz", "private.tar.gz"]
        assert os.stat(os.path.join(backup, "private.tar.gz")).st_mode & 0o077 == 0  # personal data: owner only
        run_script("restore", backup, environment=server_environment(restored_db, tmp_path / "restored-media"))

        for site in (source.launch(), restored.launch()):  # both start at once: each takes seconds
            site.wait_until_ready()
        before = served(source, PAGES + [document_url])
        after = served(restored, PAGES + [document_url])
        assert all(status == 200 for status, _ in before.values())
        assert after == before
        assert after[document_url][1] == b"minutes of the meeting"
        assert (
            restored.python(READ_EVIDENCE.format(name=evidence)).strip() == "%PDF-1.4 a citizen's photo of the street"
        )
    finally:
        source.stop()
        restored.stop()
        with django_db_blocker.unblock():
            drop_database(source_db.rsplit("/", 1)[1])
            drop_database(restored_db.rsplit("/", 1)[1])


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    environment = dict(os.environ, DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    result = subprocess.run(
        [str(ROOT / "scripts" / "restore"), str(tmp_path)], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "not a backup folder" in result.stderr
