"""Builds the bench data set and writes the URLs the bench drives to a JSON file."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page

from bench.controls.models import StockFormField, StockFormPage, StockPage
from bench.data import build_scaled_content

# The same fields as the feedback form in the demo content.
FEEDBACK_FIELDS = [
    ("Тема", "dropdown", "Градска среда\nЧиталища\nНПО\nБизнес"),
    ("Оценка", "radio", "1\n2\n3\n4\n5"),
    ("Съобщение", "multiline", ""),
    ("Имейл", "email", ""),
    ("Съгласие", "checkbox", ""),
]

SAMPLE_VALUES = {
    "dropdown": "Градска среда",
    "radio": "4",
    "multiline": "Бележка __SEQ__",
    "email": "",
    "checkbox": "on",
}


class Command(BaseCommand):
    help = "Build the bench data set (bench settings only)."

    def add_arguments(self, parser):
        size = parser.add_mutually_exclusive_group()
        size.add_argument("--quick", action="store_const", dest="size", const="quick")
        size.add_argument("--full", action="store_const", dest="size", const="full")
        parser.add_argument("--out", required=True)

    @transaction.atomic
    def handle(self, *args, size=None, out=None, **options):
        home = Page.objects.get(depth=2, locale=Locale.get_default()).specific
        stock = self.stock_pages(home)
        urls = {
            "stock_page": stock[0].url,
            "stock_form_page": stock[1].url,
            "stock_form_fields": {
                field.clean_name: SAMPLE_VALUES[field.field_type] for field in stock[1].form_fields.all()
            },
            "home": "/",
        }
        urls.update(build_scaled_content(home, size or "quick", log=self.stdout.write))
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(json.dumps(urls, indent=2, ensure_ascii=False))

    def stock_pages(self, home):
        page = StockPage.objects.first()
        if page is None:
            page = home.add_child(
                instance=StockPage(
                    title="Обикновена страница", slug="bench-stock", body="<p>" + "Текст. " * 200 + "</p>"
                )
            )
            page.save_revision().publish()
        form = StockFormPage.objects.first()
        if form is None:
            form = StockFormPage(title="Обратна връзка (Wagtail)", slug="bench-stock-form", intro="<p>Кажете ни.</p>")
            form.form_fields = [
                StockFormField(label=label, field_type=kind, choices=choices, required=kind != "email", sort_order=i)
                for i, (label, kind, choices) in enumerate(FEEDBACK_FIELDS)
            ]
            home.add_child(instance=form)
            form.save_revision().publish()
        return page, form
