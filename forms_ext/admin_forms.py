"""The page editor's form for every page that carries a citizens' form: Wagtail's own
checks on the form fields (no two with the same internal name) plus ours, in the
editor's language."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

PRIVACY_NOTICE_MISSING = _(
    "This page asks citizens for information, so it needs a privacy notice: who collects the data, why, "
    "on which legal basis and for how long."
)
EMAIL_FIELD_MISSING = _(
    "A registration form needs a required field of the type „Email“: the place is confirmed, and can be "
    "cancelled, through the links we email to it."
)


PRIVACY_NOTICE_DEFAULT_HELP = _(
    "Leave empty to show the site-wide privacy notice (Settings → Site contacts); write one here only when "
    "this form collects data differently."
)


class CivicFormPageForm(WagtailAdminFormPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "privacy_notice" in self.fields and self.site_wide_privacy_notice():
            self.fields["privacy_notice"].help_text = PRIVACY_NOTICE_DEFAULT_HELP

    def site_wide_privacy_notice(self):
        if getattr(self.instance, "locale_id", None) is None:
            return ""
        return self.instance.default_privacy_notice()

    def kept_fields(self):
        """The form fields the editor keeps (not those marked for deletion), as cleaned data."""
        formset = self.formsets.get("form_fields")
        if formset is None:
            return []
        return [
            form.cleaned_data
            for form in formset.forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def kept_field_types(self):
        return [field.get("field_type") for field in self.kept_fields()]

    def clean(self):
        cleaned_data = super().clean()
        field_types = self.kept_field_types()
        if (
            field_types
            and "privacy_notice" in self.fields
            and not (cleaned_data.get("privacy_notice") or "").strip()
            and not self.site_wide_privacy_notice()
        ):
            self.add_error("privacy_notice", PRIVACY_NOTICE_MISSING)
        required_email = any(
            field.get("field_type") == "email" and field.get("required") for field in self.kept_fields()
        )
        if field_types and getattr(self.instance, "takes_registrations", False) and not required_email:
            self.add_error(None, EMAIL_FIELD_MISSING)
        return cleaned_data
