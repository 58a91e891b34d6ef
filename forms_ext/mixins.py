"""CivicFormMixin: what a page needs to carry a citizens' form. A page becomes a form
page with `class MyPage(CivicFormMixin, Page)` plus a ParentalKey'd CivicFormField
subclass with related_name="form_fields"; everything else (spam defence, storage,
notifications, registration, comments) comes from forms_ext.

Hooks a page may override:
A page with no form fields shows no form and refuses a POST; once an officer adds
fields, the privacy notice becomes required (forms_ext.admin_forms).

- `accepts_submissions()`: False hides the form and refuses a POST (e.g. a closed consultation).
- `form_opens_or_closes_at()`: the next moment that changes by the clock (a cached page
  is not kept past it).
- `capacity` (int or None) and `registration_is_open` (bool): providing both turns each
  submission into a registration with a waiting list (forms_ext.registration);
  `ics_bytes()` adds an .ics attachment to the confirmation, `registration_details()`
  ([(label, text)], e.g. when and where) lines to the registration emails.
"""

import math

from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm
from wagtail.contrib.forms.models import FormMixin, validate_to_address
from wagtail_localize.fields import SynchronizedField

from civic_core import cache
from civic_core.locales import default_locale as remembered_default_locale
from forms_ext import conf, moderation, pipeline, receipts, registration
from forms_ext.admin_forms import CivicFormPageForm
from forms_ext.fields import LAYOUT_ONLY_TYPES, CivicFormBuilder
from forms_ext.layout import civic_form_helper
from forms_ext.models import CivicSubmission
from forms_ext.spam import TOKEN_FIELD, SpamDefenceFields, issue_token

NO_NOTIFICATION_ADDRESS = _(
    "Nobody will be told of new submissions to this form: add an address under „Notify these addresses“ "
    "on the form's tab, or check the submissions in the admin yourself."
)


class CivicBaseForm(SpamDefenceFields, BaseForm):
    pass


class CivicFormBuilderWithDefences(CivicFormBuilder):
    def get_form_class(self):
        return type("CivicForm", (CivicBaseForm,), self.formfields)


