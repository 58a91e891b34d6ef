"""The scaled data set `make bench` measures, in both languages.

Pages are written in bulk, as a migration or an import would: base rows with their tree
paths computed here (treebeard's materialised path), the page types' own rows inserted
raw, topics and form fields linked in bulk. Wagtail's add_child would take minutes for
thousands of pages and measure the builder instead of the site. Every consultation
carries the demo's proposal form and published comments; every upcoming event takes
registrations through the demo's registration form. Each page has its English
translation (same translation_key, locale en) under the English index pages.
Revisions are not made (serving a page reads none); search-index rows are written by
the search backend's bulk add for the scaled pages, so the search endpoint searches
them too.
"""

import datetime
import random
import time
import uuid
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import Locale, Page

from sliven_site.demo import data

SIZES = {
    "quick": {"events": 100, "consultations": 20, "comments": 50, "practices": 100, "submissions": 5_000},
    "full": {"events": 2_000, "consultations": 500, "comments": 50, "practices": 2_000, "submissions": 100_000},
}
COUNTRIES = ["EE", "PL", "PT", "ES", "FI", "DE", "FR", "IT", "NL", "LT"]
KINDS = ["public_discussion", "round_table", "conference", "training", "other"]
# What the search endpoint looks for: a word in the title of every scaled consultation.
SEARCH_QUERY = {"bg": "наредба", "en": "ordinance"}

TEXTS = {
    "bg": {
        "event": "Обществено обсъждане № {n}",
        "event_summary": "Обсъждане с граждани и организации.",
        "venue": "Заседателна зала",
        "address": "гр. Сливен",
        "consultation": "Проект на наредба № {n}",
        "consultation_summary": "Проект на нормативен акт за обществена консултация.",
        "practice": "Добра практика № {n}",
        "practice_summary": "Практика от друга държава членка.",
        "city": "Град",
        "problem": "<p>Проблем.</p>",
        "solution": "<p>Решение.</p>",
        "privacy": "Администратор на личните данни е Община Сливен. Пазим изпратеното една година.",
    },
    "en": {
        "event": "Public discussion No. {n}",
        "event_summary": "A discussion with citizens and organisations.",
        "venue": "Council chamber",
        "address": "Sliven",
        "consultation": "Draft ordinance No. {n}",
        "consultation_summary": "A draft regulation open for public consultation.",
        "practice": "Good practice No. {n}",
        "practice_summary": "A practice from another member state.",
        "city": "City",
        "problem": "<p>Problem.</p>",
        "solution": "<p>Solution.</p>",
        "privacy": "Sliven Municipality is the data controller. We keep what you send for one year.",
    },
}


def demo_form(fields):
    """A demo form (pages/demo/data.py) as (clean name, type, required, Bulgarian label,
    English label): the same names and labels seed_demo and its translation give it."""
    from forms_ext.naming import clean_name_for
    from sliven_site.demo.english import FORM_FIELDS

    return [
        (clean_name_for(label), kind, required, label, FORM_FIELDS.get(label, label))
        for kind, label, required, _choices, _help in fields
    ]


