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
    "A registration form needs a field of the type „Email“, so that we can confirm the place and send a link "
    "to cancel it."
)


class CivicFormPageForm(WagtailAdminFormPageForm):
    def kept_field_types(self):
        """The types of the form fields the editor keeps (not those marked for deletion)."""
        formset = self.formsets.get("form_fields")
        if formset is None:
            return []
        return [
            form.cleaned_data.get("field_type")
            for form in formset.forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        cleaned_data = super().clean()
        field_types = self.kept_field_types()
        if field_types and "privacy_notice" in self.fields and not (cleaned_data.get("privacy_notice") or "").strip():
            self.add_error("privacy_notice", PRIVACY_NOTICE_MISSING)
        if field_types and getattr(self.instance, "takes_registrations", False) and "email" not in field_types:
            self.add_error(None, EMAIL_FIELD_MISSING)
        return cleaned_data
