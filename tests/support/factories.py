"""Factories for small page trees: a test builds what it needs and nothing else.

Pages are created under a home page of their own (beside the demo site's, which the
session builds for the smoke tests), live and with a published revision, as an officer's
publish leaves them. `translate(page)` makes the English translation the way
wagtail-localize does (a copy in the English tree, published)."""

import datetime
import itertools
from zoneinfo import ZoneInfo

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale, Page

from forms_ext.models import CivicSubmission, HeldSubmission, Registration
from pages import models as page_models

SOFIA = ZoneInfo("Europe/Sofia")
_numbers = itertools.count(1)

PRIVACY_NOTICE = "Община Сливен обработва данните, за да отговори на предложенията. Пазим ги една година."


def locale(code="bg"):
    return Locale.objects.get(language_code=code)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class BasePageFactory(wagtail_factories.PageFactory):
    """Every page: a title and slug of its own, under the given parent, published."""

    title = factory.Sequence(lambda n: f"Страница {n}")
    slug = factory.Sequence(lambda n: f"stranitsa-{n}")

    class Meta:
        abstract = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """Published once everything else is in place (form fields included)."""
        if create:
            publish(instance)


class HomePageFactory(BasePageFactory):
    """A language root of a tree of its own, below Wagtail's root."""

    title = "Начало"
    slug = factory.Sequence(lambda n: f"nachalo-{n}")
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = page_models.HomePage


FIELD_MODELS = {
    page_models.FeedbackPage: page_models.FeedbackFormField,
    page_models.CivicMonitoringPage: page_models.CivicMonitoringFormField,
    page_models.ConsultationPage: page_models.ConsultationFormField,
    page_models.EventPage: page_models.EventFormField,
}
# (type, label, required): a form most tests can use.
DEFAULT_FIELDS = [
    ("singleline", "Име", False),
    ("email", "Имейл", False),
    ("multiline", "Съобщение", True),
    ("consent", "Съгласен съм", True),
]


def add_fields(page, fields=DEFAULT_FIELDS):
    """Give `page` these form fields (type, label, required[, choices])."""
    field_model = FIELD_MODELS[type(page)]
    for order, (field_type, label, required, *choices) in enumerate(fields):
        field_model.objects.create(
            page=page,
            sort_order=order,
            field_type=field_type,
            label=label,
            required=required,
            choices="\n".join(choices[0]) if choices else "",
            locale=page.locale,
        )
    return page


class FormPageFactory(BasePageFactory):
    privacy_notice = PRIVACY_NOTICE

    class Meta:
        abstract = True

    @factory.post_generation
    def fields(page, create, extracted, **kwargs):
        """`fields=[...]` (see add_fields), DEFAULT_FIELDS when not given, `fields=[]` for none."""
        if create:
            add_fields(page, DEFAULT_FIELDS if extracted is None else extracted)


class FeedbackPageFactory(FormPageFactory):
    title = factory.Sequence(lambda n: f"Обратна връзка {n}")
    slug = factory.Sequence(lambda n: f"obratna-vrazka-{n}")

    class Meta:
        model = page_models.FeedbackPage


class CivicMonitoringPageFactory(FormPageFactory):
    title = factory.Sequence(lambda n: f"Граждански мониторинг {n}")
    slug = factory.Sequence(lambda n: f"monitoring-{n}")

    class Meta:
        model = page_models.CivicMonitoringPage


class ConsultationIndexPageFactory(BasePageFactory):
    title = "Обществени консултации"
    slug = factory.Sequence(lambda n: f"konsultatsii-{n}")

    class Meta:
        model = page_models.ConsultationIndexPage


class ConsultationPageFactory(FormPageFactory):
    """Open now, for 30 days."""

    title = factory.Sequence(lambda n: f"Консултация {n}")
    slug = factory.Sequence(lambda n: f"konsultatsiya-{n}")
    summary = "Проект на наредба за обществените съвети."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=29))

    class Meta:
        model = page_models.ConsultationPage


class EventIndexPageFactory(BasePageFactory):
    title = "Събития"
    slug = factory.Sequence(lambda n: f"sabitiya-{n}")

    class Meta:
        model = page_models.EventIndexPage


REGISTRATION_FIELDS = [("name", "Име", True), ("email", "Имейл", True), ("consent", "Съгласен съм", True)]