def build_scaled_content(home, size, log=print):
    """Create the scaled pages and submissions; return {name: url} for bench/endpoints.py
    plus a "counts" entry describing what was built."""
    from pages.models import (
        BestPracticeIndexPage,
        BestPracticePage,
        ConsultationFormField,
        ConsultationIndexPage,
        ConsultationPage,
        EventFormField,
        EventIndexPage,
        EventPage,
        FeedbackPage,
        ProjectPage,
        Topic,
    )

    sizes = SIZES[size]
    random.seed(2026)
    now = timezone.now()
    locales = list(Locale.objects.order_by("pk"))
    source = Locale.get_default()
    topics = {locale.pk: list(Topic.objects.filter(locale=locale).order_by("pk")) for locale in locales}
    timings = {}

    def index(model, locale):
        return model.objects.exclude(slug=SMALL_INDEX_SLUG).get(locale=locale)

    def timed(name, make):
        started = time.monotonic()
        result = make()
        timings[name] = round(time.monotonic() - started, 1)
        return result

    events_count = sizes["events"]
    past = events_count * 3 // 4  # events 0 … past-1 are over; the rest are upcoming and take registrations

    def event_fields(n, language):
        text = TEXTS[language]
        upcoming = n >= past
        start = now + datetime.timedelta(days=(n - past + 1) if upcoming else (n - past), hours=n % 8)
        return {
            "title": text["event"].format(n=n),
            "summary": text["event_summary"],
            "kind": KINDS[n % len(KINDS)],
            "start": start,
            "end": start + datetime.timedelta(hours=2),
            "venue_name": text["venue"],
            "venue_address": text["address"],
            "map_url": "",
            "online_url": "",
            "capacity": 50 + n % 100,
            "attendance": None if upcoming else 20 + n % 80,
            "registration_opens": now - datetime.timedelta(days=2) if upcoming else None,
            "registration_closes": None,
            "is_cancelled": False,
            "body": [],
            "agenda": [],
            "speakers": [],
            "report": "",
            "recommendations": "",
            "gallery": [],
            "thank_you_text": "",
            "notify_to": "",
            "privacy_notice": text["privacy"] if upcoming else "",
            "lawful_basis": "public_task",
            "retention_days": 365,
            "publish_comments": False,
            "share_text": "",
        }

    def consultation_fields(n, language):
        text = TEXTS[language]
        return {
            "title": text["consultation"].format(n=n),
            "summary": text["consultation_summary"],
            "body": [],
            "contact": "",
            "opens_at": now - datetime.timedelta(days=n % 60, minutes=5),
            "closes_at": now + datetime.timedelta(days=30 - n % 60),
            "shorter_period_reasons": "",
            "outcome_date": None,
            "outcome_summary": "",
            "thank_you_text": "",
            "notify_to": "",
            "privacy_notice": text["privacy"],
            "lawful_basis": "public_task",
            "retention_days": 365,
            "publish_comments": True,
            "share_text": "",
        }

    def practice_fields(n, language):
        text = TEXTS[language]
        return {
            "title": text["practice"].format(n=n),
            "country": COUNTRIES[n % len(COUNTRIES)],
            "city": text["city"],
            "organisation_name": "",
            "summary": text["practice_summary"],
            "problem": text["problem"],
            "solution": text["solution"],
            "results": "",
            "transferability": "",
            "source_url": "",
            "documents": [],
            "related_pages": [],
            "share_text": "",
        }

    events = timed(
        "events",
        lambda: _bulk_pages(
            EventPage,
            {locale.pk: index(EventIndexPage, locale) for locale in locales},
            events_count,
            topics,
            event_fields,
            log,
        ),
    )
    # The same index with 20 events, for the target "event index p50 latency with 2,000
    # children at most 1.3x its latency with 20 children" (same split of past and upcoming).
    small_indexes = _small_event_indexes(locales)
    small_events = timed(
        "small event index",
        lambda: _bulk_pages(
            EventPage,
            small_indexes,
            SMALL_EVENT_INDEX,
            topics,
            _renamed(event_fields, SMALL_EVENT_INDEX, events_count),
            log,
            slug_prefix="bench-small-event",
        ),
    )
    consultations = timed(
        "consultations",
        lambda: _bulk_pages(
            ConsultationPage,
            {locale.pk: index(ConsultationIndexPage, locale) for locale in locales},
            sizes["consultations"],
            topics,
            consultation_fields,
            log,
        ),
    )
    practices = timed(
        "best practices",
        lambda: _bulk_pages(
            BestPracticePage,
            {locale.pk: index(BestPracticeIndexPage, locale) for locale in locales},
            sizes["practices"],
            topics,
            practice_fields,
            log,
        ),
    )
    form_fields = timed(
        "form fields",
        lambda: (
            _form_fields(
                ConsultationFormField, consultations, locales, source, demo_form(data.CONSULTATION_FORM["fields"])
            )
            + _form_fields(
                EventFormField,
                {pk: ids[past:] for pk, ids in events.items()},
                locales,
                source,
                demo_form(data.UPCOMING_EVENT["fields"]),
            )
        ),
    )
    comments = timed("comments", lambda: _comments(consultations[source.pk], sizes["comments"], now))
    feedback = FeedbackPage.objects.get(locale=source)
    stored = timed("submissions", lambda: _submissions(feedback, sizes["submissions"], now))
    indexed = timed(
        "search index",
        lambda: sum(
            _index_for_search(model, [pk for ids in created.values() for pk in ids])
            for model, created in (
                (EventPage, events),
                (ConsultationPage, consultations),
                (BestPracticePage, practices),
            )
        ),
    )
    small_past = SMALL_EVENT_INDEX * 3 // 4
    form_fields += _form_fields(
        EventFormField,
        {pk: ids[small_past:] for pk, ids in small_events.items()},
        locales,
        source,
        demo_form(data.UPCOMING_EVENT["fields"]),
    )
    log(
        f"  {events_count} events ({events_count - past} taking registrations), {sizes['consultations']} "
        f"consultations with a form and {sizes['comments']} published comments each, {sizes['practices']} best "
        f"practices per language; {stored} submissions; {indexed} pages indexed for search; seconds: {timings}"
    )

    open_consultation = ConsultationPage.objects.get(pk=consultations[source.pk][0])
    assert open_consultation.is_open and open_consultation.has_form, "the bench's consultation must be open with a form"
    event = EventPage.objects.get(pk=events[source.pk][-1])
    registration_event = EventPage.objects.get(pk=events[source.pk][-2])
    assert registration_event.form_is_open and registration_event.capacity, "the bench's event must take registrations"
    topic = topics[source.pk][0]
    project = ProjectPage.objects.filter(locale=source).first()
    return {
        "project": project.url if project else None,
        "consultation": open_consultation.url,
        "consultations_filtered": index(ConsultationIndexPage, source).url + f"?status=open&topic={topic.slug}",
        "events": index(EventIndexPage, source).url,
        "events_small": small_indexes[source.pk].url,
        "event": event.url,
        "best_practices_filtered": index(BestPracticeIndexPage, source).url + f"?country=EE&topic={topic.slug}",
        "search": "/search/?" + urlencode({"q": SEARCH_QUERY[source.language_code]}),
        "ics": "/calendar/events.ics",
        "api": "/api/v2/pages/?type=pages.EventPage&fields=start,kind&limit=20",
        "feedback": feedback.url,
        "feedback_fields": {
            "tema": topic.slug,
            "otsenka_na_uslugata": "4",
            "saobshtenie": "Бележка __SEQ__",
            "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
        },
        "registration_event": registration_event.url,
        "registration_fields": {
            "ime_i_familia": "Гражданин __SEQ__",
            "imeyl": "citizen__SEQ__@example.org",
            "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
        },
        "counts": {
            "languages": len(locales),
            "events_per_language": events_count,
            "events_taking_registrations_per_language": events_count - past,
            "events_in_small_index_per_language": SMALL_EVENT_INDEX,
            "consultations_per_language": sizes["consultations"],
            "published_comments": comments,
            "best_practices_per_language": sizes["practices"],
            "form_fields": form_fields,
            "submissions": stored,
            "pages_in_search_index": indexed,
            "build_seconds": timings,
        },
    }


