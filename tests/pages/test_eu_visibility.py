"""The EU emblem, the Union written in full, the fund and the funding statement are on
every public page (Implementing Regulation 821/2014 art. 4)."""

import pytest
from django.apps import apps
from wagtail.models import Page

from pages.snippets import EUFundingNotice

pytestmark = pytest.mark.django_db

STATEMENT = (
    "Проектът се осъществява с финансовата подкрепа на Оперативна програма „Добро управление“, "
    "съфинансирана от Европейския съюз чрез Европейския социален фонд."
)


def page_models():
    return [model for model in apps.get_app_config("pages").get_models() if issubclass(model, Page)]


ENGLISH = {
    "union": "European Union",
    "fund": "European Social Fund",
    "statement": "The project is implemented with the financial support of Operational Programme "
    "“Good Governance”, co-financed by the European Union through the European Social Fund.",
}
BULGARIAN = {"union": "Европейски съюз", "fund": "Европейски социален фонд", "statement": STATEMENT}


def assert_eu_block(html, texts=BULGARIAN):
    head, _, body = html.partition("<main")
    assert "pages/img/eu-emblem.svg" in head, "the emblem comes before the main content"
    assert texts["union"] in head
    assert texts["fund"] in head
    assert texts["statement"] in body.split("<footer", 1)[1], "the statement is in the footer"


def test_every_page_type_carries_the_eu_block(client, demo):
    for model in page_models():
        page = model.objects.filter(locale__language_code="bg").live().first()
        assert page is not None, f"the demo has no {model.__name__} to check"
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert_eu_block(response.content.decode())


def test_the_english_site_and_error_pages_carry_it_too(client, demo):
    assert_eu_block(client.get("/en/").content.decode(), ENGLISH)
    not_found = client.get("/no-such-page/")
    assert not_found.status_code == 404
    assert_eu_block(not_found.content.decode())


def test_officer_changes_the_statement_in_settings(admin_client_logged_in, client, demo):
    notice = EUFundingNotice.objects.get(locale__language_code="bg")
    response = admin_client_logged_in.get("/admin/snippets/pages/eufundingnotice/")
    assert response.status_code == 200
    edit_url = f"/admin/snippets/pages/eufundingnotice/edit/{notice.pk}/"
    form = admin_client_logged_in.get(edit_url)
    assert form.status_code == 200
    response = admin_client_logged_in.post(
        edit_url,
        {
            "union_label": "Европейски съюз",
            "fund_name": "Европейски социален фонд плюс",
            "programme_name": notice.programme_name,
            "funding_statement": "Нов текст за финансирането.",
        },
    )
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Европейски социален фонд плюс" in html
    assert "Нов текст за финансирането." in html


def test_emblem_is_an_accessible_colour_svg(client):
    from django.contrib.staticfiles import finders

    svg = open(finders.find("pages/img/eu-emblem.svg"), encoding="utf-8").read()
    assert 'role="img"' in svg and "<title" in svg
    assert svg.count("#FFCC00") == 12 and "#003399" in svg
