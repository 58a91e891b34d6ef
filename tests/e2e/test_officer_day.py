"""A communications officer runs the campaign alone, in Bulgarian, in a real browser: she
logs in as a member of *Communications officers* (no superuser), adds a topic, publishes a
consultation with its documents and a form, an event with places, a registration form and
a registration window, and a news item; changes the footer's phone number; approves a
citizen's comment; and downloads the submissions as CSV. Then a member of *Translators*
publishes the event and a recommendation's latest update in English.

Every step checks what people see: the public page shows what was published, the footer
the new number, the consultation the approved comment. On every admin screen of the day
the English detector of tests/e2e/test_admin_speaks_bulgarian.py (one allow-list, there)
looks for English interface text; the test fails naming each word and its screen.
"""

import csv
import io
import json
import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import BrowserPage, translate_segment
from tests.e2e.test_admin_speaks_bulgarian import SEED as WALK_SEED
from tests.e2e.test_admin_speaks_bulgarian import Walk

pytestmark = pytest.mark.e2e

SOFIA = ZoneInfo("Europe/Sofia")
RUN = uuid.uuid4().hex[:6]
TOPIC = f"Зелени площи {RUN}"
CONSULTATION = f"Наредба за зелените площи {RUN}"
EVENT = f"Среща за парк „Изгрев“ {RUN}"
NEWS = f"Започва обсъждането на зелените площи {RUN}"
PHONE = "044 611 234"
COMMENT = "Предлагам повече дървета около детските площадки."
PRIVACY = "Община Сливен събира имейла ви, за да ви отговори. Пазим го една година."
ENGLISH_EVENT = f"Meeting about Izgrev park {RUN}"
RECOMMENDATION = "Повече пейки в градския парк."
UPDATE = "Поставени са двадесет пейки в парка."
ENGLISH_RECOMMENDATION = "More benches in the city park."
ENGLISH_UPDATE = "Twenty benches were put up in the park."

# The officer's day needs a document to attach and a recommendation with a new update to
# translate; it reports where the sections are.
DAY_SEED = """
import json
from django.core.files.base import ContentFile
RECOMMENDATION, UPDATE = {recommendation!r}, {update!r}
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale
from pages.models import (
    ConsultationIndexPage, EventIndexPage, NewsIndexPage, Recommendation, RecommendationTrackerPage,
    RecommendationUpdate, ReportPage, SiteContact,
)
bg = Locale.objects.get(language_code="bg")
Document = get_document_model()
document = Document.objects.filter(title="Мотиви към наредбата за зелените площи").first() or Document.objects.create(
    title="Мотиви към наредбата за зелените площи", file=ContentFile(b"%PDF-1.4 motivi", name="motivi-zeleni-ploshti.pdf"),
    collection=Collection.get_first_root_node(),
)
report = ReportPage.objects.filter(locale=bg).live().first()
recommendation = Recommendation.objects.create(
    report=report, number=99, text=RECOMMENDATION, responsible_unit="Дирекция „Екология“", locale=bg
)
RecommendationUpdate.objects.create(recommendation=recommendation, text=UPDATE, locale=bg)
tracker = RecommendationTrackerPage.objects.get(locale=bg)
print(json.dumps({
    "consultations": ConsultationIndexPage.objects.get(locale=bg).pk,
    "events": EventIndexPage.objects.get(locale=bg).pk,
    "news": NewsIndexPage.objects.get(locale=bg).pk,
    "site_contact": SiteContact.objects.get(locale=bg).pk,
    "recommendation": recommendation.pk,
    "english_tracker": tracker.get_translation(Locale.objects.get(language_code="en")).url,
}))
"""


# Where the officer's pages are published (for the tests that read them).
PUBLISHED = f"""
import json
from pages.models import ConsultationPage, EventPage
bulgarian = dict(locale__language_code="bg", live=True)
print(json.dumps({{
    "public_consultation": ConsultationPage.objects.get(title={CONSULTATION!r}, **bulgarian).url,
    "public_event": EventPage.objects.get(title={EVENT!r}, **bulgarian).url,
}}))
"""


