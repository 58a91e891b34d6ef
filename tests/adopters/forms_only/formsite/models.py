"""The adopter's own page with a citizens' form (forms_ext), as docs/adopting.md shows."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from forms_ext.mixins import CivicFormMixin
from forms_ext.models import CivicFormField


class ContactPage(CivicFormMixin, Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), *CivicFormMixin.form_panels]
    settings_panels = Page.settings_panels + CivicFormMixin.privacy_panels


class ContactFormField(CivicFormField):
    page = ParentalKey(ContactPage, on_delete=models.CASCADE, related_name="form_fields")
