"""What forms_ext stores: the form fields pages carry, the submissions (one list per
form, whatever the language), submissions held as suspected spam, and registrations."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.forms.models import AbstractFormField, AbstractFormSubmission
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from forms_ext.fields import FIELD_TYPE_CHOICES
from forms_ext.naming import clean_name_for


class CivicFormField(TranslatableMixin, AbstractFormField):
    """A form field an officer adds. Label, help text and choices are translated with
    wagtail-localize; the internal name (clean_name) and type are synchronised, so the
    Bulgarian and English forms post the same keys into one list of submissions."""

    field_type = models.CharField(_("field type"), max_length=20, choices=FIELD_TYPE_CHOICES)
    field_type.required_on_save = True
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_(
            "One choice per line. For drop-down, radio buttons, checkboxes and agreement scale "
            "(leave empty for the usual five levels from „strongly disagree“ to „strongly agree“)."
        ),
    )
    help_text = models.CharField(
        _("help text"), max_length=255, blank=True, help_text=_("A hint shown under the field.")
    )

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("field_type", classname="formbuilder-type")]),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("default_value", classname="formbuilder-default"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        # Named for officers and translators (wagtail-localize labels each field by it).
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        ordering = ["sort_order"]

    def get_field_clean_name(self):
        """Set once, from the label in the source language; translations copy it."""
        return clean_name_for(self.label)


class CivicSubmission(AbstractFormSubmission):
    """One citizen's submission, always stored against the form page in the default
    language, so Wagtail's Forms admin and its CSV export show one list per form."""

    # What citizens send is not content: it must not count as a "use" of the form page
    # in the admin's usage listing, nor queue a reference-index task per submission.
    wagtail_reference_index_ignore = True

    class Moderation(models.TextChoices):
        PRIVATE = "private", _("Not for publication")
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Published")
        REJECTED = "rejected", _("Rejected")

    class OutcomeNotice(models.TextChoices):
        DUE = "due", _("To be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    # Indexed (with the fingerprint) in Meta.indexes, which serves the lookups by page too.
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, db_index=False)
    language = models.CharField(_("language"), max_length=8, help_text=_("The language of the form the citizen used."))
    contact_email = models.EmailField(_("contact email"), blank=True)
    ip_hash = models.CharField(_("client (hashed)"), max_length=64, blank=True, editable=False)
    fingerprint = models.CharField(max_length=100, editable=False)
    moderation_status = models.CharField(
        _("moderation"),
        max_length=10,
        choices=Moderation.choices,
        default=Moderation.PRIVATE,
        help_text=_("Approve to publish the comment on the page; reject to keep it private."),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("The name the citizen chose to publish the comment under."),
    )
    comment = models.TextField(
        _("comment"), blank=True, help_text=_("The text the citizen asked to publish, as submitted.")
    )
    reply = models.TextField(
        _("public reply"), blank=True, help_text=_("Optional. Your answer, published under the comment once approved.")
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True, editable=False)
    files = models.JSONField(default=dict, blank=True, editable=False)  # {field name: private file name}
    # The citizen's receipt, e.g. "К-2026-0042": unique per site (forms_ext.receipts).
    reference = models.CharField(_("reference"), max_length=24, blank=True, editable=False)
    # The receipt is still to be emailed (forms_ext.receipts.send_receipts: an outbox).
    receipt_due = models.BooleanField(default=False, editable=False)
    # The citizen ticked the separate consent to be told, once, when the outcome of the form
    # (a consultation's report) is published; the notice's place in its outbox and when it
    # was sent (forms_ext.outcome_notice).
    notify_on_outcome = models.BooleanField(_("notify when the outcome is published"), default=False, editable=False)
    outcome_notice = models.CharField(max_length=8, blank=True, editable=False, choices=OutcomeNotice.choices)
    outcome_notified_at = models.DateTimeField(_("notified of the outcome on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        ordering = ["-submit_time"]
        permissions = [("manage_personal_data", _("Can export and erase a person's submissions"))]
        # Every index is written on every submission, so there are only as many as the
        # lookups need: a form's submissions and the duplicate check (the constraint's); a person's
        # submissions (GDPR requests); the comments in moderation or published, which
        # leaves out the private majority.
        # The same answers from the same client to the same form are stored once, for as
        # long as the first is kept (its form's retention period): the constraint makes
        # that hold however many identical requests arrive at once (forms_ext.pipeline).
        constraints = [models.UniqueConstraint(fields=["page", "fingerprint"], name="submission_page_fingerprint")]
        indexes = [
            models.Index(
                fields=["contact_email"], name="submission_contact_email", condition=~models.Q(contact_email="")
            ),
            models.Index(
                fields=["page", "moderation_status", "submit_time"],
                name="submission_comments",
                condition=~models.Q(moderation_status="private"),
            ),
            models.Index(fields=["reference"], name="submission_reference", condition=~models.Q(reference="")),
            models.Index(fields=["id"], name="submission_receipt_due", condition=models.Q(receipt_due=True)),
            models.Index(fields=["id"], name="submission_outcome_notice_due", condition=models.Q(outcome_notice="due")),
        ]

    def __str__(self):
        return f"{self.page.title} — {timezone.localtime(self.submit_time):%d.%m.%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.reply and not self.replied_at:
            self.replied_at = timezone.now()
        super().save(*args, **kwargs)

    def get_data(self):
        """Answers for the Forms admin and its export; uploaded files become staff-only links."""
        data = {**super().get_data(), "language": self.language, "reference": self.reference}
        for field_name in self.files:
            data[field_name] = settings.WAGTAILADMIN_BASE_URL + reverse(
                "forms_ext_admin:submission_file", args=[self.pk, field_name]
            )
        return data


class ReceiptCounter(models.Model):
    """The last receipt number given, per site, prefix and year: the row is updated (and
    so locked) by each accepted submission until it is stored (forms_ext.receipts)."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "prefix", "year"], name="one_receipt_counter_per_year")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"


class HeldSubmission(models.Model):
    """A submission the spam checks stopped. Kept aside, with everything the citizen
    sent (uploaded files included), for an officer to review and release, never silently
    dropped, and never in the form's list until released; released, it goes through
    exactly what an accepted submission does (forms_ext.pipeline.release)."""

    wagtail_reference_index_ignore = True  # no "use" of the form page (see CivicSubmission)

    class Reason(models.TextChoices):
        HONEYPOT = "honeypot", _("Filled the hidden field only robots see")
        TOO_FAST = "too_fast", _("Sent faster than a person can fill the form")
        RATE_LIMIT = "rate_limit", _("Too many submissions from one client")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("form page"), on_delete=models.CASCADE, related_name="+"
    )
    form_data = models.JSONField(_("answers"), default=dict, encoder=DjangoJSONEncoder)
    files = models.JSONField(default=dict, blank=True, editable=False)  # {field name: private file name}
    language = models.CharField(_("language"), max_length=8)
    contact_email = models.EmailField(_("contact email"), blank=True)
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    held_at = models.DateTimeField(_("held at"), auto_now_add=True)
    # Over the rate limit, one row per client and window is kept; later attempts are counted.
    attempts = models.PositiveIntegerField(_("attempts"), default=1, editable=False)

    class Meta:
        verbose_name = _("held submission")
        verbose_name_plural = _("held submissions (suspected spam)")
        ordering = ["-held_at"]
        indexes = [
            models.Index(fields=["contact_email"], name="held_contact_email", condition=~models.Q(contact_email=""))
        ]

    def __str__(self):
        return f"{self.page.title} — {self.get_reason_display()}"


class RegistrationBook(models.Model):
    """One row per page that takes registrations: locked (SELECT … FOR UPDATE) while a
    place is given or freed, so two people never get the last place."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"registrations of page {self.page_id}"


class Registration(models.Model):
    """One person's place at an event (any page that takes registrations). A place is
    taken only once the person confirms it from the email sent to them: until then the
    registration is *pending* and holds its place for FORMS_REGISTRATION_HOLD_MINUTES
    (`hold_until`), counted against the capacity; one not confirmed in time lapses.
    Every rule about places is in forms_ext.registration."""

    wagtail_reference_index_ignore = True  # a citizen's registration is no "use" of the event page

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the email to be confirmed")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Not confirmed in time")

    # Indexed in Meta.indexes: by page and status (places taken, the waiting list's
    # order), and by email whatever its case (a citizen's request for their data).
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+", db_index=False
    )
    submission = models.OneToOneField(
        CivicSubmission, null=True, blank=True, on_delete=models.SET_NULL, related_name="registration"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    hold_until = models.DateTimeField(_("place held until"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended = models.BooleanField(
        _("attended"), default=False, help_text=_("Tick after the event for everyone who came.")
    )

    # A person holds one registration per event: these statuses count as holding it.
    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITING)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]
        indexes = [
            models.Index(fields=["page", "status", "registered_at"], name="registration_page_status"),
            models.Index(Upper("email"), name="registration_email_any_case"),
        ]
        constraints = [
            models.UniqueConstraint(
                "page",
                Upper("email"),
                name="one_active_registration_per_person",
                condition=models.Q(status__in=["pending", "confirmed", "waiting"]),
            )
        ]

    def __str__(self):
        return f"{self.name} — {self.get_status_display()}"


class Subscription(models.Model):
    """A citizen's email alert, without an account: which kinds of new pages, on which
    topics (none = all), in which language. Active only once confirmed by the link sent
    to the address (double opt-in); unsubscribing deletes the row."""

    class Kind(models.TextChoices):
        CONSULTATIONS = "consultations", _("New public consultations")
        EVENTS = "events", _("New events")
        NEWS = "news", _("News and reports")

    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    kinds = models.JSONField(_("alerts about"), default=list, encoder=DjangoJSONEncoder)
    topics = models.JSONField(
        _("topics"),
        default=list,
        blank=True,
        help_text=_("Translation keys of the chosen topics; empty means every topic."),
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("subscribed on"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    # New choices for a confirmed subscription wait for their own confirmation: until the
    # link sent with `pending_token` is confirmed, the alerts follow `kinds` and `topics`.
    pending_kinds = models.JSONField(null=True, blank=True, editable=False)
    pending_topics = models.JSONField(null=True, blank=True, editable=False)
    pending_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("email alert subscription")
        verbose_name_plural = _("email alert subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["email", "language"], name="one_subscription_per_email_and_language")
        ]

    def __str__(self):
        return f"{self.email} ({self.language})"


class AlertSent(models.Model):
    """One row per page (all its translations) whose publication has been announced,
    so a page is never announced twice."""

    translation_key = models.UUIDField(unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"alert sent for {self.translation_key}"
