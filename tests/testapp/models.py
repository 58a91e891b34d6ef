"""A test-only event-like page: proves forms_ext registration works on any page that
provides `capacity`, `registration_is_open` and `ics_bytes()` (as EventPage will)."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.models import Page

from forms_ext.mixins import CivicFormMixin
from forms_ext.models import CivicFormField


class RegistrationTestPage(CivicFormMixin, Page):
    capacity = models.PositiveIntegerField(null=True, blank=True)
    registration_is_open = models.BooleanField(default=True)
    template = "pages/citizen_form_page.html"

    def ics_bytes(self):
        return b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


class RegistrationTestFormField(CivicFormField):
    page = ParentalKey(RegistrationTestPage, on_delete=models.CASCADE, related_name="form_fields")
