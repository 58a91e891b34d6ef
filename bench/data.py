"""The scaled data set `make bench` measures, in both languages.

Pages are written in bulk, as a migration or an import would: base rows with their tree
paths computed here (treebeard's materialised path), the page types' own rows inserted
raw, topics linked in bulk. Wagtail's add_child would take minutes for thousands of
pages and measure the builder instead of the site. Revisions and search-index rows are
not made for the scaled pages (serving a page reads neither); the search endpoint
searches the demo content.
"""
import datetime
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import Locale, Page

SIZES = {
    "quick": {"events": 200, "consultations": 40, "comments": 10, "practices": 200, "submissions": 5_000},
    "full": {"events": 2_000, "consultations": 500, "comments": 50, "practices": 2_000, "submissions": 100_000},
}
COUNTRIES = ["EE", "PL", "PT", "ES", "FI", "DE", "FR", "IT", "NL", "LT"]
KINDS = ["public_discussion", "round_table", "conference", "training", "other"]


def build_scaled_content(home, size, log=print):
    """Create the scaled pages and submissions; return {name: url} for bench/endpoints.py
    plus a "counts" entry describing what was built."""
    from pages.models import (
        BestPracticeIndexPage,
        BestPracticePage,
        ConsultationIndexPage,
        ConsultationPage,
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
    topics = {locale.pk: list(Topic.objects.filter(locale=locale).order_by("pk")) for locale in locales}

    def index(model, locale):
        return model.objects.get(locale=locale)

    events = _bulk_pages(
        EventPage, {locale.pk: index(EventIndexPage, locale) for locale in locales}, sizes["events"], topics,
        lambda n: {
            "title": f"Обществено обсъждане № {n}", "summary": "Обсъждане с граждани и организации.",
            "kind": KINDS[n % len(KINDS)],
            "start": now + datetime.timedelta(days=n - sizes["events"] * 3 // 4, hours=n % 8),
            "end": now + datetime.timedelta(days=n - sizes["events"] * 3 // 4, hours=n % 8 + 2),
            "venue_name": "Заседателна зала", "venue_address": "гр. Сливен", "map_url": "", "online_url": "",
            "capacity": 50 + n % 100, "attendance": 20 + n % 80 if n < sizes["events"] * 3 // 4 else None,
            "is_cancelled": False, "body": [], "agenda": [], "speakers": [], "report": "",
            "recommendations": "", "gallery": [], "thank_you_text": "", "notify_to": "", "privacy_notice": "",
            "lawful_basis": "public_task", "retention_days": 365, "publish_comments": False, "share_text": "",
        },
        log,
    )
    consultations = _bulk_pages(
        ConsultationPage, {locale.pk: index(ConsultationIndexPage, locale) for locale in locales},
        sizes["consultations"], topics,
        lambda n: {
            "title": f"Проект на наредба № {n}", "summary": "Проект на нормативен акт за обществена консултация.",
            "body": [], "contact": "", "opens_at": now - datetime.timedelta(days=n % 60),
            "closes_at": now + datetime.timedelta(days=30 - n % 60), "shorter_period_reasons": "",
            "outcome_date": None, "outcome_summary": "", "thank_you_text": "", "notify_to": "", "privacy_notice": "",
            "lawful_basis": "public_task", "retention_days": 365, "publish_comments": True, "share_text": "",
        },
        log,
    )
    practices = _bulk_pages(
        BestPracticePage, {locale.pk: index(BestPracticeIndexPage, locale) for locale in locales},
        sizes["practices"], topics,
        lambda n: {
            "title": f"Добра практика № {n}", "country": COUNTRIES[n % len(COUNTRIES)], "city": "Град",
            "organisation_name": "", "summary": "Практика от друга държава членка.", "problem": "<p>Проблем.</p>",
            "solution": "<p>Решение.</p>", "results": "", "transferability": "", "source_url": "",
            "documents": [], "related_pages": [], "share_text": "",
        },
        log,
    )
    comments = _comments(consultations[locales[0].pk], sizes["comments"], now)
    feedback = FeedbackPage.objects.get(locale=locales[0])
    stored = _submissions(feedback, sizes["submissions"], now)
    log(f"  {len(events[locales[0].pk])} events, {len(consultations[locales[0].pk])} consultations with "
        f"{sizes['comments']} published comments each, {len(practices[locales[0].pk])} best practices per language; "
        f"{stored} submissions")

    open_consultation = ConsultationPage.objects.get(pk=consultations[locales[0].pk][0])
    event = EventPage.objects.get(pk=events[locales[0].pk][-1])
    topic = topics[locales[0].pk][0]
    registration_event = EventPage.objects.get(locale=locales[0], slug="kragla-masa-obshtestveni-saveti")
    project = ProjectPage.objects.filter(locale=locales[0]).first()
    return {
        "project": project.url if project else None,
        "consultation": open_consultation.url,
        "consultations_filtered": index(ConsultationIndexPage, locales[0]).url + f"?status=open&topic={topic.slug}",
        "events": index(EventIndexPage, locales[0]).url,
        "event": event.url,
        "best_practices_filtered": index(BestPracticeIndexPage, locales[0]).url + f"?country=EE&topic={topic.slug}",
        "search": "/search/?q=%D1%87%D0%B8%D1%82%D0%B0%D0%BB%D0%B8%D1%89%D0%B0",
        "ics": "/calendar/events.ics",
        "api": "/api/v2/pages/?type=pages.EventPage&fields=start,kind&limit=20",
        "feedback": feedback.url,
        "feedback_fields": {
            "tema": topic.slug, "otsenka_na_uslugata": "4", "saobshtenie": "Бележка __SEQ__",
            "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
        },
        "registration_event": registration_event.url,
        "registration_fields": {
            "ime_i_familia": "Гражданин __SEQ__", "imeyl": "citizen__SEQ__@example.org",
            "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
        },
        "counts": {
            "languages": len(locales),
            "events_per_language": len(events[locales[0].pk]),
            "consultations_per_language": len(consultations[locales[0].pk]),
            "published_comments": comments,
            "best_practices_per_language": len(practices[locales[0].pk]),
            "submissions": stored,
        },
    }


def _bulk_pages(model, parents, count, topics, fields_for, log):
    """`count` live pages of `model` under each parent (one per locale), the same
    translation_key across locales. Returns {locale_pk: [page ids]}."""
    content_type = ContentType.objects.get_for_model(model)
    keys = [uuid.uuid4() for _ in range(count)]
    now = timezone.now()
    created = {}
    for locale_pk, parent in parents.items():
        last = parent.get_last_child()
        start = (Page._str2int(last.path[-Page.steplen:]) if last else 0) + 1
        base_rows = []
        for n in range(count):
            fields = fields_for(n)
            slug = f"bench-{model._meta.model_name}-{n}"
            base_rows.append(Page(
                title=fields["title"], draft_title=fields["title"], slug=slug, content_type=content_type,
                path=Page._get_path(parent.path, parent.depth + 1, start + n), depth=parent.depth + 1, numchild=0,
                url_path=f"{parent.url_path}{slug}/", live=True, has_unpublished_changes=False,
                first_published_at=now, last_published_at=now, latest_revision_created_at=now,
                locale_id=locale_pk, translation_key=keys[n], show_in_menus=False,
            ))
        Page.objects.bulk_create(base_rows, batch_size=1000)
        local_fields = [field for field in model._meta.local_concrete_fields if field.attname != "page_ptr_id"]
        rows = []
        for n, base in enumerate(base_rows):
            values = fields_for(n)
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


def _insert(table, columns, rows, batch=1000):
    quoted = ", ".join(f'"{column}"' for column in columns)
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), batch):
            chunk = rows[offset:offset + batch]
            cursor.execute(
                f'INSERT INTO "{table}" ({quoted}) VALUES ' + ", ".join([placeholders] * len(chunk)),
                [value for row in chunk for value in row],
            )


def _comments(consultation_ids, per_page, now):
    from forms_ext.models import CivicSubmission

    rows = [
        CivicSubmission(
            page_id=page_id, form_data={"predlozhenie": f"Предложение {n}"}, language="bg", fingerprint=uuid.uuid4().hex,
            comment=f"Публикуван коментар № {n} по проекта.", display_name=f"Гражданин {n}",
            moderation_status=CivicSubmission.Moderation.APPROVED, submit_time=now - datetime.timedelta(minutes=n),
        )
        for page_id in consultation_ids for n in range(per_page)
    ]
    CivicSubmission.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _submissions(page, count, now):
    from forms_ext.models import CivicSubmission

    batch = []
    for n in range(count):
        batch.append(CivicSubmission(
            page_id=page.pk, form_data={"saobshtenie": f"Съобщение {n}", "otsenka_na_uslugata": str(1 + n % 5)},
            language="bg" if n % 4 else "en", fingerprint=uuid.uuid4().hex,
            moderation_status=CivicSubmission.Moderation.PRIVATE, submit_time=now - datetime.timedelta(minutes=n),
        ))
        if len(batch) == 5000:
            CivicSubmission.objects.bulk_create(batch)
            batch = []
    CivicSubmission.objects.bulk_create(batch)
    return count