def admin_datetime(moment):
    """The admin's date-time fields take Sofia time as YYYY-MM-DD HH:MM."""
    return moment.astimezone(SOFIA).strftime("%Y-%m-%d %H:%M")


@pytest.fixture(scope="module")
def day(live_site):
    walk = json.loads(live_site.python(WALK_SEED).splitlines()[-1])
    seed = DAY_SEED.replace("{recommendation!r}", repr(RECOMMENDATION)).replace("{update!r}", repr(UPDATE))
    ids = json.loads(live_site.python(seed).splitlines()[-1])
    # What the officer and the translator type is content, not interface.
    typed = [TOPIC, CONSULTATION, EVENT, NEWS, COMMENT, PRIVACY, ENGLISH_EVENT, ENGLISH_RECOMMENDATION, ENGLISH_UPDATE]
    return {**ids, "content": walk["content"] + typed}


class Day:
    """The officer's (or translator's) browser tab and the English detector on it."""

    def __init__(self, tab, content):
        self.tab, self.page = tab, tab.page
        self.walk = Walk(tab, content)

    def look(self, screen):
        """Collect what the screen shows for the English detector."""
        self.page.wait_for_load_state("load")
        self.walk.collect(screen)

    def open(self, screen, path):
        response = self.tab.open(path)
        assert response.status == 200, (screen, path, response.status)
        self.look(screen)

    def submit(self, locator):
        with self.page.expect_navigation():
            locator.click()
        self.page.wait_for_load_state("load")

    def publish(self, screen):
        """Publish from the editor's footer: the action sits in the menu beside "Save draft"."""
        page = self.page
        page.locator("footer").get_by_role("button", name="Още действия").click()
        self.look(f"{screen}, footer menu")
        self.submit(page.locator("footer button[name=action-publish]"))
        errors = page.locator(".help-critical, .error-message, .messages .error")
        assert "/edit/" not in page.url and "/add/" not in page.url, errors.all_inner_texts()

    def success(self):
        return self.page.locator(".messages").inner_text()

    def fill_datetime(self, selector, moment):
        self.page.fill(selector, admin_datetime(moment))
        self.page.keyboard.press("Escape")  # close the date picker

    def add_form_field(self, index, label, field_type):
        page = self.page
        page.get_by_role("button", name="Добавяне на Поле на формуляра").click()
        page.locator(f"#id_form_fields-{index}-label").wait_for()
        page.fill(f"#id_form_fields-{index}-label", label)
        page.select_option(f"#id_form_fields-{index}-field_type", field_type)

    def english(self):
        return f"English on {len(self.walk.english)} screens:\n{self.walk.report()}"


def reader_sees(reader, path, *texts):
    response = reader.open(path)
    assert response.status == 200, path
    main = reader.page.locator("body").inner_text()
    for text in texts:
        assert text in main, (path, text)
    return main


