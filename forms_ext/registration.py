"""Registration with a waiting list, for any page that provides `capacity` (None =
unlimited) and `registration_is_open`. Every rule about places is here, and every
change of places goes through this module, which tells the page cache itself.

- A new registration is *pending* while a place is free: it holds that place for
  FORMS_REGISTRATION_HOLD_MINUTES while the person confirms by the link emailed to them
  (so neither a typo nor someone else's address takes a real place for long). Without a
  free place it joins the waiting list, where it waits as long as the event does once
  the email is confirmed.
- Confirming turns a pending registration into a confirmed place (or, if its hold lapsed
  meanwhile and the event filled, a place on the waiting list).
- A registration not confirmed in time lapses (*expired*). Reads count a pending place
  only until its hold ends; the next write on the page marks the lapsed ones, so no
  scheduler is needed.
- One person (their email, in any case) holds at most one registration per event; a
  second one is refused with `AlreadyRegistered`.
- Every place freed (a cancellation, a lapsed hold, an officer's change or deletion, a
  GDPR erasure) goes to the first person waiting whose email is confirmed.

Giving or freeing a place locks the page's RegistrationBook row, so concurrent requests
queue instead of racing for the last place.
"""

import datetime

from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Cast, Concat, Upper
from django.utils import timezone

from civic_core import cache
from forms_ext import conf, tasks
from forms_ext.models import CivicSubmission, Registration, RegistrationBook
from forms_ext.signals import registrations_changed

Status = Registration.Status


class AlreadyRegistered(Exception):
    """The person already holds a registration for this event (`entry`)."""

    def __init__(self, entry):
        super().__init__(f"already registered: {entry.pk}")
        self.entry = entry


def hold_period():
    return datetime.timedelta(minutes=conf.get("FORMS_REGISTRATION_HOLD_MINUTES"))


def _lock_book(page):
    # One locking read once the book exists; the first registration creates it (and a
    # concurrent first one waits for that, then reads it locked).
    return RegistrationBook.objects.select_for_update().get_or_create(page_id=page.pk)[0]


def _changed(page):
    """Tell whoever shows places left (the page cache): at once, and again once the change
    is committed (a page rendered in between still showed the old count)."""
    registrations_changed.send(sender=Registration, page=page)
    transaction.on_commit(lambda: registrations_changed.send(sender=Registration, page=page))


def _unconfirmed_lapsed(page, now):
    return Registration.objects.filter(
        page_id=page.pk,
        status__in=[Status.PENDING, Status.WAITING],
        email_confirmed_at__isnull=True,
        hold_until__lt=now,
    )


def _places_taken(page, now):
    return (
        Registration.objects.filter(page_id=page.pk)
        .filter(models.Q(status=Status.CONFIRMED) | models.Q(status=Status.PENDING, hold_until__gte=now))
        .count()
    )


def _has_free_place(page, now):
    return page.capacity is None or _places_taken(page, now) < page.capacity


def _release_answers(entries):
    """A registration that ended (cancelled, lapsed) no longer makes its answers a
    duplicate: the person may register again with the same ones."""
    CivicSubmission.objects.filter(registration__in=entries).exclude(fingerprint__contains=":").update(
        fingerprint=Concat("fingerprint", Value(":ended:"), Cast("pk", models.CharField()))
    )


def _settle(page, now):
    """Under the book's lock: mark lapsed registrations, then give every free place to
    the first people waiting with a confirmed email."""
    lapsed = list(_unconfirmed_lapsed(page, now).values_list("pk", flat=True))
    if lapsed:
        Registration.objects.filter(pk__in=lapsed).update(status=Status.EXPIRED, hold_until=None)
        _release_answers(Registration.objects.filter(pk__in=lapsed))
    waiting = Registration.objects.filter(
        page_id=page.pk, status=Status.WAITING, email_confirmed_at__isnull=False
    ).order_by("registered_at", "pk")
    for entry in waiting:
        if not _has_free_place(page, now):
            break
        entry.status = Status.CONFIRMED
        entry.save(update_fields=["status"])
        tasks.send_registration_email.enqueue(entry.pk, "promoted")


def active_registration(page, email):
    return (
        Registration.objects.filter(page_id=page.pk, status__in=Registration.ACTIVE)
        .annotate(email_upper=Upper("email"))
        .filter(email_upper=(email or "").upper())
        .first()
    )


# No savepoint of its own: inside a request's transaction a failure undoes the whole
# submission anyway, and a savepoint costs two more round trips on every registration.
@transaction.atomic(savepoint=False)
def register(page, *, name, email, language, submission=None):
    """A pending place while there is one, else a place on the waiting list; the person
    is sent the link that confirms it. Raises AlreadyRegistered for a second one."""
    now = timezone.now()
    _lock_book(page)
    _settle(page, now)
    existing = active_registration(page, email)
    if existing is not None:
        raise AlreadyRegistered(existing)
    status = Status.PENDING if _has_free_place(page, now) else Status.WAITING
    entry = Registration.objects.create(
        page_id=page.pk,
        submission=submission,
        name=name,
        email=email,
        language=language,
        status=status,
        hold_until=now + hold_period(),
    )
    tasks.send_registration_email.enqueue(entry.pk, "confirm")
    _changed(page)
    return entry


