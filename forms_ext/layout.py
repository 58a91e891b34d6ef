"""The one crispy-forms layout every civic form uses: fields in the officer's order,
grouped into fieldsets by section headings, the spam-defence fields hidden, one submit
button. Officer-typed text is escaped, never compiled as a template."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, LayoutObject, Submit
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from forms_ext.fields import LAYOUT_ONLY_TYPES
from forms_ext.spam import HONEYPOT_FIELD, TOKEN_FIELD


class Section(LayoutObject):
    """A fieldset whose legend is a section heading, with its help text under it."""

    template = "forms_ext/section.html"

    def __init__(self, heading, intro, *fields):
        self.heading = heading
        self.intro = intro
        self.fields = list(fields)

    def render(self, form, context, template_pack=None, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        return render_to_string(self.template, {"heading": self.heading, "intro": self.intro, "fields": fields})


def civic_form_helper(form_fields, submit_label=None):
    """A FormHelper laying out `form_fields` (the page's CivicFormField rows)."""
    top_level = []
    section = None
    for field in form_fields:
        if field.field_type in LAYOUT_ONLY_TYPES:
            section = Section(field.label, field.help_text)
            top_level.append(section)
            continue
        # A Section with no fields yet is falsy (crispy objects have a length), hence `is None`.
        (top_level if section is None else section.fields).append(field.clean_name)
    helper = FormHelper()
    helper.form_method = "post"
    helper.attrs = {"novalidate": ""}  # the server's messages are the accessible ones
    helper.layout = Layout(
        *top_level,
        Div(Field(HONEYPOT_FIELD), css_class="form-hp", aria_hidden="true"),
        Field(TOKEN_FIELD),
        Submit("submit", submit_label or _("Send")),
    )
    return helper