class EventPageFactory(FormPageFactory):
    """In ten days, with registration open now and 20 places."""

    title = factory.Sequence(lambda n: f"Събитие {n}")
    slug = factory.Sequence(lambda n: f"sabitie-{n}")
    summary = "Кръгла маса за гражданското участие."
    venue_name = "Зала „Сливен“"
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    end = factory.LazyAttribute(lambda page: page.start + datetime.timedelta(hours=3))
    registration_opens = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    capacity = 20

    class Meta:
        model = page_models.EventPage

    @factory.post_generation
    def fields(page, create, extracted, **kwargs):
        if create:
            add_fields(page, REGISTRATION_FIELDS if extracted is None else extracted)


def form_pages(home):
    """One live form page of every type the suite has, under `home`: {name: page}."""
    consultations = ConsultationIndexPageFactory(parent=home)
    events = EventIndexPageFactory(parent=home)
    return {
        "feedback": FeedbackPageFactory(parent=home),
        "monitoring": CivicMonitoringPageFactory(parent=home),
        "consultation": ConsultationPageFactory(parent=consultations),
        "event": EventPageFactory(parent=events),
    }


def translate(page, code="en", **changes):
    """The page in another language, as a translator publishes it: its parents are
    translated first when they are not yet."""
    target = locale(code)
    existing = page.get_translation_or_none(target)
    if existing is not None:
        return existing.specific
    parent = page.get_parent().specific
    if parent.depth > 1 and parent.get_translation_or_none(target) is None:
        translate(parent, code)
    translation = page.copy_for_translation(target)
    for name, value in changes.items():
        setattr(translation, name, value)
    return publish(translation).specific


class SubmissionFactory(factory.django.DjangoModelFactory):
    language = "bg"
    form_data = factory.LazyFunction(lambda: {"ime": "Мария Петрова", "saobshtenie": "Предлагам повече пейки."})
    fingerprint = factory.Sequence(lambda n: f"fingerprint-{n}")

    class Meta:
        model = CivicSubmission


class HeldSubmissionFactory(factory.django.DjangoModelFactory):
    language = "bg"
    form_data = factory.LazyFunction(lambda: {"saobshtenie": "Купете евтини часовници"})
    reason = HeldSubmission.Reason.HONEYPOT

    class Meta:
        model = HeldSubmission


class RegistrationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Гражданин {n}")
    email = factory.Sequence(lambda n: f"citizen{n}@example.org")
    language = "bg"
    status = Registration.Status.CONFIRMED

    class Meta:
        model = Registration


def site_tree():
    """A home page of its own, served to the test client's host ("testserver") in place
    of the demo site, with its English translation: what a test builds its pages under."""
    from wagtail.models import Site

    home = HomePageFactory()
    Site.objects.create(hostname="testserver", port=80, root_page=home, site_name="Тестов сайт")
    translate(home)
    return home


class NewsIndexPageFactory(BasePageFactory):
    title = "Новини"
    slug = factory.Sequence(lambda n: f"novini-{n}")

    class Meta:
        model = page_models.NewsIndexPage


class NewsPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Новина {n}")
    slug = factory.Sequence(lambda n: f"novina-{n}")
    summary = "Кратко резюме на новината."

    class Meta:
        model = page_models.NewsPage


class ReportPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Аналитичен доклад {n}")
    slug = factory.Sequence(lambda n: f"doklad-{n}")
    summary = "Основните изводи на доклада."

    class Meta:
        model = page_models.ReportPage


class RecommendationTrackerPageFactory(BasePageFactory):
    title = "Препоръки"
    slug = factory.Sequence(lambda n: f"preporaki-{n}")

    class Meta:
        model = page_models.RecommendationTrackerPage


class ProjectPageFactory(BasePageFactory):
    """The project's own page: its funding facts."""

    title = "Партньори за развитие на Община Сливен"
    slug = factory.Sequence(lambda n: f"proekt-{n}")
    project_code = "BG05SFOP001-2.025-0025-C01"
    programme = "Оперативна програма „Добро управление“"
    fund = "Европейски социален фонд"
    cofinancing_statement = "Проектът се осъществява с финансовата подкрепа на ОП „Добро управление“."
    main_aim = "Гражданско участие в решенията на общината."
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2027, 12, 31)
    beneficiary = factory.LazyFunction(
        lambda: page_models.Organisation.objects.create(name="Община Сливен", locale=locale())
    )

    class Meta:
        model = page_models.ProjectPage
