"""A communications officer's day in the admin, screen by screen, shows no English
interface word; nor does a translator's translation editor.

The walk logs in as a member of *Communications officers* (pages.roles; the demo creates
the group) and opens every screen an officer's day touches: the dashboard, the page
explorer, the editor of a consultation (every tab, the form builder included), of an
event and of a news item, the lists and edit screens of Topics, Organisations, Site
contacts and the EU funding notice, images, documents, the Forms list and a form's
submissions, the moderation queue and a comment in it, registrations, a form's
statistics and the reports; then, as a *Translators* member, wagtail-localize's
translation editor of the English event.

On each screen it collects what a person can read: the text of every visible element
(what `document.body.innerText` shows, the sidebar and screen-reader-only text included),
in each of an editor's tabs and with its footer's menu open, and the `title`,
`aria-label`, `placeholder` and `alt` attributes and button values of visible elements.
Any word of three or more Latin letters is English interface, unless it is

- *allowed* (ALLOWED, one place, at most 15 names or phrases, each with its reason), or
  written in capitals only (an abbreviation or a code: PDF, CSV, XLSX, URL, RSS, ID, JPG,
  the project code BG05SFOP001…);
- *content*, left out as follows:
  - *content areas*: what people type into form controls and rich-text editors is never
    collected: `input` and `textarea` values, `[contenteditable]` and Draftail text
    (CONTENT_AREAS); the labels, help texts and placeholders around them are.
  - *content strings*: the strings the database holds that people typed and screens show
    verbatim, listed by the seed below: page titles and slugs of both trees, every text
    field of the officers' snippets (topics, organisations, site contacts, the EU funding
    notice, recommendations), form fields' labels, internal names, help texts and
    choices, image and document titles and file names, collection, user, site and locale
    names, and wagtail-localize's source strings and translations (its editor shows both:
    the English tree's demo content is English). A string of several words is removed
    wherever it appears; a single word only where it is the whole of a text (a title in
    a table cell, a link), quoted („Events“) or named after a colon at the end
    ("Разглеждане: Root"), so that a content word never hides the same word used as
    interface elsewhere.
  - *machine strings*: URLs, e-mail addresses, paths, slugs and internal names
    (lowercase words joined by - or _: gradska-sreda, ime_i_familia), file names and
    their extensions (.docx) are removed by pattern (MACHINE_TEXT).
- a *known bug of another part of the suite* (PENDING_ELSEWHERE: the screen, the text and
  the file where it is to be fixed), and only on that screen.

Every screen must open (HTTP 200, at its own address, not a redirect to the login or a
permission error). A last test checks that the templates civic_core overrides to fix
English Wagtail hard-codes (TEMPLATE_FIXES) are still Wagtail's, but for that fix. The test collects every screen before failing, and names each English
word with the screen and the text it was found in.
"""

import json
import re

import pytest

from tests.e2e.conftest import BrowserPage

pytestmark = pytest.mark.e2e

