"""What the Sliven site has and the suite's apps do not create: English beside the
Bulgarian source (a locale kept in sync with the Bulgarian tree, so every Bulgarian page
has an English counterpart, an alias until it is translated), and its officers' groups
(pages.roles)."""

from django.db import migrations


def english_and_roles(apps, schema_editor):
    from pages import roles

    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    bulgarian, _ = Locale.objects.get_or_create(language_code="bg")
    english, _ = Locale.objects.get_or_create(language_code="en")
    LocaleSynchronization.objects.get_or_create(locale=english, defaults={"sync_from": bulgarian})
    roles.create_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("forms_ext", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        # After Wagtail's own data migrations, which give its stock groups their rights.
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(english_and_roles, migrations.RunPython.noop)]
