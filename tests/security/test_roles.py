"""The groups of a small team (pages.roles), used through the real admin: an officer does
the day's work with no superuser, a moderator moderates and edits no page, a translator
never sees what citizens sent; `civic_roles` makes them, repairs them, and switches the
optional two-person approval on a section."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from forms_ext.models import CivicSubmission, Registration
from pages import roles
from pages.models import ConsultationPage, EUFundingNotice, NewsPage, Organisation, SiteContact, Topic
from tests.support import factories, people
from tests.support.admin_forms import NO_FORM

pytestmark = pytest.mark.django_db


def news_form(title, slug, publish=True):
    data = {"title": title, "slug": slug, "date": "2026-12-03", "summary": "Резюме на новината."}
    data |= {"image": "", "image_alt": "", "body": streamfield([("paragraph", rich_text("<p>Текст</p>"))])}
    if publish:
        data["action-publish"] = "publish"
    return nested_form_data(data)


def consultation_form(title, slug):
    opens = timezone.localtime() + datetime.timedelta(days=1)
    closes = opens + datetime.timedelta(days=31)
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Проект на наредба.",
            "body": streamfield([]),
            "contact": "",
            "related_project": "",
            "opens_at": opens.strftime("%Y-%m-%d %H:%M"),
            "closes_at": closes.strftime("%Y-%m-%d %H:%M"),
            "shorter_period_reasons": "",
            "outcome_date": "",
            "outcome_summary": rich_text(""),
            "documents": inline_formset([]),
            "proposals": inline_formset([]),
            **NO_FORM,
            "action-publish": "publish",
        }
    )


def snippet_form(client, url, **changes):
    """What the snippet's edit form posts: its current values, with `changes`."""
    response = client.get(url)
    assert response.status_code == 200, url
    data = {}
    for field in response.context["form"]:
        value = field.value()
        if isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
            continue
        data[field.html_name] = "" if value is None else value
    return data | changes


def form_errors(response):
    context = getattr(response, "context", None)
    form = context.get("form") if context else None
    return form.errors if form is not None else response.status_code


@pytest.fixture
def section(home):
    """A news section, a consultations section and a form with what citizens sent."""
    news = factories.NewsIndexPageFactory(parent=home)
    consultations = factories.ConsultationIndexPageFactory(parent=home)
    consultation = factories.ConsultationPageFactory(parent=consultations)
    comment = factories.SubmissionFactory(
        page=consultation,
        comment="Подкрепям проекта.",
        display_name="Мария",
        moderation_status=CivicSubmission.Moderation.PENDING,
        form_data={"saobshtenie": "Подкрепям проекта."},
    )
    event = factories.EventPageFactory(parent=factories.EventIndexPageFactory(parent=home))
    registration = factories.RegistrationFactory(page=event)
    return {
        "news": news,
        "consultations": consultations,
        "consultation": consultation,
        "consultation_en": factories.translate(consultation),
        "comment": comment,
        "registration": registration,
    }


def bulgarian(model, slug):
    """The page in the source language (wagtail-localize keeps an English alias beside it)."""
    return model.objects.get(slug=slug, locale__language_code="bg")


def singleton(model, **values):
    existing = model.objects.filter(locale=factories.locale("bg")).first()
    return existing or model.objects.create(locale=factories.locale("bg"), **values)


# Communications officers ----------------------------------------------------------------
def test_an_officer_creates_and_publishes_a_news_item_and_a_consultation(section):
    officer = people.logged_in(people.in_role("officer"))
    response = officer.post(f"/admin/pages/add/pages/newspage/{section['news'].pk}/", news_form("Новина", "novina"))
    assert response.status_code == 302, form_errors(response)
    news = bulgarian(NewsPage, "novina")
    assert news.live and news.get_parent().pk == section["news"].pk

    response = officer.post(
        f"/admin/pages/add/pages/consultationpage/{section['consultations'].pk}/",
        consultation_form("Наредба за шума", "naredba-shum"),
    )
    assert response.status_code == 302, form_errors(response)
    assert bulgarian(ConsultationPage, "naredba-shum").live


