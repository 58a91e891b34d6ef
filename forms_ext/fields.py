"""The field types officers can add beyond Wagtail's stock ones, and the form builder
that turns them into Django form fields."""

from django import forms
from django.core.files.storage import storages
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES

from forms_ext import conf, filetypes
from forms_ext.topics import topic_choices

FIELD_TYPE_CHOICES = [
    *[choice for choice in FORM_FIELD_CHOICES if choice[0] != "hidden"],
    ("section", _("Section heading (with its help text)")),
    ("consent", _("Consent to the privacy notice (always required)")),
    ("rating", _("Rating from 1 to 5")),
    ("likert", _("Agreement scale")),
    ("topic", _("Topic (from the list of topics)")),
    ("file", _("File upload (PDF or image)")),
    ("name", _("Name of the person (for registrations)")),
    ("display_name", _("Name to publish with a comment")),
    ("comment", _("Comment for publication (after moderation)")),
]

# Types that carry no answer: they structure the form only.
LAYOUT_ONLY_TYPES = {"section"}

DEFAULT_LIKERT_CHOICES = [
    _("Strongly disagree"),
    _("Disagree"),
    _("Neither agree nor disagree"),
    _("Agree"),
    _("Strongly agree"),
]

RATING_CHOICES = [(str(value), str(value)) for value in range(1, 6)]
# The first choice of an optional drop-down: nothing chosen (and nothing stored).
NO_CHOICE = ("", _("— none —"))
# The longest address RFC 5321 lets a mailbox have, as the models store it.
EMAIL_MAX_LENGTH = 254
SINGLE_LINE_MESSAGE = _("This field takes a single line: remove the line breaks.")


def single_line(value):
    """Refuse line breaks where the form asks for one line (a name, an address): text
    that reaches an email's headers or first line must stay on one line."""
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        raise forms.ValidationError(SINGLE_LINE_MESSAGE, code="single_line")


class SingleLineField(forms.CharField):
    default_validators = [single_line]

    def to_python(self, value):
        # CharField's own stripping would remove a trailing line break before the check.
        if isinstance(value, str) and ("\n" in value.strip(" ") or "\r" in value.strip(" ")):
            raise forms.ValidationError(SINGLE_LINE_MESSAGE, code="single_line")
        return super().to_python(value)


def private_storage():
    """Uploads go to the "forms_private" storage (FORMS_PRIVATE_ROOT, outside MEDIA_ROOT,
    or a private prefix of the bucket): no public URL reaches them; staff download them
    through forms_ext's admin view."""
    return storages["forms_private"]


class EvidenceFileField(forms.FileField):
    """A file checked by size and by its content's signature; the name says nothing."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        if upload.size > conf.get("FORMS_MAX_UPLOAD_BYTES"):
            raise forms.ValidationError(
                _("The file is too large (%(size)s). The limit is %(limit)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(conf.get("FORMS_MAX_UPLOAD_BYTES")),
                },
                code="file_too_large",
            )
        upload.seek(0)
        kind = filetypes.sniff(upload.read(16))
        upload.seek(0)
        if kind is None:
            raise forms.ValidationError(
                _("This type of file is not accepted. Send one of: %(types)s."),
                params={"types": filetypes.ALLOWED_DESCRIPTION},
                code="file_type",
            )
        upload.detected_extension = kind[0]
        return upload


class CivicFormBuilder(FormBuilder):
    """Wagtail's FormBuilder plus the civic field types. Choice values that must be the
    same in every language (ratings, topics) are stable codes, not translated labels."""

    @property
    def formfields(self):
        answerable = [field for field in self.fields if field.field_type not in LAYOUT_ONLY_TYPES]
        original, self.fields = self.fields, answerable
        try:
            return super().formfields
        finally:
            self.fields = original

    def create_consent_field(self, field, options):
        options["required"] = True
        options["help_text"] = format_html(
            '<a href="#privacy-notice">{}</a> {}', _("Read the privacy notice"), options["help_text"]
        )
        options["error_messages"] = {"required": _("Please confirm you have read the privacy notice.")}
        return forms.BooleanField(**options)

    def create_rating_field(self, field, options):
        return forms.TypedChoiceField(choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect, **options)

    def create_likert_field(self, field, options):
        labels = (
            self.get_formatted_field_choices(field)
            if field.choices.strip()
            else [(str(label), str(label)) for label in DEFAULT_LIKERT_CHOICES]
        )
        # Stored as the position on the scale (1 = the first level), the same in every language.
        choices = [(str(position), label) for position, (_value, label) in enumerate(labels, start=1)]
        return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **options)

    def create_topic_field(self, field, options):
        choices = topic_choices()
        # Without any topics yet, a required topic would make the form impossible to send.
        options["required"] = options["required"] and bool(choices)
        return forms.ChoiceField(choices=[("", "---------"), *choices], **options)

    def create_file_field(self, field, options):
        options["help_text"] = options["help_text"] or _("PDF, PNG, JPEG or GIF, at most %(limit)s.") % {
            "limit": filesizeformat(conf.get("FORMS_MAX_UPLOAD_BYTES"))
        }
        return EvidenceFileField(**options)

    def create_singleline_field(self, field, options):
        return SingleLineField(max_length=255, **options)

    def create_email_field(self, field, options):
        return forms.EmailField(max_length=EMAIL_MAX_LENGTH, **options)

    def create_dropdown_field(self, field, options):
        """An optional drop-down starts on "none": a citizen who skipped it chose nothing."""
        choices = self.get_formatted_field_choices(field)
        if not options["required"]:
            choices = [NO_CHOICE, *choices]
        return forms.ChoiceField(choices=choices, **options)

    def create_radio_field(self, field, options):
        """Radio buttons start with none ticked unless the officer set a default."""
        return forms.ChoiceField(choices=self.get_formatted_field_choices(field), widget=forms.RadioSelect, **options)

    def create_name_field(self, field, options):
        return SingleLineField(max_length=200, **options)

    def create_display_name_field(self, field, options):
        return SingleLineField(max_length=80, **options)

    def create_comment_field(self, field, options):
        return forms.CharField(widget=forms.Textarea, max_length=5000, **options)

    def create_multiline_field(self, field, options):
        return forms.CharField(widget=forms.Textarea, max_length=10000, **options)
