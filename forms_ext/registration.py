"""Registration with a waiting list, generic over any page that provides `capacity`
(None = unlimited) and `registration_is_open`. Giving or freeing a place locks the
page's RegistrationBook row, so concurrent requests queue instead of racing."""

from django.db import models, transaction
from django.utils import timezone

from forms_ext import tasks
from forms_ext.models import Registration, RegistrationBook

Status = Registration.Status


def _lock_book(page):
    # One locking read once the book exists; the first registration creates it (and a
    # concurrent first one waits for that, then reads it locked).
    return RegistrationBook.objects.select_for_update().get_or_create(page_id=page.pk)[0]


def _has_free_place(page):
    if page.capacity is None:
        return True
    confirmed = Registration.objects.filter(page_id=page.pk, status=Status.CONFIRMED).count()
    return confirmed < page.capacity


# No savepoint of its own: inside a request's transaction a failure undoes the whole
# submission anyway, and a savepoint costs two more round trips on every registration.
@transaction.atomic(savepoint=False)
def register(page, *, name, email, language, submission=None):
    """A confirmed place while there is one, else a place on the waiting list."""
    _lock_book(page)
    status = Status.CONFIRMED if _has_free_place(page) else Status.WAITING
    entry = Registration.objects.create(
        page_id=page.pk, submission=submission, name=name, email=email, language=language, status=status
    )
    tasks.send_registration_email.enqueue(entry.pk, status)
    return entry


@transaction.atomic
def cancel(entry):
    """Cancel a registration; a freed place goes to the first person waiting."""
    page = entry.page.specific
    _lock_book(page)
    entry.refresh_from_db()
    if entry.status == Status.CANCELLED:
        return None
    was_confirmed = entry.status == Status.CONFIRMED
    entry.status = Status.CANCELLED
    entry.cancelled_at = timezone.now()
    entry.save(update_fields=["status", "cancelled_at"])
    if was_confirmed and _has_free_place(page):
        return _promote_first_waiting(page)
    return None


def _promote_first_waiting(page):
    waiting = Registration.objects.filter(page_id=page.pk, status=Status.WAITING).order_by("registered_at", "pk")
    promoted = waiting.first()
    if promoted is not None:
        promoted.status = Status.CONFIRMED
        promoted.save(update_fields=["status"])
        tasks.send_registration_email.enqueue(promoted.pk, "promoted")
    return promoted


def counts(page):
    """{status: number} plus the attended count, for the page and the admin (one query)."""
    totals = {status: 0 for status in Status.values}
    totals["attended"] = 0
    rows = (
        Registration.objects.filter(page_id=page.pk)
        .values("status")
        .annotate(n=models.Count("pk"), attended=models.Count("pk", filter=models.Q(attended=True)))
    )
    for row in rows:
        totals[row["status"]] = row["n"]
        totals["attended"] += row["attended"]
    return totals


def attendances(pages):
    """{page pk: how many people came, or None} for many event pages, with one query.

    The one rule of attendance: the number an officer typed on the page (its
    `attendance`, where it has one), else the registered people marked as present.
    Registrations from every language are kept on the page in the default language,
    which shares the translation key of its translations."""
    untyped = {page.translation_key for page in pages if getattr(page, "attendance", None) is None}
    attended = (
        dict(
            Registration.objects.filter(attended=True, page__translation_key__in=untyped)
            .values_list("page__translation_key")
            .annotate(n=models.Count("pk"))
            .values_list("page__translation_key", "n")
        )
        if untyped
        else {}
    )
    result = {}
    for page in pages:
        typed = getattr(page, "attendance", None)
        result[page.pk] = typed if typed is not None else attended.get(page.translation_key)
    return result


def attendance(page):
    """How many people came to one event (`attendances` has the rule)."""
    return attendances([page])[page.pk]