def test_an_officer_keeps_topics_organisations_the_footer_contacts_and_the_eu_notice(section):
    officer = people.logged_in(people.in_role("officer"))
    topic = Topic.objects.create(name="Градска среда", slug="gradska-sreda-roles", locale=factories.locale("bg"))
    organisation = Organisation.objects.create(name="Сдружение „Зелен Сливен“", locale=factories.locale("bg"))
    contact = singleton(SiteContact, site_name="Сливен", organisation="Община Сливен", email="info@example.org")
    notice = singleton(EUFundingNotice)
    edits = [
        (Topic, topic, {"name": "Градска среда и паркове"}),
        (Organisation, organisation, {"website": "https://zelen-sliven.example.org/"}),
        (SiteContact, contact, {"email": "obshtina@sliven.example.org", "phone": "+359 44 611 000"}),
        (EUFundingNotice, notice, {"funding_statement": "Проектът се осъществява с финансовата подкрепа на ЕС."}),
    ]
    for model, instance, changes in edits:
        url = f"/admin/snippets/pages/{model._meta.model_name}/edit/{instance.pk}/"
        response = officer.post(url, snippet_form(officer, url, **changes))
        assert response.status_code == 302, (model.__name__, form_errors(response))
        instance.refresh_from_db()
        for name, value in changes.items():
            assert getattr(instance, name) == value, model.__name__


def test_an_officer_sees_citizens_input_moderates_and_manages_registrations(section):
    person = people.in_role("officer")
    officer = people.logged_in(person)
    consultation, comment = section["consultation"], section["comment"]
    listing = officer.get(f"/admin/forms/submissions/{consultation.pk}/")
    assert listing.status_code == 200 and "Подкрепям проекта." in listing.content.decode()

    response = officer.post(
        f"/admin/forms-ext/moderation/edit/{comment.pk}/",
        {"moderation_status": "approved", "display_name": "Мария", "reply": "Благодарим!"},
    )
    assert response.status_code == 302, form_errors(response)
    comment.refresh_from_db()
    assert (comment.moderation_status, comment.moderated_by_id) == ("approved", person.pk)

    registration = section["registration"]
    response = officer.post(
        f"/admin/forms-ext/registrations/edit/{registration.pk}/", {"status": "confirmed", "attended": "on"}
    )
    assert response.status_code == 302, form_errors(response)
    assert Registration.objects.get(pk=registration.pk).attended is True


def test_the_officers_group_holds_every_right_of_the_day_and_no_superuser_is_needed():
    officers = Group.objects.get(name=roles.OFFICERS)
    held = {p.codename for p in officers.permissions.all()}
    for _app_label, model in roles.OFFICER_SNIPPETS:
        assert {f"{action}_{model}" for action in ("add", "change", "delete", "view")} <= held
    root = Page.get_first_root_node()
    on_root = set(
        GroupPagePermission.objects.filter(group=officers, page=root).values_list("permission__codename", flat=True)
    )
    assert on_root == set(roles.OFFICER_PAGE_PERMISSIONS)
    on_collections = set(officers.collection_permissions.values_list("permission__codename", flat=True))
    assert {"add_image", "choose_image", "add_document", "choose_document", "add_collection"} <= on_collections


# Moderators -----------------------------------------------------------------------------
def test_a_moderator_moderates_and_sees_submissions_but_edits_no_page(section):
    person = people.in_role("moderator")
    moderator = people.logged_in(person)
    consultation, comment = section["consultation"], section["comment"]
    assert moderator.get(f"/admin/forms/submissions/{consultation.pk}/").status_code == 200
    assert moderator.get(f"/admin/forms-ext/registrations/edit/{section['registration'].pk}/").status_code == 200
    response = moderator.post(
        f"/admin/forms-ext/moderation/edit/{comment.pk}/",
        {"moderation_status": "rejected", "display_name": "Мария", "reply": ""},
    )
    assert response.status_code == 302, form_errors(response)
    comment.refresh_from_db()
    assert (comment.moderation_status, comment.moderated_by_id) == ("rejected", person.pk)

    for url in (f"/admin/pages/{consultation.pk}/edit/", f"/admin/pages/{section['news'].pk}/add_subpage/"):
        response = moderator.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/edit/" not in response["Location"] and "add_subpage" not in response["Location"]
    response = moderator.post(f"/admin/pages/add/pages/newspage/{section['news'].pk}/", news_form("Тайна", "taina"))
    assert response.status_code in (302, 403)
    assert not NewsPage.objects.filter(slug="taina", locale__language_code="bg").exists()