# What an officer may read in Latin letters in a Bulgarian admin: names, and two strings
# wagtail-localize writes into its compiled JavaScript, with no msgid a catalog could
# translate. At most 15 entries (words or phrases), each with its reason. Besides these,
# a word in capitals only is an abbreviation or a code, never an interface word: file
# formats (PDF, CSV, XLSX, JPG, AVIF, WEBP), URL, RSS, ID, project codes (BG05SFOP001…).
ALLOWED = [
    "Wagtail",  # the content management system's name ("Wagtail 8.0" in the menu's footer)
    "English",  # the English locale is named in its own language, as every language menu does
    "More actions",  # wagtail-localize's editor: its footer's dropdown label, hard-coded in its JS
    "to English translation",  # wagtail-localize's editor: "{source} to {target} translation", in its JS
    "Word",  # the word processor's name, as officers know it ("файлове на Word": the draft act's upload)
]
# English that is a bug of a part of the suite another change owns, left out (as a whole
# word or phrase, on the screens named) until it is fixed there: (screen prefix, text,
# where to fix it). Nothing else belongs here.
PENDING_ELSEWHERE = []
# Content areas: what someone typed, shown in form controls and rich-text editors.
CONTENT_AREAS = "input, textarea, [contenteditable], .Draftail-Editor .public-DraftEditor-content"
MACHINE_TEXT = re.compile(
    r"https?://\S+"  # URLs
    r"|\S+@\S+"  # e-mail addresses
    r"|(?<!\w)/[\w./?=&%-]*"  # paths
    r"|(?<![\w-])[a-z0-9]+(?:[-_][a-z0-9]+)+(?![\w-])"  # slugs and internal names (gradska-sreda, ime_i_familia)
    r"|[\w.-]*\.(?:pdf|png|jpe?g|gif|svg|webp|avif|docx?|xlsx?|csv|odt|ods|txt|zip)\b",  # file names, extensions (.docx)
    re.IGNORECASE,
)
QUOTED_OR_NAMED = re.compile(r"(?<=[„“\"'«])([^„“”\"'«»]+)(?=[“”\"'»])|(?<=: )(\S+)$")
ABBREVIATION = re.compile(r"(?<![A-Za-z])[A-Z0-9]*[A-Z][A-Z0-9]*(?![A-Za-z])")
LATIN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])")

SEED = """
import html
import json
import re
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db.models import CharField, TextField
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Locale, Page, Site
from wagtail.users.models import UserProfile
from wagtail_localize.models import String, StringTranslation
from forms_ext.models import CivicSubmission, Registration
from pages import roles
from pages.models import (
    ConsultationPage, EUFundingNotice, EventPage, NewsPage, Organisation, Recommendation, SiteContact, Topic
)

User = get_user_model()
people = {}
for username, group in [("petya-officer", roles.OFFICERS), ("elena-translator", roles.TRANSLATORS)]:
    person = User.objects.filter(username=username).first() or User.objects.create_user(
        username, f"{username}@example.org", "walk-password", first_name="Петя" if "officer" in username else "Елена"
    )
    person.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = "bg"
    profile.save()
    people[username] = person

bg, en = Locale.objects.get(language_code="bg"), Locale.objects.get(language_code="en")
root = Collection.get_first_root_node()
image = get_image_model().objects.filter(title="Площад „Хаджи Димитър“").first() or get_image_model().objects.create(
    title="Площад „Хаджи Димитър“", file=get_test_image_file(filename="ploshtad.png"), collection=root
)
document = get_document_model().objects.filter(title="Проект на наредба").first() or get_document_model().objects.create(
    title="Проект на наредба", file=ContentFile(b"%PDF-1.4 demo", name="proekt-naredba.pdf"), collection=root
)
consultation = ConsultationPage.objects.get(slug="pravilnik-obshtestveni-saveti-kvartali", locale=bg)
event = EventPage.objects.get(slug="kragla-masa-obshtestveni-saveti", locale=bg)
news = NewsPage.objects.filter(locale=bg).live().first()
comment = CivicSubmission.objects.filter(page=consultation, moderation_status="pending").first()
if comment is None:
    answers = dict(CivicSubmission.objects.filter(page=consultation).exclude(comment="").first().form_data)
    answers["komentar_za_publikuvane"] = "Предлагам съветите да заседават всеки месец."
    comment = CivicSubmission.objects.create(
        page=consultation, language="bg", form_data=answers, fingerprint="walk", moderation_status="pending",
        display_name="Иван", comment=answers["komentar_za_publikuvane"],
    )
# A registration on a past event (the upcoming one's places are counted by other tests).
past_event = EventPage.objects.get(slug="zaklyuchitelna-konferentsiya", locale=bg)
registration = Registration.objects.filter(page=past_event).first() or Registration.objects.create(
    page=past_event, name="Мария Петрова", email="maria@example.org", language="bg", status="confirmed", attended=True
)
content = set()
for page in Page.objects.all():
    content.update([page.title, page.draft_title, page.slug])
for model in (Topic, Organisation, SiteContact, EUFundingNotice, Recommendation):
    fields = [field.name for field in model._meta.fields if isinstance(field, (CharField, TextField))]
    for item in model.objects.all():
        content.update([str(item), *(str(getattr(item, name) or "") for name in fields)])
for model in apps.get_models():
    if issubclass(model, AbstractFormField):
        for field in model.objects.all():
            content.update([field.label, field.clean_name, field.help_text, *(c.strip() for c in re.split("[,\\n]", field.choices))])
# wagtail-localize's editor shows each segment's source and translation, rich text as text.
for text in [*String.objects.values_list("data", flat=True), *StringTranslation.objects.values_list("data", flat=True)]:
    content.update([text, html.unescape(re.sub("<[^>]+>", "", text))])
for item in [*get_image_model().objects.all(), *get_document_model().objects.all()]:
    content.update([item.title, item.file.name, item.file.name.rsplit("/", 1)[-1]])
content.update(collection.name for collection in Collection.objects.all())
for person in User.objects.all():
    content.update([person.get_username(), person.get_full_name(), person.email])
for site in Site.objects.all():
    content.update([site.hostname, site.site_name or ""])
for locale in Locale.objects.all():
    content.add(locale.get_display_name() or "")
print(json.dumps({
    "consultation": consultation.pk,
    "event": event.pk,
    "english_event": event.get_translation(en).pk,
    "news": news.pk,
    "topic": Topic.objects.filter(locale=bg).first().pk,
    "organisation": Organisation.objects.filter(locale=bg).first().pk,
    "site_contact": SiteContact.objects.filter(locale=bg).first().pk,
    "funding_notice": EUFundingNotice.objects.filter(locale=bg).first().pk,
    "image": image.pk,
    "document": document.pk,
    "comment": comment.pk,
    "registration": registration.pk,
    "bg_home": consultation.get_parent().get_parent().pk,
    "content": sorted(text for text in content if text),
}))
"""


