"""English is the second language: a locale kept in sync with the Bulgarian source tree,
so every Bulgarian page has an English counterpart (an alias until it is translated)."""

from django.db import migrations


def add_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    bg, _ = Locale.objects.get_or_create(language_code="bg")
    en, _ = Locale.objects.get_or_create(language_code="en")
    LocaleSynchronization.objects.get_or_create(locale=en, defaults={"sync_from": bg})


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_english, migrations.RunPython.noop)]
