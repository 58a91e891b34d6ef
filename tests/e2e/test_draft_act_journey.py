"""A citizen reads the open consultation's draft article by article, follows "propose a
change to this article" from one of them, sends the proposal and gets a receipt; back on
the draft, that article counts one proposal more. Also the screenshots of the draft and
of a report grouped by the draft's articles (docs/screenshots with `make screenshots`)."""

import re
import uuid

import pytest

pytestmark = pytest.mark.e2e

CONSULTATION = "/konsultatsii/pravilnik-obshtestveni-saveti-kvartali/"
CONSENT = "Прочетох информацията за защита на личните данни"

# The concluded demo consultation with a draft by articles and its report rows naming
# them (the demo's rows name none).
CONCLUDED_BY_ARTICLES = """
from pages.legal import draft_act
from pages.models import ConsultationPage
import uuid
demo = ConsultationPage.objects.get(slug="programa-chitalishtna-deynost-2021", locale__language_code="bg")
# A copy at an address of its own: the server may hold a cached copy of the demo's page
# (another test visited it), which a publish from this process cannot retire.
suffix = uuid.uuid4().hex[:6]
page = demo.copy(update_attrs={"slug": f"{demo.slug}-{suffix}", "title": f"{demo.title} ({suffix})"}, keep_live=True)
page = ConsultationPage.objects.get(pk=page.pk)
text = '''Глава първа
ПРИОРИТЕТИ

Чл. 1. Програмата определя приоритетите на читалищната дейност в общината за 2021 г.
Чл. 2. (1) Читалищата организират обществени обсъждания по проблемите на квартала.
(2) Общината подпомага обсъжданията със зала и покана на сайта си.

Глава втора
ФИНАНСИРАНЕ

Чл. 3. (1) Инициативите се представят до 31 март.
(2) Средствата се разпределят по утвърдени критерии.
'''
page.draft_act = draft_act.stream_data(draft_act.parse(text))
rows = list(page.proposals.all())
for row, article in zip(rows, ["чл. 2, ал. 1", "чл. 3, ал. 1", "чл. 3, ал. 2"]):
    row.article = article
page.proposals = rows
page.save_revision().publish()
print(page.url)
"""


def proposals_on(page, anchor_id):
    text = page.locator(f"section.draft-article:has(#{anchor_id}) .proposal-count").inner_text()
    match = re.fullmatch(r"(\d+) предложени[ея] по този член", text.strip())
    assert match, f"unexpected count: {text!r}"
    return int(match.group(1))


def test_a_citizen_proposes_a_change_to_one_article(open_browser, screenshots_dir):
    tab = open_browser("desktop")
    page = tab.page
    tab.open(CONSULTATION)

    draft = page.get_by_role("region", name="Проектът по членове")
    contents = page.get_by_role("navigation", name="Съдържание на проекта")
    assert contents.get_by_role("link", name="Чл. 4", exact=True).is_visible()
    draft.screenshot(path=str(screenshots_dir / "consultation-draft-desktop.png"))
    before = proposals_on(page, "chl-4")

    # The table of contents leads to the article's heading.
    contents.get_by_role("link", name="Чл. 4", exact=True).click()
    page.wait_for_url(re.compile(r"#chl-4$"))
    assert page.locator("#chl-4").inner_text() == "Чл. 4"

    # Each article's link names its article for screen readers.
    links = page.get_by_role("link", name=re.compile(r"^Предложете промяна на този член \("))
    names = [links.nth(n).evaluate("link => link.textContent") for n in range(links.count())]
    assert len(names) == len(set(names)) >= 7
    with page.expect_navigation():
        page.get_by_role("link", name="Предложете промяна на този член (Чл. 4)", exact=True).click()

    article_field = page.locator("#id_tekst_ot_proekta_chlen_alineya")
    assert article_field.input_value() == "Чл. 4"
    page.locator("#id_predlozhenie").fill(f"Съветът да заседава веднъж на три месеца ({uuid.uuid4().hex[:8]}).")
    page.get_by_label(CONSENT).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Изпращане").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Благодарим ви"
    assert re.fullmatch(r"\S+", page.locator(".receipt-reference").inner_text().strip())

    tab.open(CONSULTATION)
    assert proposals_on(page, "chl-4") == before + 1
    assert not tab.problems, "\n".join(tab.problems)


def test_the_report_follows_the_articles_of_the_draft(live_site, open_browser, screenshots_dir):
    concluded = live_site.python(CONCLUDED_BY_ARTICLES).splitlines()[-1]
    assert concluded.startswith("/konsultatsii/programa-chitalishtna-deynost-2021-"), concluded
    tab = open_browser("desktop")
    page = tab.page
    tab.open(concluded)

    groups = page.locator("table.proposals tr.report-article th")
    assert [groups.nth(n).inner_text() for n in range(groups.count())] == [
        "чл. 2, ал. 1",
        "чл. 3, ал. 1",
        "чл. 3, ал. 2",
    ]
    assert page.get_by_role("region", name="Проектът по членове").is_visible()
    # Concluded, and without a form asking for an article: nothing to count or propose.
    assert page.locator(".proposal-count").count() == 0 and page.locator(".propose-change").count() == 0
    page.locator(".consultation-outcome").screenshot(path=str(screenshots_dir / "consultation-report-desktop.png"))
    assert (screenshots_dir / "consultation-report-desktop.png").stat().st_size > 10_000
    assert not tab.problems, "\n".join(tab.problems)