def officer_screens(ids):
    """(name, path) of every screen of an officer's day."""
    screens = [
        ("dashboard", "/admin/"),
        ("page explorer", "/admin/pages/"),
        ("page explorer: the Bulgarian home", f"/admin/pages/{ids['bg_home']}/"),
        ("consultation editor", f"/admin/pages/{ids['consultation']}/edit/"),
        ("event editor", f"/admin/pages/{ids['event']}/edit/"),
        ("news editor", f"/admin/pages/{ids['news']}/edit/"),
    ]
    for name, model, key in [
        ("Topics", "topic", "topic"),
        ("Organisations", "organisation", "organisation"),
        ("Site contacts", "sitecontact", "site_contact"),
        ("EU funding notice", "eufundingnotice", "funding_notice"),
    ]:
        screens.append((f"snippets: {name}", f"/admin/snippets/pages/{model}/"))
        screens.append((f"snippets: {name} editor", f"/admin/snippets/pages/{model}/edit/{ids[key]}/"))
    screens += [
        ("images", "/admin/images/"),
        ("image editor", f"/admin/images/{ids['image']}/"),
        ("documents", "/admin/documents/"),
        ("document editor", f"/admin/documents/edit/{ids['document']}/"),
        ("forms", "/admin/forms/"),
        ("form submissions", f"/admin/forms/submissions/{ids['consultation']}/"),
        ("moderation queue", "/admin/forms-ext/moderation/"),
        ("moderation of a comment", f"/admin/forms-ext/moderation/edit/{ids['comment']}/"),
        ("registrations", "/admin/forms-ext/registrations/"),
        ("registration", f"/admin/forms-ext/registrations/edit/{ids['registration']}/"),
        ("form statistics", f"/admin/forms-ext/statistics/{ids['consultation']}/"),
        ("reports: pages to translate", "/admin/reports/pages-to-translate/"),
        ("reports: locked pages", "/admin/reports/locked/"),
        ("reports: aging pages", "/admin/reports/aging-pages/"),
        ("reports: site history", "/admin/reports/site-history/"),
    ]
    return screens


