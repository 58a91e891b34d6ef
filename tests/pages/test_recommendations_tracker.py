"""Citizens follow what became of each recommendation of the analytical reports; officers
update them in the admin as the addressees act and link citizens' monitoring reports."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from forms_ext.models import CivicSubmission
from pages.models import CivicMonitoringPage, Recommendation, RecommendationUpdate, ReportPage

pytestmark = pytest.mark.django_db
TRACKER = "/preporaki/"


def shown(html):
    """{recommendation number: (status label, progress text or None, monitoring reports)} as a citizen reads them."""
    items = {}
    for card in re.findall(r'<article class="card recommendation.*?</article>', html, re.S):
        number = int(
            re.search(r"Препоръка (\d+)|Recommendation (\d+)", card).group(1)
            or re.search(r"Recommendation (\d+)", card).group(1)
        )
        status = re.search(r'recommendation-status">([^<]+)<', card).group(1)
        progress = re.search(r'class="progress-text">([^<]+)<', card)
        reports = int(re.search(r"data-linked-reports>(\d+)<", card).group(1))
        items[number] = (status, progress.group(1) if progress else None, reports)
    return items


def test_a_citizen_reads_where_every_recommendation_stands(client, demo):
    html = client.get(TRACKER).content.decode()
    items = shown(html)
    assert items == {
        1: ("Изпълнена", "100% изпълнени", 1),
        2: ("В изпълнение", "60% изпълнени", 1),
        3: ("Отхвърлена", None, 0),  # rejected: reasons instead of a progress bar
        4: ("Изпълнена", "100% изпълнени", 0),
        5: ("Приета", "20% изпълнени", 0),
    }
    # The bar is only decoration: its value is the text beside it.
    assert '<progress class="d-block w-100" max="100" value="60" aria-hidden="true">' in html
    assert "Бюджетът на общината за 2021 г. не предвижда средства" in html  # the reasons for rejecting it
    assert html.count("Срокът е изтекъл") == 1  # recommendation 5, accepted, deadline 31 March 2026
    assert "Създадени са обществени съвети в три квартала" in html  # a dated update
    assert re.search(r'data-status-count="implemented"><span class="fw-semibold">Изпълнена</span>: 2', html)
    assert 'href="/grazhdanski-monitoring/"' in html  # where to report on one


@pytest.mark.parametrize(
    "query,numbers",
    [
        ("status=rejected", {3}),
        ("status=implemented", {1, 4}),
        ("unit=Общински съвет – Сливен", {2}),
        ("status=implemented&unit=Община Сливен, общинска администрация", {1}),
        ("status=proposed", set()),
    ],
)
def test_a_citizen_filters_the_tracker(client, demo, query, numbers):
    html = client.get(f"{TRACKER}?{query}").content.decode()
    assert set(shown(html)) == numbers
    if not numbers:
        assert "Няма препоръки, които отговарят на филтрите." in html


def test_filtering_by_report_and_a_bad_filter(client, demo):
    report = ReportPage.objects.get(locale__language_code="bg")
    assert set(shown(client.get(f"{TRACKER}?report={report.translation_key}").content.decode())) == {1, 2, 3, 4, 5}
    html = client.get(f"{TRACKER}?status=forgotten").content.decode()
    assert "Направете валиден избор" in html  # said next to the field, in Bulgarian
    assert len(shown(html)) == 5  # and the list stays whole


def test_the_english_tracker_shows_the_translations(client, demo):
    html = client.get("/en/recommendations/").content.decode()
    items = shown(html)
    assert items[2] == ("In progress", "60% done", 1) and items[3][0] == "Rejected"
    assert "Public councils should be set up in the neighbourhoods" in html
    assert "The municipality&#x27;s 2021 budget has no funds" in html
    assert "Бюджетът на общината" not in html
    assert set(shown(client.get("/en/recommendations/?status=implemented").content.decode())) == {1, 4}


def test_the_report_page_shows_its_recommendations_in_both_languages(client, demo):
    bg = client.get("/novini/analitichen-doklad-grazhdansko-uchastie/").content.decode()
    en = client.get("/en/news/analytical-report-civic-participation/").content.decode()
    assert len(shown(bg)) == len(shown(en)) == 5
    assert 'href="/en/recommendations/"' in en


def officer_client(django_user_model):
    officer = django_user_model.objects.create_user("officer", "officer@example.org", "pw")
    officer.groups.add(Group.objects.get(name="Communications officers"))
    client = Client()
    client.force_login(officer)
    return client


def edit_data(recommendation, **changes):
    """The snippet's edit form as the officer submits it: what is there, with `changes`;
    `new_update` adds a dated update, `monitoring_reports` replaces the linked reports."""
    updates = [
        {
            "id": update.pk,
            "date": update.date.isoformat(),
            "text": update.text,
            "evidence_url": update.evidence_url,
            "evidence_document": "",
            "ORDER": str(n),
        }
        for n, update in enumerate(recommendation.updates.all(), start=1)
    ]
    if "new_update" in changes:
        updates.append({**changes.pop("new_update"), "evidence_document": "", "ORDER": str(len(updates) + 1)})
    data = {
        "report": recommendation.report_id,
        "number": recommendation.number,
        "deadline": "",
        "text": recommendation.text,
        "responsible_unit": recommendation.responsible_unit,
        "status": recommendation.status,
        "progress": recommendation.progress,
        "status_reason": recommendation.status_reason,
        "updates": inline_formset(updates, initial=recommendation.updates.count()),
    }
    reports = changes.pop("monitoring_reports", [report.pk for report in recommendation.monitoring_reports.all()])
    data.update(changes)
    form = nested_form_data(data)
    form["monitoring_reports"] = [str(pk) for pk in reports]
    return form


def test_an_officer_updates_a_recommendation_and_citizens_see_it_at_once(client, demo, django_user_model):
    citizen_view_before = shown(client.get(TRACKER).content.decode())  # now in the page cache
    modified_before = client.get("/open-data/recommendations.json").json()["modified"]
    assert citizen_view_before[2] == ("В изпълнение", "60% изпълнени", 1)
    recommendation = Recommendation.objects.get(locale__language_code="bg", number=2)
    monitoring = CivicMonitoringPage.objects.get(locale__language_code="bg")
    report = CivicSubmission.objects.create(
        page=monitoring, form_data={"kakvo_se_sluchi": "Съветът в кв. Изток не се събира."}
    )
    officer = officer_client(django_user_model)
    edit_url = f"/admin/snippets/pages/recommendation/edit/{recommendation.pk}/"
    assert "№ %d" % report.pk in officer.get(edit_url).content.decode()  # the officer recognises the report

    response = officer.post(
        edit_url,
        edit_data(
            recommendation,
            progress="80",
            monitoring_reports=[*recommendation.monitoring_reports.values_list("pk", flat=True), report.pk],
            new_update={
                "date": "2026-11-20",
                "text": "Създадени са още два съвета.",
                "evidence_url": "https://example.org/reshenie",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    html = client.get(TRACKER).content.decode()
    assert shown(html)[2] == ("В изпълнение", "80% изпълнени", 2)
    assert "Създадени са още два съвета." in html and 'href="https://example.org/reshenie"' in html
    # The English page shows the same figures at once (the new update's text waits for the translator).
    assert shown(client.get("/en/recommendations/").content.decode())[2][1:] == ("80% done", 2)
    # and the open data too
    data = client.get("/open-data/recommendations.json").json()
    assert next(row for row in data["records"] if row["number"] == 2)["progress_percent"] == 80
    assert data["modified"] > modified_before  # with no page republished


def test_rejecting_without_reasons_is_refused_and_changes_nothing(demo, django_user_model):
    recommendation = Recommendation.objects.get(locale__language_code="bg", number=5)
    officer = officer_client(django_user_model)
    response = officer.post(
        f"/admin/snippets/pages/recommendation/edit/{recommendation.pk}/",
        edit_data(recommendation, status="rejected", status_reason=""),
    )
    assert response.status_code == 200
    assert "Посочете защо препоръката е отхвърлена" in response.content.decode()
    assert Recommendation.objects.get(pk=recommendation.pk).status == "accepted"


def test_marking_it_implemented_makes_it_complete(demo, django_user_model):
    recommendation = Recommendation.objects.get(locale__language_code="bg", number=2)
    officer = officer_client(django_user_model)
    response = officer.post(
        f"/admin/snippets/pages/recommendation/edit/{recommendation.pk}/",
        edit_data(recommendation, status="implemented"),
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.progress == 100


def test_the_counts_never_show_the_reports_themselves(client, demo):
    secret = CivicSubmission.objects.filter(recommendations__isnull=False).first()
    html = client.get(TRACKER).content.decode()
    for answer in secret.form_data.values():
        if isinstance(answer, str) and len(answer) > 10:
            assert answer not in html


def test_an_update_not_yet_translated_shows_in_bulgarian_on_the_english_page(client, demo):
    recommendation = Recommendation.objects.get(locale__language_code="bg", number=4)
    RecommendationUpdate.objects.create(
        recommendation=recommendation,
        locale=recommendation.locale,
        date="2026-11-01",
        text="Второ обучение за 30 служители.",
    )
    html = client.get("/en/recommendations/").content.decode()
    assert "Второ обучение за 30 служители." in html and "25 members of staff have been trained." in html
