"""An officer follows an event's registrations in the admin: the counts at the top,
everyone by status with filters, and ticks that mark many people attended at once,
which the indicators and the open data then count. The signed scan of the sign-in sheet
is the officers' only. Nobody without the rights (a translator, a staff member with no
right over the event) sees or changes anything, through either language's page."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from wagtail.documents import get_document_model

from forms_ext import registration
from forms_ext.models import Registration
from forms_ext.signals import registrations_changed
from pages.campaign import indicators
from pages.output import open_data
from tests.support import factories, people

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def event(home):
    """An event held yesterday with 5 places: two confirmed, one holding a place, one
    waiting, one cancelled."""
    start = timezone.now() - datetime.timedelta(days=1)
    event = factories.EventPageFactory(
        parent=factories.EventIndexPageFactory(parent=home),
        title="Обществено обсъждане на бюджета",
        capacity=5,
        start=start,
        end=start + datetime.timedelta(hours=3),
        registration_opens=start - datetime.timedelta(days=10),
        registration_closes=start - datetime.timedelta(hours=1),
    )
    event.people = {
        name: factories.RegistrationFactory(
            page=event,
            name=name,
            status=status,
            email_confirmed_at=timezone.now() if status != Status.PENDING else None,
            hold_until=timezone.now() + datetime.timedelta(hours=1) if status == Status.PENDING else None,
        )
        for name, status in (
            ("Яна Петрова", Status.CONFIRMED),
            ("Борис Илиев", Status.CONFIRMED),
            ("Димитър Колев", Status.PENDING),
            ("Цветан Чакъров", Status.WAITING),
            ("Мина Иванова", Status.CANCELLED),
        )
    }
    return event


def url(page):
    return f"/admin/forms-ext/pages/{page.pk}/registrations/"


def attended_url(page):
    return f"/admin/forms-ext/pages/{page.pk}/registrations/attended/"


def counted(html, name):
    start = html.index(f'data-count="{name}">') + len(f'data-count="{name}">')
    return html[start : html.index("<", start)]


def test_an_officer_sees_the_counts_and_everyone_by_status(event):
    officer = people.logged_in(people.in_role("officer"))
    response = officer.get(url(event))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Обществено обсъждане на бюджета" in html
    assert {name: counted(html, name) for name in ("places", "taken", "held", "waiting", "attended")} == {
        "places": "5",
        "taken": "2",
        "held": "1",
        "waiting": "1",
        "attended": "0",
    }
    for name in event.people:
        assert name in html
    # Confirmed first, then the place held, the waiting list and the cancelled.
    assert html.index("Борис Илиев") < html.index("Димитър Колев") < html.index("Цветан Чакъров")
    assert html.index("Цветан Чакъров") < html.index("Мина Иванова")
    # The sign-in sheet is a click away.
    assert f"/admin/events/{event.pk}/sign-in-sheet/" in html
    # In the officers' language.
    for words in ("Регистрации: Обществено обсъждане на бюджета", "Заети", "Отбележи избраните като присъствали"):
        assert words in html, words


def test_filters_by_status_and_attendance(event):
    Registration.objects.filter(pk=event.people["Яна Петрова"].pk).update(attended=True)
    officer = people.logged_in(people.in_role("officer"))
    html = officer.get(url(event), {"status": Status.CONFIRMED}).content.decode()
    assert "Яна Петрова" in html and "Борис Илиев" in html
    assert "Цветан Чакъров" not in html and "Мина Иванова" not in html
    html = officer.get(url(event), {"attended": "yes"}).content.decode()
    assert "Яна Петрова" in html and "Борис Илиев" not in html
    html = officer.get(url(event), {"status": Status.CONFIRMED, "attended": "no"}).content.decode()
    assert "Борис Илиев" in html and "Яна Петрова" not in html


def test_the_page_explorer_offers_the_registrations_of_an_event(event, home):
    officer = people.logged_in(people.in_role("officer"))
    assert url(event) in officer.get(f"/admin/pages/{event.get_parent().pk}/").content.decode()
    news = factories.NewsPageFactory(parent=factories.NewsIndexPageFactory(parent=home))
    assert "/admin/forms-ext/pages/" not in officer.get(f"/admin/pages/{news.get_parent().pk}/").content.decode()
    assert officer.get(url(news)).status_code == 404


def test_an_officer_marks_two_people_attended_in_one_action(event):
    yana, boris = event.people["Яна Петрова"], event.people["Борис Илиев"]
    participants_before = indicators.participants()
    told = []

    def receiver(sender, page, **kwargs):
        told.append(page.pk)

    registrations_changed.connect(receiver, dispatch_uid="test_attended")
    try:
        officer = people.logged_in(people.in_role("officer"))
        response = officer.post(
            attended_url(event),
            {"registration": [yana.pk, boris.pk], "attended": "yes", "query": "status=confirmed"},
        )
    finally:
        registrations_changed.disconnect(dispatch_uid="test_attended")
    assert response.status_code == 302 and response["Location"] == f"{url(event)}?status=confirmed"
    assert set(Registration.objects.filter(attended=True).values_list("pk", flat=True)) == {yana.pk, boris.pk}
    assert told and set(told) == {event.pk}  # the page cache is told

    # The one rule of attendance counts them: the indicators and the open data.
    event.refresh_from_db()
    assert registration.attendances([event]) == {event.pk: 2}
    assert indicators.participants() == participants_before + 2
    with translation.override("bg"):
        rows = {row["title"]: row for row in open_data.events(None)}
    assert rows["Обществено обсъждане на бюджета"]["attendance"] == 2
    html = officer.get(url(event)).content.decode()
    assert counted(html, "attended") == "2"

    # And back: one of them did not come after all.
    officer.post(attended_url(event), {"registration": [boris.pk], "attended": "no"})
    assert registration.attendance(event) == 1


def test_a_registration_of_another_event_is_left_alone(event, home):
    other = factories.EventPageFactory(parent=event.get_parent())
    stranger = factories.RegistrationFactory(page=other)
    officer = people.logged_in(people.in_role("officer"))
    officer.post(attended_url(event), {"registration": [stranger.pk, "x"], "attended": "yes"})
    stranger.refresh_from_db()
    assert not stranger.attended


def test_a_typed_attendance_stays_the_one_counted(event):
    event.attendance = 40
    event.save_revision().publish()
    registration.set_attended(event, [event.people["Яна Петрова"]])
    assert registration.attendance(event) == 40
    html = people.logged_in(people.in_role("officer")).get(url(event)).content.decode()
    assert counted(html, "attended") == "1" and "40" in html


@pytest.mark.parametrize("role", ["translator", "nobody", "citizen", None])
def test_nobody_without_the_rights_sees_or_changes_them(event, role):
    if role == "nobody":  # in the admin, with no right over any page
        person = people.user("nobody", people.group_with("Nobody"))
    elif role == "citizen":
        person = people.user("citizen")
    else:
        person = people.in_role(role) if role else None
    english = factories.translate(event, title="Public discussion of the budget")
    client = people.logged_in(person)
    for page in (event, english):
        response = client.get(url(page), follow=True)
        assert "Яна Петрова" not in response.content.decode()
        client.post(attended_url(page), {"registration": [event.people["Яна Петрова"].pk], "attended": "yes"})
    assert not Registration.objects.filter(attended=True).exists()


def test_the_english_page_shows_the_default_language_data_to_those_with_rights(event):
    english = factories.translate(event, title="Public discussion of the budget")
    officer = people.logged_in(people.in_role("officer"))
    response = officer.get(url(english), {"status": Status.CONFIRMED})
    assert response.status_code == 302 and response["Location"] == f"{url(event)}?status=confirmed"
    html = officer.get(url(english), follow=True).content.decode()
    assert "Яна Петрова" in html and counted(html, "taken") == "2"
    # Ticks sent through the English page land on the Bulgarian page's registrations.
    officer.post(attended_url(english), {"registration": [event.people["Яна Петрова"].pk], "attended": "yes"})
    assert registration.attendance(event) == 1


def test_viewing_takes_view_and_ticking_takes_moderate(event):
    viewer = people.user("viewer", people.group_with("Event viewers", [(event, ["view_citizens_input_page"])]))
    client = people.logged_in(viewer)
    html = client.get(url(event)).content.decode()
    assert "Яна Петрова" in html and 'name="registration"' not in html
    response = client.post(attended_url(event), {"registration": [event.people["Яна Петрова"].pk], "attended": "yes"})
    assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
    assert not Registration.objects.filter(attended=True).exists()


def test_the_signed_scan_is_downloaded_by_officers_only(event):
    document = get_document_model().objects.create(title="Подписан присъствен списък")
    document.file.save("podpisan-spisak.pdf", ContentFile(b"%PDF-1.4\n%scan\n"))
    event.signed_sign_in_sheet = document
    event.save_revision().publish()
    officer = people.logged_in(people.in_role("officer"))
    assert document.url in officer.get(url(event)).content.decode()
    assert officer.get(document.url).status_code == 200
    translator = people.in_role("translator")
    for person in (None, people.user("citizen"), translator):
        response = people.logged_in(person).get(document.url)
        assert response.status_code == 403, person
    # The English page shares the scan: it is no way round.
    english = factories.translate(event, title="Public discussion of the budget")
    assert english.signed_sign_in_sheet_id == document.pk
    assert people.logged_in(translator).get(document.url).status_code == 403


def csv_url(page):
    return f"/admin/forms-ext/pages/{page.pk}/registrations/registrations.csv"


def read_csv(response):
    import csv
    import io

    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith("\ufeff".encode()), "Excel reads Cyrillic only after a byte order mark"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_an_officer_downloads_an_events_registrations_as_a_spreadsheet_for_people(event):
    Registration.objects.filter(pk=event.people["Яна Петрова"].pk).update(
        attended=True, registered_at=datetime.datetime(2026, 11, 30, 22, 15, 42, 123456, tzinfo=datetime.UTC)
    )
    Registration.objects.filter(pk=event.people["Борис Илиев"].pk).update(name='=HYPERLINK("http://x")')
    client = people.logged_in(people.in_role("officer"))
    page = client.get(url(event)).content.decode()
    assert csv_url(event) in page
    response = client.get(csv_url(event))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"] and "no-store" in response["Cache-Control"]
    rows = read_csv(response)
    heading, *people_rows = rows
    assert heading[:3] == ["№", "Име и фамилия", "Имейл адрес"] and "Присъствал" in " ".join(heading)
    assert len(people_rows) == 5
    yana = next(row for row in people_rows if row[1] == "Яна Петрова")
    assert "2026-12-01 00:15" in yana  # Sofia time, to the minute
    assert yana[3] == "Потвърдена" and yana[7] == "Да" and yana[8] == "Български"
    boris = next(row for row in people_rows if "HYPERLINK" in row[1])
    assert boris[1].startswith("'=")  # never run as a formula
    assert "Не" in boris


def test_the_downloaded_list_keeps_the_screens_filters(event):
    client = people.logged_in(people.in_role("officer"))
    rows = read_csv(client.get(csv_url(event), {"status": Status.CONFIRMED}))
    assert sorted(row[1] for row in rows[1:]) == ["Борис Илиев", "Яна Петрова"]
    bad = client.get(csv_url(event), {"status": "<script>", "attended": "maybe"})
    assert bad.status_code == 200 and len(read_csv(bad)) == 6  # an unknown filter filters nothing


def test_nobody_without_the_right_downloads_the_list(event, client):
    assert client.get(csv_url(event)).status_code == 302  # to the login
    translator = people.logged_in(people.in_role("translator"))
    assert translator.get(csv_url(event)).status_code in (302, 403)
    english = factories.translate(event)
    officer = people.logged_in(people.in_role("officer"))
    moved = officer.get(csv_url(english))
    assert moved.status_code == 302 and moved["Location"].endswith(csv_url(event))
    assert officer.get("/admin/forms-ext/pages/999999/registrations/registrations.csv").status_code == 404
