"""`seed_demo` builds the demo site from the press release and is safe to run again."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site
from wagtail_localize.models import StringTranslation

from pages.models import EUFundingNotice, HomePage, Organisation, ProjectPage, SiteContact

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("id", "slug", "locale__language_code", "latest_revision_id")),
        "organisations": Organisation.objects.count(),
        "site_texts": (EUFundingNotice.objects.count(), SiteContact.objects.count()),
        "string_translations": sorted(StringTranslation.objects.values_list("id", "data")),
    }


def test_seed_demo_is_idempotent():
    # From an empty database, as on a fresh machine (the flush is rolled back after the test).
    call_command("flush", interactive=False, verbosity=0)
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "created" in out.getvalue()
    first = snapshot()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert snapshot() == first


def test_seed_demo_builds_the_project_from_the_press_release():
    call_command("seed_demo", stdout=StringIO())
    home = HomePage.objects.get(locale__language_code="bg")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    project = ProjectPage.objects.get(locale__language_code="bg")
    assert project.get_parent().pk == home.pk
    assert project.project_code == "BG05SFOP001-2.025-0025-C01"
    assert project.beneficiary.short_name == "РЦИР Сливен"
    assert [p.organisation.name for p in project.partners.all()] == ["Община Сливен"]
    assert len(project.objectives) == 5
    assert project.duration_months == 12
    assert len(project.strategic_aims) == 2


def test_english_tree_mirrors_the_bulgarian_one():
    call_command("seed_demo", stdout=StringIO())
    for page in Page.objects.filter(locale__language_code="bg", depth__gt=1):
        assert page.get_translations().filter(locale__language_code="en").exists(), page.slug
