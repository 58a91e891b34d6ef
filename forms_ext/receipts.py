"""Receipts: every accepted submission gets a short reference, e.g. `К-2026-0042`, that
the citizen sees on the thank-you page and, when they gave an email address, receives by
email; officers find the submission by it in the admin (the form's submissions).

- **The reference** is the page type's prefix (FORMS_RECEIPT_PREFIXES by model, e.g. К
  for a consultation, else FORMS_RECEIPT_PREFIX), the year in the site's time zone and a
  counter per site, prefix and year. The counter's row is updated by an UPDATE (which
  locks it) in the transaction that stores the submission, so two submissions sent at the
  same moment never get the same number, and one not stored (a duplicate) gives its
  number back. A held submission (suspected spam) gets its reference only when an
  officer releases it. References are never given twice: erasing a submission (GDPR)
  does not turn its counter back.
- **The thank-you page** is kept in the cache per version (CivicFormMixin.
  render_landing_page): the version is rendered with a placeholder, which each request
  replaces with its own submission's reference, so no citizen sees another's.
- **The email** (`send_receipt`, sent from an outbox by one `send_receipts` task: below)
  says the reference, the page's title
  and its link, and when it was sent (Sofia time), in the language of the page the
  citizen used, and nothing the citizen typed: an address typed by someone else does not
  make the site a relay for their text. A registration gets no receipt email: the
  registration's own email goes to the address already.
"""

import copy
import logging
import re
from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django_tasks import task

from civic_core.cache import memo_in_worker as cache_memo_in_worker
from civic_core.urls_absolute import page_url
from forms_ext import conf, mail, outcome_notice, readable
from forms_ext.models import CivicSubmission, ReceiptCounter

logger = logging.getLogger(__name__)

# What a cached thank-you page holds in place of the reference (letters and digits only,
# so that escaping leaves it as it is).
PLACEHOLDER = "RECEIPTREFERENCEPLACEHOLDER7F3A9C"
# Latin letters an officer may type for the Cyrillic ones of a prefix.
LOOKALIKES = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")
REFERENCE = re.compile(r"^(?P<prefix>[^\W\d_]+)-?(?P<year>\d{4})-?(?P<number>\d{1,9})$")


def prefix_for(page):
    """The prefix of `page`'s references: the page's own `receipt_prefix`, else its type's
    in FORMS_RECEIPT_PREFIXES, else FORMS_RECEIPT_PREFIX."""
    own = getattr(page, "receipt_prefix", None)
    if own:
        return own
    return conf.get("FORMS_RECEIPT_PREFIXES").get(page._meta.label, conf.get("FORMS_RECEIPT_PREFIX"))


def _site_id(page):
    parts = page.get_url_parts()
    if parts is not None:
        return parts[0]
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    return site.pk if site else None


def issue(page, now=None, savepoint=False):
    """The next reference for a submission to `page` (the form page in the default
    language). Call it inside the transaction that stores the submission: the counter's
    row stays locked until that transaction ends. "" when the page is in no site.

    With `savepoint`, the savepoint `roll_back` returns to is made first, before the
    counter moves (on PostgreSQL in the same round trip as the counter), so that a
    submission not stored after all gives its number back."""
    # Which site a page is in changes only with a move or a Site's change, which retire
    # what workers keep (civic_core.cache): looked up once, not on every submission.
    site_id = cache_memo_in_worker(f"receipt-site:{page.pk}", lambda: _site_id(page))
    if site_id is None:
        if savepoint:
            _execute(_savepoint_sql())
        return ""
    prefix = prefix_for(page)
    year = readable.local(now or timezone.now()).year
    number = _next_number(site_id, prefix, year, savepoint)
    if number is None:  # the first of its year: the row is made, then counted like any other
        ReceiptCounter.objects.get_or_create(site_id=site_id, prefix=prefix, year=year)
        number = _next_number(site_id, prefix, year)
    return f"{prefix}-{year}-{number:04d}"


# The savepoint `issue(…, savepoint=True)` makes. One name serves every submission: a
# transaction that stores several (an officer releasing held ones) returns to the latest.
SAVEPOINT = "forms_ext_receipt"


def roll_back():
    """Undo everything since `issue(…, savepoint=True)`, the counter's step included
    (the transaction goes on; the savepoint ends with it)."""
    _execute(connection.ops.savepoint_rollback_sql(SAVEPOINT))


def _savepoint_sql():
    return connection.ops.savepoint_create_sql(SAVEPOINT)


def _execute(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)


def _next_number(site_id, prefix, year, savepoint=False):
    """The counter moved on by one, in one statement (PostgreSQL, SQLite 3.35+), which
    locks its row until the transaction ends; None when the row does not exist yet."""
    table = connection.ops.quote_name(ReceiptCounter._meta.db_table)
    sql = f"UPDATE {table} SET last = last + 1 WHERE site_id = %s AND prefix = %s AND year = %s RETURNING last"
    with connection.cursor() as cursor:
        if savepoint and _statements_batch():
            # Both statements in one round trip; the cursor starts on the savepoint's result.
            cursor.execute(f"{_savepoint_sql()}; {sql}", [site_id, prefix, year])
            cursor.nextset()
        else:
            if savepoint:
                cursor.execute(_savepoint_sql())
            cursor.execute(sql, [site_id, prefix, year])
        row = cursor.fetchone()
    return row[0] if row else None


