"""Slugs from Bulgarian titles follow the Transliteration Act (2009)."""

import pytest

from civic_core.transliteration import slugify_bulgarian, transliterate


@pytest.mark.parametrize(
    ("bulgarian", "latin"),
    [
        # The Act's own examples
        ("София", "Sofia"),
        ("Горна Оряховица", "Gorna Oryahovitsa"),
        ("Шишковци", "Shishkovtsi"),
        ("Дюлево", "Dyulevo"),
        ("Кърджали", "Kardzhali"),
        ("България", "Bulgaria"),
        # Each rule of art. 3 and 4
        ("Щит", "Shtit"),
        ("Жеравна", "Zheravna"),
        ("Чепеларе", "Chepelare"),
        ("Йордан", "Yordan"),
        ("Пьотр", "Pyotr"),
        ("Джебел", "Dzhebel"),
        ("Ямбол", "Yambol"),
        ("Юндола", "Yundola"),
        ("Милия", "Milia"),
        ("Ияш", "Iyash"),  # "ия" only becomes "ia" at the end of a word
        ("история на България", "istoria na Bulgaria"),
        ("СОФИЯ", "SOFIA"),
        ("Sliven 2026", "Sliven 2026"),
    ],
)
def test_transliteration_act(bulgarian, latin):
    assert transliterate(bulgarian) == latin


def test_slugs_from_bulgarian_titles():
    assert slugify_bulgarian("Партньори за развитие на Община Сливен") == "partnyori-za-razvitie-na-obshtina-sliven"
    assert slugify_bulgarian("Обществено обсъждане: бюджет 2027") == "obshtestveno-obsazhdane-byudzhet-2027"


def test_an_editor_keeps_the_slug_they_typed(demo):
    from pages.models import HomePage, ProjectPage

    home = HomePage.objects.get(locale__language_code="bg")
    page = home.add_child(
        instance=ProjectPage(
            title="Граждански бюджет",
            slug="budget-2027",
            project_code="X",
            programme="П",
            fund="Ф",
            cofinancing_statement="С",
            start_date="2027-01-01",
            end_date="2027-12-31",
            main_aim="Ц",
            beneficiary=demo.project.beneficiary,
        )
    )
    assert page.slug == "budget-2027"


def test_the_admin_slug_field_fills_in_the_same_slug(admin_client_logged_in, demo):
    """What the browser's slug controller makes from the title, with the formatters the
    admin form gives it, equals the server's slug."""
    from django.urls import reverse

    from tests.support.admin_forms import slug_the_admin_fills_in

    form = admin_client_logged_in.get(reverse("wagtailadmin_pages:add", args=["pages", "projectpage", demo.home.pk]))
    for title in ["София", "Горна Оряховица", "Кърджали", "История на България", "Шишковци и Дюлево"]:
        assert slug_the_admin_fills_in(form.content.decode(), title) == slugify_bulgarian(title), title