@pytest.fixture(scope="module")
def officer_day(live_site, browser, day):
    """The officer's whole day, run once; each test below checks a part of its outcome."""
    tab = BrowserPage(browser, live_site, {"width": 1366, "height": 900})
    officer = Day(tab, day["content"])
    outcome = {"tab": tab, "officer": officer}
    try:
        tab.log_in("petya-officer", "walk-password")
        officer.look("dashboard")
        page = officer.page

        # A topic, from the Topics list (which shows Bulgarian topics only, each once).
        officer.open("topics", "/admin/snippets/pages/topic/")
        officer.submit(page.locator("header").get_by_role("link", name=re.compile("Добавяне")).first)
        page.fill("#id_name", TOPIC)
        page.fill("#id_slug", f"zeleni-ploshti-{RUN}")
        officer.look("new topic")
        officer.submit(page.locator("footer button[type=submit]").first)
        assert TOPIC in officer.success()
        officer.look("topics after adding one")
        assert page.locator("main").get_by_role("link", name=TOPIC).count() == 1

        # A consultation: the text, the topic, the period, a document and a form for comments.
        now = datetime.now(SOFIA).replace(second=0, microsecond=0)
        officer.open("new consultation", f"/admin/pages/add/pages/consultationpage/{day['consultations']}/")
        page.fill("#id_title", CONSULTATION)
        page.fill("#id_summary", "Общината предлага правила за опазването на зелените площи в кварталите.")
        page.get_by_label(TOPIC).check()
        page.get_by_role("tab", name="Срок за предложения").click()
        officer.fill_datetime("#id_opens_at", now - timedelta(hours=1))
        officer.fill_datetime("#id_closes_at", now + timedelta(days=31))
        page.get_by_role("tab", name="Документи").click()
        page.get_by_role("button", name="Добавяне на Документ").click()
        page.locator("#id_documents-0-title").wait_for()
        page.locator("#inline_child_documents-0").get_by_role("button", name="Избиране на документ").click()
        modal = page.locator(".modal")
        modal.get_by_role("link", name="Мотиви към наредбата за зелените площи").click()
        modal.wait_for(state="hidden")
        page.fill("#id_documents-0-title", "Мотиви към наредбата")
        officer.look("new consultation, documents")
        page.get_by_role("tab", name="Формуляр").click()
        officer.add_form_field(0, "Вашият коментар", "comment")
        officer.add_form_field(1, "Име, с което да го публикуваме", "display_name")
        officer.add_form_field(2, "Имейл", "email")
        officer.add_form_field(3, "Съгласен съм с обработването на личните ми данни", "consent")
        page.locator("#id_publish_comments").check()
        page.fill("#id_privacy_notice", PRIVACY)
        officer.look("new consultation, form builder")
        officer.publish("new consultation")
        assert CONSULTATION in officer.success()
        officer.look("page explorer after publishing a consultation")
        # An event with 15 places, a registration window and a registration form.
        start = (now + timedelta(days=20)).replace(hour=17, minute=30)
        officer.open("new event", f"/admin/pages/add/pages/eventpage/{day['events']}/")
        page.fill("#id_title", EVENT)
        page.fill("#id_summary", "Жителите и общината обсъждат бъдещето на парк „Изгрев“.")
        officer.fill_datetime("#id_start", start)
        officer.fill_datetime("#id_end", start + timedelta(hours=2))
        page.fill("#id_venue_name", "Читалище „Зора“")
        page.get_by_role("tab", name="Регистрация").click()
        page.fill("#id_capacity", "15")
        officer.fill_datetime("#id_registration_opens", now - timedelta(hours=1))
        officer.fill_datetime("#id_registration_closes", start - timedelta(days=1))
        officer.add_form_field(0, "Име и фамилия", "name")
        officer.add_form_field(1, "Имейл", "email")
        officer.add_form_field(2, "Съгласен съм с обработването на личните ми данни", "consent")
        page.fill("#id_privacy_notice", PRIVACY)
        officer.look("new event, registration")
        officer.publish("new event")
        assert EVENT in officer.success()

        # A news item.
        officer.open("new news item", f"/admin/pages/add/pages/newspage/{day['news']}/")
        page.fill("#id_title", NEWS)
        page.fill("#id_summary", "От днес жителите могат да кажат мнението си за зелените площи.")
        officer.publish("new news item")
        assert NEWS in officer.success()

        # The footer's phone number (Settings → Site contacts).
        officer.open("site contacts", f"/admin/snippets/pages/sitecontact/edit/{day['site_contact']}/")
        page.fill("#id_phone", PHONE)
        officer.submit(page.locator("footer button[type=submit]").first)
        officer.look("site contacts saved")
        assert "/admin/" in page.url and not page.locator(".messages .error").count()
        outcome.update(json.loads(live_site.python(PUBLISHED).splitlines()[-1]))
    finally:
        outcome["problems"] = list(tab.problems)
    yield outcome
    tab.close()


