from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from forms_ext.fields import EMAIL_MAX_LENGTH
from forms_ext.models import Subscription
from forms_ext.spam import HONEYPOT_FIELD, TOKEN_FIELD, SpamDefenceFields
from forms_ext.topics import topic_keys_and_names


class SubscribeForm(SpamDefenceFields):
    email = forms.EmailField(label=_("Your email"), max_length=EMAIL_MAX_LENGTH)
    kinds = forms.MultipleChoiceField(
        label=_("Tell me about"),
        choices=Subscription.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of alert.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Only on these topics"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to hear about every topic."),
    )
    consent = forms.BooleanField(
        label=_("I agree that my email is kept to send me these alerts until I unsubscribe."),
        error_messages={"required": _("We need your agreement to keep your email for the alerts.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topic_keys_and_names()
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "email",
            "kinds",
            "topics",
            "consent",
            Div(Field(HONEYPOT_FIELD), css_class="form-hp", aria_hidden="true"),
            Field(TOKEN_FIELD),
            Submit("submit", _("Subscribe")),
        )