@transaction.atomic
def confirm(entry):
    """The person followed the link: a held place becomes theirs, else (the hold lapsed
    and the event filled) they wait; on the waiting list, their email counts as
    confirmed. Returns the registration as it now stands."""
    page = entry.page.specific
    now = timezone.now()
    _lock_book(page)
    _settle(page, now)
    entry.refresh_from_db()
    if entry.email_confirmed_at is not None or entry.status == Status.CANCELLED:
        return entry  # confirmed already (a second click), or cancelled since
    if entry.status == Status.EXPIRED and active_registration(page, entry.email) is not None:
        return entry  # the person registered again meanwhile
    entry.email_confirmed_at = now
    entry.hold_until = None
    if entry.status == Status.PENDING or (entry.status == Status.EXPIRED and _has_free_place(page, now)):
        entry.status = Status.CONFIRMED
    else:
        entry.status = Status.WAITING
    entry.save(update_fields=["status", "email_confirmed_at", "hold_until"])
    waiting = entry.status == Status.WAITING
    _settle(page, now)  # a confirmed waiting person may take a place freed meanwhile
    entry.refresh_from_db()
    if not (waiting and entry.status == Status.CONFIRMED):  # promoted: that email is sent
        tasks.send_registration_email.enqueue(entry.pk, entry.status)
    _changed(page)
    return entry


@transaction.atomic
def set_status(entry, status):
    """An officer's (or the person's) change of status; a freed place goes to the first
    person waiting."""
    page = entry.page.specific
    now = timezone.now()
    _lock_book(page)
    entry.refresh_from_db()
    if entry.status == status:
        return entry
    entry.status = status
    entry.cancelled_at = now if status == Status.CANCELLED else None
    if status == Status.CONFIRMED and entry.email_confirmed_at is None:
        entry.email_confirmed_at = now  # an officer confirming someone they know
    entry.save(update_fields=["status", "cancelled_at", "email_confirmed_at"])
    if status not in Registration.ACTIVE:
        _release_answers(Registration.objects.filter(pk=entry.pk))
    _settle(page, now)
    _changed(page)
    return entry


def cancel(entry):
    """The person's cancellation (their signed link) or an officer's."""
    return set_status(entry, Status.CANCELLED)


@transaction.atomic
def settle_lapsed(now=None):
    """Every page where an unconfirmed place lapsed with nobody acting on the page since:
    those registrations are marked lapsed and their places go to the people waiting, as
    the next registration would have done (the daily purge runs this, so a lapsed one is
    deleted within a day, as its email promises). Returns how many lapsed."""
    from wagtail.models import Page

    now = now or timezone.now()
    page_ids = (
        Registration.objects.filter(
            status__in=[Status.PENDING, Status.WAITING], email_confirmed_at__isnull=True, hold_until__lt=now
        )
        .values_list("page_id", flat=True)
        .distinct()
    )
    lapsed = 0
    for page in Page.objects.filter(pk__in=list(page_ids)).specific():
        _lock_book(page)
        lapsed += _unconfirmed_lapsed(page, now).count()
        _settle(page, now)
        _changed(page)
    return lapsed


@transaction.atomic
def remove(entries):
    """Delete registrations (an officer's deletion, a GDPR erasure); the places they free
    go to the people waiting. Returns how many were deleted."""
    entries = list(entries)
    pages = {entry.page_id: entry.page for entry in entries}
    now = timezone.now()
    for page in pages.values():
        _lock_book(page)
    deleted = Registration.objects.filter(pk__in=[entry.pk for entry in entries]).delete()[0]
    for page in pages.values():
        specific = page.specific
        _settle(specific, now)
        _changed(specific)
    return deleted


@transaction.atomic
def set_attended(page, entries, attended=True):
    """Mark registrations of `page` (the page in the default language) as having come,
    or not: an officer's ticks after the event, one or many at once. Registrations of
    other pages among `entries` (instances or ids) are left alone. Attendance feeds the
    event's page, the indicators and the open data (`attendances`), so every page cached
    with them retires. Returns how many registrations changed."""
    ids = [getattr(entry, "pk", entry) for entry in entries]
    changed = (
        Registration.objects.filter(page_id=page.pk, pk__in=ids).exclude(attended=attended).update(attended=attended)
    )
    if changed:
        _changed(page)
        # The project page's indicators and the open data count it too.
        transaction.on_commit(cache.bump_version)
    return changed


def counts(page, now=None):
    """What the page and the admin show, in one query: {status: number} (a pending
    registration counts only while its hold lasts), `attended`, `waiting_confirmed`
    (people waiting whose email is confirmed) and `places_left` (None: no limit)."""
    now = now or timezone.now()
    rows = Registration.objects.filter(page_id=page.pk).aggregate(
        **{
            status: models.Count("pk", filter=models.Q(status=status))
            for status in (Status.CONFIRMED, Status.WAITING, Status.CANCELLED, Status.EXPIRED)
        },
        pending=models.Count("pk", filter=models.Q(status=Status.PENDING, hold_until__gte=now)),
        waiting_confirmed=models.Count("pk", filter=models.Q(status=Status.WAITING, email_confirmed_at__isnull=False)),
        attended=models.Count("pk", filter=models.Q(attended=True)),
    )
    capacity = getattr(page, "capacity", None)
    taken = rows["confirmed"] + rows["pending"] + rows["waiting_confirmed"]
    rows["places_left"] = None if capacity is None else max(capacity - taken, 0)
    return rows


def next_change_at(page, now=None):
    """When the places of `page` next change by the clock alone (the soonest hold to
    lapse), or None."""
    now = now or timezone.now()
    return Registration.objects.filter(
        page_id=page.pk,
        status__in=[Status.PENDING, Status.WAITING],
        email_confirmed_at__isnull=True,
        hold_until__gte=now,
    ).aggregate(soonest=models.Min("hold_until"))["soonest"]


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
