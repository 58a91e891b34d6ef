"""The Translators group: may use the admin, submit pages and snippets for translation,
edit and publish the translated (English) tree and the translations of snippets; may
not delete or publish Bulgarian source pages, nor change sites, locales or users.

Language roots created later (a fresh site gets its English home page from
wagtail-localize's tree sync) are granted by `pages.translators`."""

from django.db import migrations

GROUP = "Translators"
MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("wagtail_localize", "translation", "submit_translation", "Can submit translations"),
    ("pages", "organisation", "change_organisation", "Can change organisation"),
    ("pages", "organisation", "view_organisation", "Can view organisation"),
    ("pages", "eufundingnotice", "change_eufundingnotice", "Can change EU funding notice"),
    ("pages", "eufundingnotice", "view_eufundingnotice", "Can view EU funding notice"),
    ("pages", "sitecontact", "change_sitecontact", "Can change site contacts"),
    ("pages", "sitecontact", "view_sitecontact", "Can view site contacts"),
]
TRANSLATED_TREE_PERMISSIONS = [("change_page", "Can change page"), ("publish_page", "Can publish page")]


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})[0]


def create_translators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")

    translators, _ = Group.objects.get_or_create(name=GROUP)
    translators.permissions.add(*(permission(apps, *row) for row in MODEL_PERMISSIONS))

    page_permissions = [permission(apps, "wagtailcore", "page", *row) for row in TRANSLATED_TREE_PERMISSIONS]
    source = Locale.objects.filter(language_code="bg").first()
    for root in Page.objects.filter(depth=2).exclude(locale=source):
        for perm in page_permissions:
            GroupPagePermission.objects.get_or_create(group=translators, page=root, permission=perm)


def remove_translators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_english_locale"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_translators, remove_translators)]
