"""The phone-first theme as the test client sees it: one small stylesheet built from
Bootstrap's sources that still styles every Bootstrap class the templates use, the home
page that leads with what a citizen can do now, news images on the cards, the year
filter as a list of the years that have content, and an error summary that does not
double a label's punctuation."""

import datetime
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import wagtail_factories
from django.urls import reverse
from django.utils import timezone

from tests.support import factories
from tests.support.forms import post_form

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "pages/static/pages/css/theme.css"
BOOTSTRAP_CLASSES = ROOT / "pages/static_src/pages/bootstrap-classes.txt"
TEMPLATE_DIRS = [ROOT / "pages/templates", ROOT / "forms_ext/templates", ROOT / "site/templates"]
SOFIA = factories.SOFIA
# crispy-forms layout objects forms_ext.layout never uses, and the theme leaves out.
UNUSED_CRISPY = re.compile(r"^(accordion|alert|modal|tab)")


def classes_in_templates():
    """Every class name written literally in a template's class attribute (the parts a
    template tag or variable fills in are left out), with the files that use it."""
    import crispy_bootstrap5

    folders = [*TEMPLATE_DIRS, Path(crispy_bootstrap5.__file__).parent / "templates"]
    used = {}
    for folder in folders:
        for template in folder.rglob("*.html"):
            if "/admin/" in template.as_posix() or UNUSED_CRISPY.search(template.name):
                continue  # the officers' screens are styled by Wagtail's admin
            for value in re.findall(r'class="([^"]*)"', template.read_text()):
                plain = re.sub(r"{%.*?%}|{{.*?}}", " ", value)
                for name in plain.split():
                    if re.fullmatch(r"[A-Za-z][\w-]*[A-Za-z0-9]", name):
                        used.setdefault(name, template.relative_to(template.parents[2]).as_posix())
    return used


def classes_in_css(text):
    without_declarations = re.sub(r"{[^{}]*}", "{}", text)
    return set(re.findall(r"\.([A-Za-z][\w-]*)", without_declarations))


def test_the_theme_styles_every_bootstrap_class_the_templates_use():
    bootstrap = set(BOOTSTRAP_CLASSES.read_text().split())
    assert {"container", "btn-primary", "form-control", "card"} <= bootstrap  # the list is Bootstrap's
    theme = classes_in_css(THEME.read_text())
    used = {name: used_in for name, used_in in classes_in_templates().items() if name in bootstrap}
    assert {"container", "card", "form-label"} <= set(used)
    missing = {name: used_in for name, used_in in used.items() if name not in theme}
    assert not missing, f"Bootstrap classes the templates use but theme.css lacks (run `make theme`): {missing}"


def test_the_theme_is_a_fraction_of_bootstrap_and_the_pages_load_nothing_else(client, home):
    assert THEME.stat().st_size < 60_000  # the whole of Bootstrap's CSS is 230 KiB
    html = client.get("/").content.decode()
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert "/static/pages/css/theme.css" in stylesheets
    assert not any("bootstrap" in href for href in stylesheets)
    assert "<script" not in html.split("</header>")[0]  # the menu needs no script
    assert "bootstrap" not in html