class CivicFormMixin(FormMixin, models.Model):
    class LawfulBasis(models.TextChoices):
        CONSENT = "consent", _("Consent (GDPR art. 6(1)(a))")
        PUBLIC_TASK = "public_task", _("Task in the public interest (GDPR art. 6(1)(e))")
        LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation (GDPR art. 6(1)(c))")

    thank_you_text = models.TextField(
        _("thank-you message"),
        blank=True,
        help_text=_("Shown after a citizen sends the form. Leave empty for a standard thank-you."),
    )
    notify_to = models.CharField(
        _("notify these addresses"),
        max_length=255,
        blank=True,
        validators=[validate_to_address],
        help_text=_("Optional. Email addresses, separated by commas, told about every new submission."),
    )
    privacy_notice = models.TextField(
        _("privacy notice"),
        blank=True,  # required as soon as the page has form fields (forms_ext.admin_forms)
        help_text=_(
            "Who collects the data, why, on which legal basis, how long it is kept and how to ask for it to be "
            "deleted. Shown above the form; the consent field links to it."
        ),
    )
    lawful_basis = models.CharField(
        _("lawful basis"),
        max_length=20,
        choices=LawfulBasis.choices,
        default=LawfulBasis.PUBLIC_TASK,
        help_text=_("The GDPR article 6 basis for processing what citizens send through this form."),
    )
    retention_days = models.PositiveIntegerField(
        _("keep submissions for (days)"),
        default=365,
        help_text=_("Submissions older than this are deleted automatically every night."),
    )
    publish_comments = models.BooleanField(
        _("publish comments after moderation"),
        default=False,
        help_text=_(
            "Tick to show approved comments on the page. Add a „Comment for publication“ field and, "
            "optionally, a „Name to publish with a comment“ field."
        ),
    )

    # Addresses, not language: a translator never sees them, and every language's
    # submissions notify the addresses on the default-language page.
    override_translatable_fields = [SynchronizedField("notify_to", overridable=False)]

    form_builder = CivicFormBuilderWithDefences
    base_form_class = CivicFormPageForm
    landing_page_template = "forms_ext/thank_you.html"

    form_panels = [
        InlinePanel("form_fields", label=_("Form field")),
        FieldPanel("thank_you_text"),
        FieldPanel("notify_to"),
        FieldPanel("publish_comments"),
    ]
    privacy_panels = [
        MultiFieldPanel(
            [FieldPanel("privacy_notice"), FieldPanel("lawful_basis"), FieldPanel("retention_days")],
            heading=_("Personal data"),
        ),
    ]

    class Meta:
        abstract = True

    # Hooks -----------------------------------------------------------------------
    def accepts_submissions(self):
        """Override to close the form (e.g. a consultation outside its dates)."""
        return True

    def form_opens_or_closes_at(self):
        """Override with the next moment the form opens or closes by the clock (None if
        it never will): a cached copy of the page is not kept past it."""
        return None

    def default_privacy_notice(self):
        """The site-wide privacy notice in the page's language, shown when the page has none
        of its own: the first text a `forms_ext_default_privacy_notice` hook (called with
        the page's locale) gives. The suite's pages app answers with the site contacts'."""
        from wagtail import hooks

        for hook in hooks.get_hooks("forms_ext_default_privacy_notice"):
            text = (hook(self.locale) or "").strip()
            if text:
                return text
        return ""

    @property
    def effective_privacy_notice(self):
        """The page's own privacy notice, else the site-wide one."""
        return (self.privacy_notice or "").strip() or self.default_privacy_notice()

    def editor_warnings(self):
        """What would make this page, as the editor leaves it, work other than the officer
        expects: shown as warnings when they save or publish it (never blocking). A page
        type adds its own to these."""
        warnings = []
        if list(self.form_fields.all()) and not self.recipients:
            warnings.append(NO_NOTIFICATION_ADDRESS)
        return warnings

    @property
    def takes_registrations(self):
        return hasattr(self, "capacity") and hasattr(self, "registration_is_open")

    @property
    def has_form(self):
        """Whether the officers built a form here at all (a page may carry none)."""
        return bool(self.civic_form_fields)

    @property
    def form_is_open(self):
        if not self.has_form:
            return False
        if self.takes_registrations and not self.registration_is_open:
            return False
        return self.accepts_submissions()

    # Where submissions live --------------------------------------------------------
    @cached_property
    def submissions_page(self):
        """The page in the default language: submissions from every translation land on it."""
        default_locale = remembered_default_locale()
        if self.locale_id == default_locale.pk:
            return self
        return self.get_translation_or_none(default_locale) or self

    def get_submission_class(self):
        return CivicSubmission

    def get_submissions_list_view_class(self):
        from forms_ext.receipt_search import SubmissionsListView  # admin views load after the models

        return SubmissionsListView

    def get_submissions(self):
        return CivicSubmission.objects.filter(page_id=self.submissions_page.pk)

    def get_data_fields(self):
        """The submissions' columns (Wagtail's: the date, then each field), without the
        section headings, which structure the form and carry no answer, and with the
        language the citizen used: the admin's list, the exports and the staff e-mails."""
        headings = {field.clean_name for field in self.civic_form_fields if field.field_type in LAYOUT_ONLY_TYPES}
        return [
            *(column for column in super().get_data_fields() if column[0] not in headings),
            ("language", _("Language")),
        ]

    # Rendering -------------------------------------------------------------------
    @property
    def _fields_in_memory(self):
        """A page built from a revision (a preview, a draft under moderation) carries its
        own fields in memory; only a live page's fields may be remembered."""
        return self.pk is None or "form_fields" in getattr(self, "_cluster_related_objects", {})

    @cached_property
    def civic_form_fields(self):
        """The page's fields, read once per request for the form class and its layout.

        The live fields change only when the page is published, so they are remembered
        until content changes; a preview's are never remembered."""
        if self._fields_in_memory:
            return list(self.get_form_fields())
        return cache.memo(f"form-fields:{self.pk}", lambda: list(self.get_form_fields()))

    def get_form_class(self):
        """The form class, built from the fields (about a millisecond) once per worker,
        language and publish; each request still gets its own form instance."""

        def build():
            return self.form_builder(self.civic_form_fields).get_form_class()

        if self._fields_in_memory:
            return build()
        return cache.memo_in_worker(f"form-class:{self.pk}:{translation.get_language()}", build)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.helper = civic_form_helper(self.civic_form_fields)
        if not form.is_bound:
            form.initial[TOKEN_FIELD] = issue_token()
        return form

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.takes_registrations:
            context["hold_minutes"] = conf.get("FORMS_REGISTRATION_HOLD_MINUTES")
        if self.publish_comments:
            # Read only when the comments are rendered, not when they come from the cache.
            context["published_comments"] = SimpleLazyObject(lambda: moderation.published_comments(self))
        return context

    def render_form(self, request, form=None, notice=None, status=200):
        """The page with its form (None when closed) and an optional notice for the citizen."""
        context = self.get_context(request)
        context["form"] = form if self.form_is_open else None
        context["form_notice"] = notice
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        moments = [self.form_opens_or_closes_at()]
        if self.takes_registrations:
            # "N places left" changes with every registration (each bumps the page's own
            # version), and when a held place lapses.
            cache.follow_page_version(response, str(self.translation_key))
            moments.append(registration.next_change_at(self.submissions_page))
        now = timezone.now()
        for changes_at in moments:
            if changes_at is not None:
                # The page changes at that moment: no cached copy may outlive it.
                cache.keep_briefly(response, math.ceil((changes_at - now).total_seconds()))
        return response

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        """The thank-you page. Every citizen who sends this form in one language sees one
        of a few versions of it (a place confirmed or on the waiting list, a comment
        awaiting moderation, or neither) and nothing of their own but the reference of their
        receipt, so for visitors who are not logged in each version is rendered once, with
        a placeholder each response replaces with its own reference (forms_ext.receipts),
        and kept until content changes."""
        landing = super().render_landing_page
        if request.user.is_authenticated or getattr(request, "is_preview", False) or form_submission is None:
            return landing(request, form_submission, *args, **kwargs)
        entry = getattr(form_submission, "registration", None) if self.takes_registrations else None
        awaiting_moderation = form_submission.moderation_status == CivicSubmission.Moderation.PENDING
        receipt = f"{int(bool(form_submission.reference))}{int(receipts.emails_receipt(self, form_submission.contact_email, form_submission.reference))}"
        version = f"{entry.status if entry else '-'}:{int(awaiting_moderation)}:{receipt}"
        key = f"thank-you:{self.pk}:{translation.get_language()}:{request.get_host()}:{version}"
        shown = receipts.stand_in(form_submission)
        content = cache.memo(key, lambda: landing(request, shown, *args, **kwargs).render().content)
        response = HttpResponse(receipts.fill_in(content, form_submission))
        patch_cache_control(response, private=True, no_store=True)  # it holds the citizen's reference
        return response

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return pipeline.handle_submission(self, request)
        return self.render_form(request, self.get_form(page=self, user=request.user))

    @property
    def recipients(self):
        return [address.strip() for address in self.notify_to.split(",") if address.strip()]
