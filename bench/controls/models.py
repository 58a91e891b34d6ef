from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField
from wagtail.models import Page


class StockPage(Page):
    """A plain Wagtail page with a rich-text body: what stock Wagtail serves."""

    body = RichTextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("body")]
    template = "bench/stock_page.html"


class StockFormField(AbstractFormField):
    page = ParentalKey("StockFormPage", on_delete=models.CASCADE, related_name="form_fields")


class StockFormPage(AbstractEmailForm):
    """Wagtail's own form page, given the same fields as our feedback form."""

    intro = RichTextField(blank=True)
    content_panels = AbstractEmailForm.content_panels + [FieldPanel("intro"), InlinePanel("form_fields")]
    template = "bench/stock_form_page.html"
    landing_page_template = "bench/stock_form_page_landing.html"