# Translators ----------------------------------------------------------------------------
def test_a_translator_sees_no_submission_in_either_language(section):
    translator = people.logged_in(people.in_role("translator"))
    consultation, english = section["consultation"], section["consultation_en"]
    for url in (
        f"/admin/forms/submissions/{consultation.pk}/",
        f"/admin/forms/submissions/{english.pk}/",
        f"/admin/forms/submissions/{english.pk}/?export=csv",
        f"/admin/forms-ext/moderation/inspect/{section['comment'].pk}/",
        f"/admin/forms-ext/registrations/inspect/{section['registration'].pk}/",
    ):
        response = translator.get(url, follow=True)
        body = response.content.decode(errors="replace")
        assert "Подкрепям проекта." not in body and section["registration"].email not in body, url
    # …while the English page is theirs to edit.
    assert translator.get(f"/admin/pages/{english.pk}/edit/").status_code == 200


# The command ----------------------------------------------------------------------------
def rights(group_name):
    group = Group.objects.get(name=group_name)
    return (
        sorted(group.permissions.values_list("codename", flat=True)),
        sorted(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename")),
        sorted(group.collection_permissions.values_list("collection_id", "permission__codename")),
    )


def test_civic_roles_is_idempotent_and_repairs_drift(home):
    call_command("civic_roles", stdout=StringIO())
    before = {name: rights(name) for name in (roles.OFFICERS, roles.MODERATORS, roles.TRANSLATORS)}
    assert before[roles.TRANSLATORS][1], "translators hold the English tree"
    officers, moderators = Group.objects.get(name=roles.OFFICERS), Group.objects.get(name=roles.MODERATORS)
    # Drift: a right taken from officers by hand, page editing given to moderators.
    officers.permissions.remove(Permission.objects.get(codename="change_topic"))
    GroupPagePermission.objects.filter(group=officers, permission__codename="publish_page").delete()
    GroupPagePermission.objects.create(
        group=moderators, page=home, permission=Permission.objects.get(codename="change_page")
    )
    moderators.permissions.add(Permission.objects.get(codename="add_topic"))
    call_command("civic_roles", stdout=StringIO())
    assert {name: rights(name) for name in before} == before
    call_command("civic_roles", stdout=StringIO())
    assert {name: rights(name) for name in before} == before


def test_wagtails_stock_groups_moderators_is_the_role_and_an_empty_editors_group_goes():
    stock_editors = Group.objects.create(name=roles.STOCK_EDITORS)
    call_command("civic_roles", stdout=StringIO())
    assert not Group.objects.filter(pk=stock_editors.pk).exists()
    moderators = Group.objects.get(name=roles.MODERATORS)
    codenames = set(GroupPagePermission.objects.filter(group=moderators).values_list("permission__codename", flat=True))
    assert codenames == set(roles.MODERATOR_PAGE_PERMISSIONS)
    assert not WorkflowPage.objects.filter(page__depth=1).exists()


def test_a_stock_editors_group_with_members_is_left_and_the_command_says_so():
    people.user("old_editor", Group.objects.create(name=roles.STOCK_EDITORS))
    out = StringIO()
    call_command("civic_roles", stdout=out)
    assert Group.objects.filter(name=roles.STOCK_EDITORS).exists()
    assert "1 member" in out.getvalue() and roles.OFFICERS in out.getvalue()


# Two-person approval --------------------------------------------------------------------
def test_two_person_approval_is_off_by_default_and_on_for_the_section_an_administrator_names(section):
    news = section["news"]
    officer = people.logged_in(people.in_role("officer"))
    assert 'name="action-publish"' in officer.get(f"/admin/pages/add/pages/newspage/{news.pk}/").content.decode()

    out = StringIO()
    call_command("civic_roles", "--two-person-approval", str(news.pk), stdout=out)
    assert f"page {news.pk}" in out.getvalue()
    call_command("civic_roles", stdout=StringIO())  # running it again keeps the section's approval
    assert WorkflowPage.objects.filter(page=news).exists()
    add_form = officer.get(f"/admin/pages/add/pages/newspage/{news.pk}/").content.decode()
    assert 'name="action-publish"' not in add_form and 'name="action-submit"' in add_form
    # A publish request keeps the draft and publishes nothing.
    response = officer.post(f"/admin/pages/add/pages/newspage/{news.pk}/", news_form("Чернова", "chernova"))
    assert response.status_code == 302
    draft = bulgarian(NewsPage, "chernova")
    assert not draft.live
    # The officer submits; a moderator approves, which publishes it.
    data = news_form("Чернова", "chernova", publish=False) | {"action-submit": "submit"}
    assert officer.post(f"/admin/pages/{draft.pk}/edit/", data).status_code == 302
    draft.refresh_from_db()
    task_state = draft.current_workflow_task_state
    assert task_state is not None and not draft.live
    moderator = people.logged_in(people.in_role("moderator"))
    response = moderator.post(
        f"/admin/pages/workflow/action/{draft.pk}/approve/{task_state.pk}/", {"comment": ""}, follow=True
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.live

    # Elsewhere officers still publish at once; switched off, the section does too.
    response = officer.post(
        f"/admin/pages/add/pages/consultationpage/{section['consultations'].pk}/",
        consultation_form("Наредба за тишината", "naredba-tishina"),
    )
    assert bulgarian(ConsultationPage, "naredba-tishina").live, form_errors(response)
    call_command("civic_roles", "--no-two-person-approval", str(news.pk), stdout=StringIO())
    response = officer.post(f"/admin/pages/add/pages/newspage/{news.pk}/", news_form("Веднага", "vednaga"))
    assert bulgarian(NewsPage, "vednaga").live, form_errors(response)


def test_a_section_is_named_by_its_id_or_its_path_on_the_site(demo):
    from pages.models import NewsIndexPage

    index = NewsIndexPage.objects.get(locale__language_code="bg", url_path__startswith=demo.home.url_path)
    english = index.get_translation(factories.locale("en"))
    for page in (index, english):
        path = page.get_url_parts()[2]
        assert roles.section(path).pk == page.pk, path
        assert roles.section(str(page.pk)).pk == page.pk
    assert roles.section("/no-such-section/") is None


def test_two_person_approval_makes_its_workflow_when_wagtails_stock_one_is_gone(section):
    from wagtail.models import Workflow

    Workflow.objects.all().delete()
    call_command("civic_roles", "--two-person-approval", str(section["news"].pk), stdout=StringIO())
    workflow = WorkflowPage.objects.get(page=section["news"]).workflow
    assert workflow.active and workflow.name == "Одобрение от модератор"
    (task,) = [row.task.specific for row in workflow.workflow_tasks.all()]
    assert list(task.groups.values_list("name", flat=True)) == [roles.MODERATORS]
    moderators = Group.objects.get(name=roles.MODERATORS)
    assert GroupPagePermission.objects.filter(
        group=moderators, page=section["news"], permission__codename="publish_page"
    ).exists()


def test_a_copy_into_a_section_that_waits_for_approval_stays_a_draft(section):
    officer = people.logged_in(people.in_role("officer"))
    response = officer.post(f"/admin/pages/add/pages/newspage/{section['news'].pk}/", news_form("Образец", "obrazets"))
    assert response.status_code == 302, form_errors(response)
    other_news = factories.NewsIndexPageFactory(parent=section["news"].get_parent())
    call_command("civic_roles", "--two-person-approval", str(other_news.pk), stdout=StringIO())
    source = bulgarian(NewsPage, "obrazets")
    response = officer.post(
        f"/admin/pages/{source.pk}/copy/",
        {"new_title": "Копие", "new_slug": "kopie", "new_parent_page": other_news.pk, "publish_copies": "on"},
    )
    assert response.status_code == 302
    copy = bulgarian(NewsPage, "kopie")
    assert copy.get_parent().pk == other_news.pk and not copy.live