COLLECT = """(contentAreas) => {
    const found = [];
    const shown = (element) => {
        const select = element.closest("select");  // a closed select shows its options' names
        return (select || element).checkVisibility({ visibilityProperty: true });
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!node.data.trim() || !element || element.closest("script, style, template, noscript")) continue;
        if (element.closest(contentAreas) || !shown(element)) continue;
        found.push(node.data.trim());
    }
    const attributes = ["title", "aria-label", "placeholder", "alt"];
    for (const element of document.body.querySelectorAll("*")) {
        if (!shown(element)) continue;
        for (const name of attributes) {
            const value = element.getAttribute(name);
            if (value && value.trim()) found.push(value.trim());
        }
        if (element.matches("input[type=submit], input[type=button]") && element.value) found.push(element.value);
    }
    return found;
}"""


def english_words(texts, content, pending=()):
    """{word: a text it was found in} of the Latin words in `texts` that are neither
    allowed, nor abbreviations, nor part of content."""
    found, words = {}, {string for string in content if " " not in string}
    # The longest first, so that a phrase goes before a shorter one inside it.
    phrases = sorted({*ALLOWED, *(string for string in content if " " in string)}, key=len, reverse=True)
    for text in texts:
        # A content string of one word counts as the whole of a text (a title in a table
        # cell, a link), quoted, or named after a colon at the end ("Разглеждане: Root");
        # a longer one wherever it is.
        rest = text
        for string in pending:
            rest = re.sub(rf"(?<![A-Za-z]){re.escape(string)}(?![A-Za-z])", " ", rest)
        for string in phrases:
            if string in rest:
                rest = rest.replace(string, " ")
        rest = QUOTED_OR_NAMED.sub(
            lambda match: " " if (match.group(1) or match.group(2)) in words else match.group(0), rest
        )
        if rest.strip() in words:
            continue
        rest = ABBREVIATION.sub(" ", MACHINE_TEXT.sub(" ", rest))
        for word in LATIN_WORD.findall(rest):
            found.setdefault(word, text[:120])
    return found


class Walk:
    def __init__(self, tab, content):
        self.tab = tab
        self.page = tab.page
        self.content = content
        self.english = {}
        self.visited = []
        self.failed = []

    def collect(self, screen):
        texts = self.page.evaluate(COLLECT, CONTENT_AREAS)
        pending = [text for prefix, text, _ in PENDING_ELSEWHERE if screen.startswith(prefix)]
        for word, text in english_words(texts, self.content, pending).items():
            self.english.setdefault(f"{screen}: {word!r}", text)

    def visit(self, screen, path, ready=None):
        """Open `path` and collect what it shows, in each of its tabs and with its footer's
        menu open; `ready(page)`: a locator to wait for first."""
        response = self.tab.open(path)
        if response.status != 200 or not self.page.url.split("?")[0].endswith(path):
            self.failed.append(f"{screen} ({path}): HTTP {response.status} at {self.page.url}")
            return
        self.visited.append(screen)
        # The sidebar, and wagtail-localize's editor, are drawn by scripts after the page loads.
        self.page.locator("nav.sidebar-main-menu").wait_for()
        if ready is not None:
            ready(self.page).first.wait_for()
        self.collect(screen)
        # Every tab of an editor (the form builder is in one), each with its panels open.
        tabs = self.page.locator("main [role=tab]")
        for index in range(tabs.count()):
            tab = tabs.nth(index)
            if tab.is_visible():
                name = tab.inner_text().strip()
                # Selected as the keyboard does: with eight tabs (a consultation's) the last
                # ones reach under the editor's floating "Collapse all" button at 1366 px,
                # which takes a click on their middle.
                tab.focus()
                self.page.keyboard.press("Enter")
                self.collect(f"{screen}, tab {name}")
        # The footer's menu of further actions (publish, submit for moderation…).
        more = self.page.locator("footer [data-w-dropdown-target=toggle]")
        if more.count() and more.first.is_visible():
            more.first.click()
            self.collect(f"{screen}, footer menu")

    def report(self):
        return "\n".join(f"{where}  in: {text!r}" for where, text in sorted(self.english.items()))