def test_the_officer_publishes_a_consultation_an_event_a_news_item_and_a_topic(open_browser, officer_day):
    reader = open_browser("desktop")
    reader_sees(reader, "/konsultatsii/", CONSULTATION)
    reader.open("/konsultatsii/")
    with reader.page.expect_navigation():
        reader.page.locator("main").get_by_role("link", name=CONSULTATION, exact=True).click()
    main = reader.page.locator("main").inner_text()
    assert "Мотиви към наредбата" in main and TOPIC in main  # its document and its topic
    assert reader.page.get_by_role("textbox", name="Вашият коментар").is_visible()
    assert reader.page.url == reader.site.url + officer_day["public_consultation"]

    reader.open("/sabitiya/")
    with reader.page.expect_navigation():
        reader.page.locator("main").get_by_role("link", name=EVENT, exact=True).click()
    assert reader.page.locator(".places-left").inner_text().strip() == "Остават 15 места."
    assert reader.page.get_by_role("textbox", name="Име и фамилия").is_visible()
    assert reader.page.url == reader.site.url + officer_day["public_event"]

    reader_sees(reader, "/novini/", NEWS)
    footer = reader_sees(reader, "/", PHONE)
    assert "Телефон" in footer
    assert not officer_day["problems"], "\n".join(officer_day["problems"])
    assert not reader.problems, "\n".join(reader.problems)


def test_the_officer_approves_a_comment_and_downloads_the_submissions(open_browser, officer_day):
    public = officer_day["public_consultation"]
    citizen = open_browser("phone")
    citizen.open(public)
    page = citizen.page
    page.get_by_role("textbox", name="Вашият коментар").fill(COMMENT)
    page.get_by_role("textbox", name="Име, с което да го публикуваме").fill("Стоян")
    page.get_by_role("textbox", name="Имейл").fill(f"stoyan-{RUN}@example.org")
    page.get_by_label("Съгласен съм с обработването на личните ми данни").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Изпращане").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Благодарим ви"
    citizen.open(public)
    assert COMMENT not in page.locator("main").inner_text()  # not before a moderator approves it

    officer = officer_day["officer"]
    officer.open("moderation queue", "/admin/forms-ext/moderation/")
    row = officer.page.locator("main tr", has=officer.page.get_by_text(CONSULTATION))
    officer.submit(row.get_by_role("link").first)
    officer.look("moderation of a comment")
    assert COMMENT in officer.page.locator("main").inner_text()
    officer.submit(officer.page.get_by_role("button", name="Одобряване и публикуване"))
    officer.look("moderation queue after approving")
    citizen.open(public)
    assert COMMENT in page.locator("main").inner_text()
    assert "Стоян" in page.locator("main").inner_text()

    # The submissions, as CSV: a BOM for spreadsheets, the form's Bulgarian labels as headers.
    officer.open("forms", "/admin/forms/")
    officer.submit(officer.page.locator("main").get_by_role("link", name=CONSULTATION).first)
    officer.look("form submissions")
    toggle = officer.page.locator("header [data-w-dropdown-target=toggle]")
    if toggle.count() and not officer.page.locator("a[href*='export=csv']").first.is_visible():
        toggle.first.click()
        officer.look("form submissions, download menu")
    with officer.page.expect_download() as download:
        officer.page.locator("a[href*='export=csv']").first.click()
    body = open(download.value.path(), "rb").read()
    assert body.startswith(b"\xef\xbb\xbf")
    heading, *rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert "Вашият коментар" in heading and "Имейл" in heading
    assert not [name for name in heading if re.fullmatch(r"[A-Za-z_ ]+", name)], heading
    assert any(COMMENT in row for row in rows)
    assert not officer.tab.problems, "\n".join(officer.tab.problems)
    assert not officer.walk.english, officer.english()