def _small_event_indexes(locales):
    """A second events index per language (beside the real one, outside the menus), for the
    bench's comparison of an index with 20 children and one with 2,000."""
    from pages.models import EventIndexPage, HomePage

    key = uuid.uuid4()
    indexes = {}
    for locale in locales:
        home = HomePage.objects.get(locale=locale, depth=2)
        index = EventIndexPage(
            title="Bench: 20 events",
            slug=SMALL_INDEX_SLUG,
            locale=locale,
            translation_key=key,
            show_in_menus=False,
        )
        home.add_child(instance=index)
        indexes[locale.pk] = EventIndexPage.objects.get(pk=index.pk)
    return indexes


def _renamed(fields_for, count, total):
    """`fields_for` for `count` pages spread like `total` over past and upcoming (the
    first three quarters over), so both indexes show the same kinds of event."""
    past, total_past = count * 3 // 4, total * 3 // 4

    def fields(n, language):
        # the n-th small event is dated like the big index's event at the same distance from "now"
        return fields_for(total_past + (n - past), language)

    return fields


SMALL_EVENT_INDEX = 20
SMALL_INDEX_SLUG = "bench-events-20"


def _bulk_pages(model, parents, count, topics, fields_for, log, slug_prefix=None):
    """`count` live pages of `model` under each parent (one per locale), the same
    translation_key across locales. Returns {locale_pk: [page ids]}."""
    content_type = ContentType.objects.get_for_model(model)
    keys = [uuid.uuid4() for _ in range(count)]
    now = timezone.now()
    created = {}
    for locale_pk, parent in parents.items():
        language = parent.locale.language_code
        last = parent.get_last_child()
        start = (Page._str2int(last.path[-Page.steplen :]) if last else 0) + 1
        base_rows = []
        for n in range(count):
            fields = fields_for(n, language)
            slug = f"{slug_prefix or 'bench-' + model._meta.model_name}-{n}"
            base_rows.append(
                Page(
                    title=fields["title"],
                    draft_title=fields["title"],
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(parent.path, parent.depth + 1, start + n),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    latest_revision_created_at=now,
                    locale_id=locale_pk,
                    translation_key=keys[n],
                    show_in_menus=False,
                )
            )
        Page.objects.bulk_create(base_rows, batch_size=1000)
        local_fields = [field for field in model._meta.local_concrete_fields if field.attname != "page_ptr_id"]
        rows = []
        for n, base in enumerate(base_rows):
            values = fields_for(n, language)
            row = [base.pk]
            for field in local_fields:
                value = values.get(field.attname, values.get(field.name, field.get_default()))
                row.append(field.get_db_prep_save(field.to_python(value) if value is not None else None, connection))
            rows.append(row)
        _insert(model._meta.db_table, ["page_ptr_id", *[field.column for field in local_fields]], rows)
        if topics.get(locale_pk) and hasattr(model, "topics"):
            through = model.topics.through
            source = [f.attname for f in through._meta.fields if f.related_model is model][0]
            target = [f.attname for f in through._meta.fields if f.related_model is not model and f.attname != "id"][0]
            choice = topics[locale_pk]
            through.objects.bulk_create(
                [through(**{source: base.pk, target: choice[n % len(choice)].pk}) for n, base in enumerate(base_rows)],
                batch_size=2000,
            )
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
        created[locale_pk] = [base.pk for base in base_rows]
        log(f"  + {count} {model._meta.verbose_name_plural} ({parent.locale.language_code})")
    return created


