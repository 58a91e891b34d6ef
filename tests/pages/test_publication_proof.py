"""Each publication of a public page is kept as it happened: the task worker renders the
published revision, as an anonymous visitor sees it on the public origin, to PDF in the
private storage, and officers download it from the page's records. Translators and
visitors do not."""

import io
import time
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from pages import roles
from pages.models import PublicationRecord
from tests.support import factories, people

pytestmark = pytest.mark.django_db

ORIGIN = "https://civic.example.org"


@pytest.fixture
def public(settings, home):
    """The site on its public origin, its tasks stored for the worker (as in production)."""
    settings.SITE_URL = ORIGIN
    settings.CIVIC_PUBLICATION_PROOF = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return home


@pytest.fixture
def news_index(public):
    return factories.NewsIndexPageFactory(parent=public)


def run_the_task_worker(monkeypatch):
    """What `manage.py db_worker` does, until no task is left. (Between tasks it drops
    stale database connections, which would end the test's transaction.)"""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    call_command("db_worker", batch=True, interval=0, reload=False, startup_delay=False, verbosity=0)


def publish_news(news_index, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return factories.NewsPageFactory(parent=news_index, **fields)


def public_url(page):
    return ORIGIN + urlsplit(page.full_url).path


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def refused(response):
    """The admin's refusal of a logged-in user: 403, or Wagtail's redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def download(client, record):
    return client.get(f"/admin/publications/{record.pk}/pdf/")


def test_a_publication_is_rendered_by_the_worker_and_an_officer_downloads_it(
    news_index, django_capture_on_commit_callbacks, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    page = publish_news(news_index, django_capture_on_commit_callbacks, title="Обсъждане на бюджета за 2027 г.")
    record = PublicationRecord.objects.get(page=page)
    # Publishing only queued the rendering.
    assert record.status == PublicationRecord.Status.PENDING and not record.pdf
    assert DBTaskResult.objects.filter(task_path__endswith="render_publication", status="READY").exists()

    started = time.monotonic()
    run_the_task_worker(monkeypatch)
    record.refresh_from_db()
    print(f"\none rendering: {record.render_seconds:.2f} s (the worker's run: {time.monotonic() - started:.2f} s)")
    assert record.status == PublicationRecord.Status.DONE, record.error
    assert record.url == public_url(page) and record.revision_id == page.live_revision_id
    officer = people.logged_in(people.in_role("officer"))
    listing = officer.get(f"/admin/pages/{page.pk}/publications/")
    assert listing.status_code == 200
    assert record.url in listing.content.decode() and "Изтегляне на PDF" in listing.content.decode()

    response = download(officer, record)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert len(content) == record.size
    text = pdf_text(content)
    assert "Обсъждане на бюджета за 2027 г." in text
    assert public_url(page) in text.replace("\n", "")
    assert "Публикувано на" in text
    assert "Европейски съюз" in text  # the EU visibility block of every public page


def test_the_rendering_is_of_the_revision_published_not_of_a_later_one(
    news_index, django_capture_on_commit_callbacks, monkeypatch
):
    page = publish_news(news_index, django_capture_on_commit_callbacks, title="Първа версия на новината")
    page.title = "Втора версия на новината"
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(page)
    run_the_task_worker(monkeypatch)  # both renderings run after the second publish

    first, second = PublicationRecord.objects.filter(page=page).order_by("published_at", "pk")
    print(f"\nrenderings: {first.render_seconds:.2f} s, {second.render_seconds:.2f} s")
    officer = people.logged_in(people.in_role("officer"))
    first_text = pdf_text(b"".join(download(officer, first).streaming_content))
    second_text = pdf_text(b"".join(download(officer, second).streaming_content))
    assert "Първа версия на новината" in first_text and "Втора версия" not in first_text
    assert "Втора версия на новината" in second_text


def test_the_english_translation_is_kept_too(news_index, django_capture_on_commit_callbacks, monkeypatch):
    page = publish_news(news_index, django_capture_on_commit_callbacks, title="Новина за превод")
    with django_capture_on_commit_callbacks(execute=True):
        english = factories.translate(page, title="News to translate")
    run_the_task_worker(monkeypatch)
    record = PublicationRecord.objects.get(page=english)
    assert record.locale.language_code == "en" and record.url == public_url(english)
    officer = people.logged_in(people.in_role("officer"))
    # The Bulgarian page's records list both languages.
    listing = officer.get(f"/admin/pages/{page.pk}/publications/").content.decode()
    assert record.url in listing and public_url(page) in listing
    assert "News to translate" in pdf_text(b"".join(download(officer, record).streaming_content))


def test_a_private_page_leaves_no_public_record(news_index, django_capture_on_commit_callbacks):
    page = publish_news(news_index, django_capture_on_commit_callbacks, title="Вътрешна новина")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    PublicationRecord.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(page)
    assert not PublicationRecord.objects.filter(page=page).exists()


def test_translators_and_visitors_get_neither_the_list_nor_the_file(
    news_index, django_capture_on_commit_callbacks, monkeypatch
):
    page = publish_news(news_index, django_capture_on_commit_callbacks, title="Новина")
    with django_capture_on_commit_callbacks(execute=True):
        english = factories.translate(page, title="News")
    run_the_task_worker(monkeypatch)
    roles.create_groups()  # translators get this test's English tree too
    translator_person = people.in_role("translator")
    assert english.permissions_for_user(translator_person).can_edit()  # they may edit the translation…
    translator = people.logged_in(translator_person)
    for record in PublicationRecord.objects.filter(translation_key=page.translation_key):
        assert record.status == PublicationRecord.Status.DONE
        assert refused(download(translator, record))  # …but not see the evidence
        anonymous = download(Client(), record)
        assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert refused(translator.get(f"/admin/pages/{english.pk}/publications/"))
    assert refused(translator.get(f"/admin/pages/{page.pk}/publications/"))
    assert Client().get(f"/admin/pages/{page.pk}/publications/").status_code == 302


def test_the_officer_finds_the_records_in_the_pages_menu(news_index, django_capture_on_commit_callbacks):
    page = publish_news(news_index, django_capture_on_commit_callbacks, title="Новина с меню")
    officer = people.logged_in(people.in_role("officer"))
    edit = officer.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f"/admin/pages/{page.pk}/publications/" in edit
    translator = people.logged_in(people.in_role("translator"))
    assert f"/admin/pages/{page.pk}/publications/" not in translator.get(f"/admin/pages/{page.pk}/").content.decode()