def translate_text(page, source, text):
    """The segment whose source text is `source`: Translate, type, Save."""
    segment = page.locator("li", has=page.get_by_text(source, exact=True)).last
    segment.get_by_role("button", name="Превеждане").click()
    segment.locator("textarea").fill(text)
    segment.get_by_role("button", name="Запазване").click()
    segment.get_by_text("Преведено ръчно").wait_for()


def test_a_translator_publishes_the_event_and_a_recommendation_update_in_english(
    browser, live_site, open_browser, officer_day, day
):
    public_event = officer_day["public_event"]
    tab = BrowserPage(browser, live_site, {"width": 1366, "height": 900})
    translator = Day(tab, day["content"])
    page = translator.page
    try:
        tab.log_in("elena-translator", "walk-password")
        translator.look("translator's dashboard")
        # Reports → Pages to translate lists the new event: translate it, then publish.
        translator.open("pages to translate", "/admin/reports/pages-to-translate/")
        row = page.locator("table.pages-to-translate tr", has=page.get_by_text(EVENT, exact=True))
        translator.submit(row.get_by_role("link").first)
        translator.look("submit the event for translation")
        assert page.get_by_label("English").is_checked()
        translator.submit(page.get_by_role("button", name="Изпращане"))
        page.get_by_role("heading", name="Заглавие", exact=True).first.wait_for()
        translator.look("translation editor of the event")
        translate_segment(page, "Заглавие", ENGLISH_EVENT)
        translator.submit(page.get_by_role("button", name="Превод с Тестов преводач"))
        translator.look("translation editor of the event, machine-translated")
        translator.submit(page.locator("footer button[value=publish]"))
        assert f"Преводът „{ENGLISH_EVENT}“ (English) е публикуван." in translator.success()

        # The same list has the recommendation with its new update, among the snippets.
        translator.open("pages to translate, again", "/admin/reports/pages-to-translate/")
        row = page.locator("table.snippets-to-translate tr", has_text=RECOMMENDATION)
        translator.submit(row.get_by_role("link").first)
        translator.look("submit the recommendation for translation")
        translator.submit(page.get_by_role("button", name="Изпращане"))
        page.get_by_role("heading", name="Препоръка", exact=True).first.wait_for()
        translator.look("translation editor of a recommendation")
        translate_text(page, RECOMMENDATION, ENGLISH_RECOMMENDATION)
        translate_text(page, UPDATE, ENGLISH_UPDATE)
        translator.submit(page.locator("footer button[value=publish]"))
        translator.look("recommendation translated")
        assert not page.locator(".messages .error").count(), translator.success()
        assert not tab.problems, "\n".join(tab.problems)
    finally:
        tab.close()

    reader = open_browser("desktop")
    reader.open("/en/events/")
    with reader.page.expect_navigation():
        reader.page.locator("main").get_by_role("link", name=ENGLISH_EVENT, exact=True).click()
    assert reader.page.get_by_role("heading", level=1).inner_text() == ENGLISH_EVENT
    assert reader.page.locator(".untranslated-notice").count() == 0
    assert reader.page.url.startswith(reader.site.url + "/en/events/")
    # The Bulgarian event's language switcher now leads to its translation.
    reader.open(public_event)
    assert reader.page.locator(".language-switcher a[hreflang=en]").get_attribute("href").startswith("/en/events/")
    reader_sees(reader, day["english_tracker"], ENGLISH_RECOMMENDATION)
    # Its dated updates fold under it: the reader opens them.
    item = reader.page.locator("article.recommendation", has_text=ENGLISH_RECOMMENDATION)
    item.locator("details.recommendation-updates summary").click()
    assert reader.page.get_by_text(ENGLISH_UPDATE).is_visible()
    assert not translator.walk.english, translator.english()
    assert not reader.problems, "\n".join(reader.problems)