@pytest.mark.skipif(
    not (shutil.which("node") and (ROOT / "node_modules/bootstrap").is_dir()),
    reason="node and node_modules (npm ci) are needed to rebuild the theme",
)
def test_the_committed_theme_is_the_build_of_its_sources():
    result = subprocess.run([ROOT / "scripts/build-theme", "--check"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def path_of(page):
    return urlsplit(page.url).path


@pytest.fixture
def home(db):
    return factories.site_tree()


def test_the_home_page_leads_with_what_a_citizen_can_do_now(client, home):
    consultations = factories.ConsultationIndexPageFactory(parent=home)
    events = factories.EventIndexPageFactory(parent=home)
    for _ in range(2):
        factories.ConsultationPageFactory(parent=consultations)
    factories.EventPageFactory(parent=events)

    html = client.get(path_of(home)).content.decode()
    main = html.split('<main id="main"', 1)[1]
    sections = re.findall(r'<section class="([^"]*)"', main)
    assert sections[0] == "home-now"
    actions = main.split('class="home-now"', 1)[1].split("</section>", 1)[0]
    assert "Какво можете да направите сега" in actions
    assert f'href="{path_of(consultations)}?status=open">Кажете мнението си</a>' in actions
    assert "2 консултации са отворени за предложения." in actions
    assert f'href="{path_of(events)}">Елате на събитие</a>' in actions
    assert "1 предстоящо събитие: запишете се онлайн." in actions
    assert f'href="{reverse("forms_ext:alerts_subscribe")}">Абонирайте се за известия по имейл</a>' in actions


def test_the_home_page_says_when_nothing_is_open(client, home):
    factories.ConsultationIndexPageFactory(parent=home)
    factories.EventIndexPageFactory(parent=home)
    html = client.get(path_of(home)).content.decode()
    assert "В момента няма отворена консултация." in html
    assert "Все още няма планирано събитие." in html


def test_a_news_card_shows_the_news_image(client, home):
    news = factories.NewsIndexPageFactory(parent=home)
    image = wagtail_factories.ImageFactory(title="Кръгла маса")
    with_image = factories.NewsPageFactory(parent=news, title="Новина със снимка", image=image, image_alt="Зала")
    factories.NewsPageFactory(parent=news, title="Новина без снимка")

    for url in (path_of(home), path_of(news)):
        html = client.get(url).content.decode()
        cards = dict(
            (re.search(r">(Новина [^<]+)</a>", card).group(1), card)
            for card in re.findall(r'<article class="card listing-card.*?</article>', html, re.S)
        )
        assert re.search(r'<img [^>]*class="card-img-top"', cards[with_image.title])
        assert 'alt=""' in cards[with_image.title]  # the title beside it says what it is
        assert "<img" not in cards["Новина без снимка"]


def test_the_year_filter_offers_the_years_that_have_content(client, home):
    index = factories.ConsultationIndexPageFactory(parent=home)
    for year in (2021, 2021, 2024):
        opens = datetime.datetime(year, 3, 1, 10, tzinfo=SOFIA)
        factories.ConsultationPageFactory(
            parent=index, opens_at=opens, closes_at=opens + datetime.timedelta(days=30), title=f"Консултация {year}"
        )
    # Opened at 00:30 Sofia time on 1 January: 2023 in Sofia, still 2022 in UTC.
    new_year = datetime.datetime(2023, 1, 1, 0, 30, tzinfo=SOFIA)
    factories.ConsultationPageFactory(parent=index, opens_at=new_year, closes_at=new_year + datetime.timedelta(days=30))

    html = client.get(path_of(index)).content.decode()
    select = re.search(r'<select name="year"[^>]*>(.*?)</select>', html, re.S)
    assert select, "the year is a list to choose from"
    assert re.findall(r'<option value="([^"]*)"', select.group(1)) == ["", "2024", "2023", "2021"]
    assert 'class="form-select"' in select.group(0)

    response = client.get(f"{path_of(index)}?year=2021")
    assert {page.title for page in response.context["consultations"]} == {"Консултация 2021"}
    assert len(response.context["consultations"].object_list) == 2

    for bad, message in (("2022", "Направете валиден избор"), ("abc", "Въведете цяло число")):
        response = client.get(f"{path_of(index)}?year={bad}")
        assert response.status_code == 200
        assert message in response.content.decode()
        assert len(response.context["consultations"].object_list) == 4  # that filter is left out


LABELS = ["Какво предлагате?", "Име", "Съгласен съм"]


def test_the_error_summary_does_not_double_the_labels_punctuation(client, home):
    page = factories.FeedbackPageFactory(
        parent=home,
        fields=[
            ("multiline", "Какво предлагате?", True),
            ("singleline", "Име:", True),
            ("consent", "Съгласен съм да получавам писма, докато не се отпиша.", True),
        ],
    )
    response = post_form(client, page, {})
    html = response.content.decode()
    summary = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    links = [re.sub(r"\s+", " ", text).strip() for text in re.findall(r"<a [^>]*>(.*?)</a>", summary, re.S)]
    by_label = {label: next((link for link in links if link.startswith(label)), None) for label in LABELS}
    assert by_label["Какво предлагате?"].startswith("Какво предлагате? ") and "?:" not in by_label["Какво предлагате?"]
    assert by_label["Име"].startswith("Име: ") and "::" not in by_label["Име"]
    assert by_label["Съгласен съм"].startswith("Съгласен съм да получавам писма, докато не се отпиша: ")
    assert ".:" not in summary and "?:" not in summary and "::" not in summary


def test_no_stale_date_makes_the_filter_years_wrong(client, home):
    """A consultation published later in another year adds that year to the list."""
    index = factories.ConsultationIndexPageFactory(parent=home)
    factories.ConsultationPageFactory(parent=index)
    this_year = str(timezone.localtime().year)
    html = client.get(path_of(index)).content.decode()
    assert f'<option value="{this_year}">{this_year}</option>' in html
    opens = datetime.datetime(2019, 5, 5, 12, tzinfo=SOFIA)
    factories.ConsultationPageFactory(parent=index, opens_at=opens, closes_at=opens + datetime.timedelta(days=30))
    html = client.get(path_of(index)).content.decode()
    assert '<option value="2019">2019</option>' in html
