"""Submissions, held submissions and registrations were indexed as references to their
page (Wagtail indexes the models of admin viewsets), so a form page's usage listing
counted every citizen who sent it. They are no longer indexed; this forgets the rows."""

from django.db import migrations

MODELS = ["civicsubmission", "heldsubmission", "registration"]


def forget(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    types = ContentType.objects.filter(app_label="forms_ext", model__in=MODELS)
    ReferenceIndex.objects.filter(base_content_type__in=types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forms_ext", "0003_fewer_submission_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