def _form_fields(model, pages, locales, source, fields):
    """The same form on every page: one row per field and language, the translations
    sharing the source field's translation_key (as wagtail-localize would leave them)."""
    english = [locale for locale in locales if locale.pk != source.pk]
    keys = {}
    rows = []
    for locale in [source, *english]:
        for position, page_id in enumerate(pages[locale.pk]):
            for order, (clean_name, kind, required, label_bg, label_en) in enumerate(fields):
                key = keys.setdefault((position, order), uuid.uuid4())
                rows.append(
                    model(
                        page_id=page_id,
                        sort_order=order,
                        clean_name=clean_name,
                        field_type=kind,
                        required=required,
                        label=label_bg if locale.pk == source.pk else label_en,
                        choices="",
                        default_value="",
                        help_text="",
                        locale_id=locale.pk,
                        translation_key=key,
                    )
                )
    model.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _index_for_search(model, ids, batch=1000):
    """Search-index rows for the scaled pages, written by the configured backend in bulk
    (what update_index does, for these pages only)."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    for offset in range(0, len(ids), batch):
        backend.add_bulk(model, list(model.objects.filter(pk__in=ids[offset : offset + batch])))
    return len(ids)


def _insert(table, columns, rows, batch=1000):
    quoted = ", ".join(f'"{column}"' for column in columns)
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), batch):
            chunk = rows[offset : offset + batch]
            cursor.execute(
                f'INSERT INTO "{table}" ({quoted}) VALUES ' + ", ".join([placeholders] * len(chunk)),
                [value for row in chunk for value in row],
            )


def _comments(consultation_ids, per_page, now):
    from forms_ext.models import CivicSubmission

    rows = [
        CivicSubmission(
            page_id=page_id,
            form_data={"predlozhenie": f"Предложение {n}"},
            language="bg",
            fingerprint=uuid.uuid4().hex,
            comment=f"Публикуван коментар № {n} по проекта.",
            display_name=f"Гражданин {n}",
            moderation_status=CivicSubmission.Moderation.APPROVED,
            submit_time=now - datetime.timedelta(minutes=n),
        )
        for page_id in consultation_ids
        for n in range(per_page)
    ]
    CivicSubmission.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _submissions(page, count, now):
    from forms_ext.models import CivicSubmission

    batch = []
    for n in range(count):
        batch.append(
            CivicSubmission(
                page_id=page.pk,
                form_data={"saobshtenie": f"Съобщение {n}", "otsenka_na_uslugata": str(1 + n % 5)},
                language="bg" if n % 4 else "en",
                fingerprint=uuid.uuid4().hex,
                moderation_status=CivicSubmission.Moderation.PRIVATE,
                submit_time=now - datetime.timedelta(minutes=n),
            )
        )
        if len(batch) == 5000:
            CivicSubmission.objects.bulk_create(batch)
            batch = []
    CivicSubmission.objects.bulk_create(batch)
    return count