def _statements_batch():
    """Whether one execute() may carry two statements with parameters: psycopg 3 binding
    them on the client (Django's default; not with OPTIONS["server_side_binding"])."""
    if connection.vendor != "postgresql" or connection.settings_dict.get("OPTIONS", {}).get("server_side_binding"):
        return False
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    return is_psycopg3


def normalise(query):
    """What an officer typed to find a reference, as references are written: upper case,
    Cyrillic letters for their Latin look-alikes, the number with its zeros
    ("k-2026-42" finds "К-2026-0042"); anything else as typed, for a part of one."""
    text = "".join(query.split()).upper().translate(LOOKALIKES)
    match = REFERENCE.match(text)
    if match:
        return f"{match['prefix']}-{match['year']}-{int(match['number']):04d}"
    return text


def search(queryset, query):
    """The submissions of `queryset` whose reference is or contains `query`."""
    text = normalise(query)
    if not text:
        return queryset
    return queryset.filter(reference__icontains=text)


def emails_receipt(page, contact_email, reference):
    """Whether the citizen is sent their receipt by email."""
    return bool(reference and contact_email and not page.takes_registrations)


# Sending: an outbox, not a task per submission -----------------------------------
# A submission whose citizen is owed a receipt is stored with `receipt_due`; one task,
# `send_receipts`, sends every receipt due. A submission wakes it only when no run is
# queued yet (a flag in the cache, added atomically), so a busy form adds no queue row
# per submission. The run clears the flag before it looks, so a submission stored after
# that wakes another; and a woken run looks once more SWEEP_SECONDS later, for one whose
# transaction was still open when it looked.
WAKE_FLAG = "forms_ext:receipts-awake"
# If the request that set it fails after all, the next submission after this long wakes one.
WAKE_FLAG_SECONDS = 120
SWEEP_SECONDS = 30
BATCH = 200


def send_after_accepting(page, submission):
    """What follows a submission just accepted (forms_ext.pipeline.accept): its receipt,
    and the citizen's consent to be told of the outcome (forms_ext.outcome_notice)."""
    outcome_notice.record_consent(page, submission)
    if submission.receipt_due:
        wake_sender()


def wake_sender():
    try:
        if not cache.add(WAKE_FLAG, 1, timeout=WAKE_FLAG_SECONDS):
            return  # a run is queued: it will see this submission
    except Exception:  # the cache down: one run per submission, as if there were no flag
        logger.warning("receipts: cache unavailable, waking the sender anyway", exc_info=True)
    send_receipts.enqueue()


@task()
def send_receipts(sweep=False):
    """Send every receipt due (each through `send_receipt`, retried like every email)."""
    try:
        cache.delete(WAKE_FLAG)  # from now on a new submission wakes another run
    except Exception:
        logger.warning("receipts: cache unavailable", exc_info=True)
    due = list(CivicSubmission.objects.filter(receipt_due=True).order_by("pk").values_list("pk", flat=True)[:BATCH])
    for pk in due:
        # Claimed first: two runs at once never send one receipt twice.
        if CivicSubmission.objects.filter(pk=pk, receipt_due=True).update(receipt_due=False):
            send_receipt.call(pk)
    if len(due) == BATCH:
        send_receipts.enqueue()
    elif (due or not sweep) and send_receipts.get_backend().supports_defer:
        send_receipts.using(run_after=timezone.now() + timedelta(seconds=SWEEP_SECONDS)).enqueue(sweep=True)


# The thank-you page ---------------------------------------------------------------
def stand_in(submission):
    """`submission` as a cached thank-you page may show it: the reference a placeholder."""
    if not submission.reference:
        return submission
    shown = copy.copy(submission)
    shown.reference = PLACEHOLDER
    return shown


def fill_in(content, submission):
    """A cached thank-you page (bytes) with this submission's own reference."""
    return content.replace(PLACEHOLDER.encode(), escape(submission.reference).encode())


# The email -----------------------------------------------------------------------
def receipt_context(submission):
    """The email's context, in the active language: nothing the citizen typed."""
    page = submission.page.specific
    localized = page.localized.specific
    site = page.get_site()
    return {
        "reference": submission.reference,
        "page": localized,
        "page_url": page_url(localized),
        "sent_at": readable.short_time(submission.submit_time),
        "site_name": site.site_name if site else "",
    }


@task()
def send_receipt(submission_id, attempt=1):
    """Email the citizen their receipt, in the language of the page they used and Sofia
    time (see the module's docstring); retried like every email forms_ext sends."""
    submission = CivicSubmission.objects.filter(pk=submission_id).select_related("page").first()
    if submission is None or not submission.contact_email or not submission.reference:  # erased meanwhile
        return False
    message = mail.to_citizen(submission, "forms_ext/email/receipt", receipt_context)
    return mail.send(message, send_receipt, attempt, submission_id)
