"""Standing citizens' input pages: the feedback mechanism and civic monitoring reports.
Both carry a form built by officers (forms_ext.CivicFormMixin)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from forms_ext.mixins import CivicFormMixin
from forms_ext.models import CivicFormField
from pages.blocks import RICH_TEXT_FEATURES
from pages.models.base import BasePage


class CitizenFormPage(CivicFormMixin, BasePage):
    """What both pages share: an introduction above the form and the admin tabs."""

    intro = RichTextField(
        _("introduction"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What the form is for and what happens with the answers."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    class Meta:
        abstract = True

    @classmethod
    def tabbed_interface(cls):
        return TabbedInterface(
            [
                ObjectList(cls.content_panels, heading=_("Content")),
                ObjectList(CivicFormMixin.form_panels, heading=_("Form")),
                ObjectList(CivicFormMixin.privacy_panels, heading=_("Personal data")),
                ObjectList(BasePage.promote_panels, heading=_("Promote")),
                ObjectList(Page.settings_panels, heading=_("Settings")),
            ]
        )


class FeedbackPage(CitizenFormPage):
    """The standing feedback mechanism: topic, rating, message, optional contact."""

    edit_handler = CitizenFormPage.tabbed_interface()
    template = "pages/citizen_form_page.html"

    class Meta:
        verbose_name = _("feedback page")


class FeedbackFormField(CivicFormField):
    page = ParentalKey(FeedbackPage, on_delete=models.CASCADE, related_name="form_fields")


class CivicMonitoringPage(CitizenFormPage):
    """Citizens report on an administration action: which service or commitment, what
    happened, when, with an optional evidence file."""

    edit_handler = CitizenFormPage.tabbed_interface()
    template = "pages/citizen_form_page.html"  # the same page as feedback, another form

    class Meta:
        verbose_name = _("civic monitoring page")


class CivicMonitoringFormField(CivicFormField):
    page = ParentalKey(CivicMonitoringPage, on_delete=models.CASCADE, related_name="form_fields")