@pytest.fixture(scope="module")
def walk_ids(live_site):
    return json.loads(live_site.python(SEED).splitlines()[-1])


def test_an_officers_day_in_the_admin_shows_no_english(live_site, browser, walk_ids):
    tab = BrowserPage(browser, live_site, {"width": 1366, "height": 768})
    try:
        tab.log_in("petya-officer", "walk-password")
        walk = Walk(tab, walk_ids["content"])
        for screen, path in officer_screens(walk_ids):
            walk.visit(screen, path)
        assert len(walk.visited) == len(officer_screens(walk_ids))
        assert not tab.problems, "\n".join(tab.problems)
    finally:
        tab.close()
    assert not walk.failed, "\n".join(walk.failed)
    assert not walk.english, f"English on {len(walk.english)} screens:\n{walk.report()}"


def test_the_translation_editor_shows_no_english(live_site, browser, walk_ids):
    tab = BrowserPage(browser, live_site, {"width": 1366, "height": 768})
    try:
        tab.log_in("elena-translator", "walk-password")
        walk = Walk(tab, walk_ids["content"])
        walk.visit(
            "translation editor",
            f"/admin/pages/{walk_ids['english_event']}/edit/",
            ready=lambda page: page.get_by_role("heading", name="Заглавие", exact=True),
        )
        # The editor shows the segments, with the date each was translated in numbers.
        assert walk.page.get_by_text(re.compile(r"Преведено ръчно на \d\d\.\d\d\.\d{4}")).count() > 0
        assert not tab.problems, "\n".join(tab.problems)
    finally:
        tab.close()
    assert not walk.failed, "\n".join(walk.failed)
    assert not walk.english, f"English on {len(walk.english)} screens:\n{walk.report()}"


# civic_core/templates overrides Wagtail's templates where Wagtail hard-codes English:
# (template, Wagtail's app, Wagtail's text, ours).
TEMPLATE_FIXES = [
    (
        "wagtailadmin/shared/headers/_actions.html",
        "admin",
        'aria-label="Actions"',
        'aria-label="{% translate "Actions" %}"',
    ),
    ("wagtailadmin/home.html", "admin", 'value="Search"', 'value="{% translate "Search" %}"'),
    (
        "wagtailadmin/shared/user_avatar.html",
        "admin",
        "{% if not username %}{{ user }}{% else %}{{ username }}{% endif %}",
        "{% if username %}{{ username }}{% elif user %}{{ user }}{% endif %}",
    ),
    ("wagtailforms/list_submissions.html", "contrib/forms", "{{ cell }}", '{{ cell|default_if_none:"" }}'),
]


@pytest.mark.parametrize("template, app, theirs, ours", TEMPLATE_FIXES)
def test_the_admin_templates_civic_core_overrides_are_wagtails_with_one_fix(template, app, theirs, ours):
    """After a Wagtail upgrade, an override that no longer matches Wagtail's template (but
    for its first line, which says why it exists, and its fix) fails here: copy Wagtail's
    new template into civic_core/templates again and apply the fix."""
    from pathlib import Path

    import wagtail

    upstream = (Path(wagtail.__file__).parent / app / "templates" / template).read_text()
    override = (Path(__file__).resolve().parents[2] / "civic_core/templates" / template).read_text()
    first_line, rest = override.split("\n", 1)
    assert "civic_core:" in first_line
    assert upstream.count(theirs) == 1 and rest == upstream.replace(theirs, ours)
