import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import pages.models.evidence


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_form_field_names"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EvidencePack",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date_from", models.DateField(verbose_name="from")),
                ("date_to", models.DateField(verbose_name="to")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="started at")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Waiting for the task worker"),
                            ("running", "Being built"),
                            ("done", "Ready"),
                            ("failed", "Failed"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("steps_done", models.PositiveIntegerField(default=0)),
                ("steps_total", models.PositiveIntegerField(default=0)),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="finished at")),
                (
                    "archive",
                    models.FileField(
                        blank=True,
                        max_length=500,
                        storage=pages.models.evidence.evidence_storage,
                        upload_to=pages.models.evidence._pack_path,
                        verbose_name="archive",
                    ),
                ),
                ("size", models.PositiveBigIntegerField(blank=True, null=True, verbose_name="size in bytes")),
                ("sha256", models.CharField(blank=True, max_length=64, verbose_name="SHA-256")),
                ("error", models.TextField(blank=True, editable=False)),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="built by",
                    ),
                ),
            ],
            options={
                "verbose_name": "evidence pack",
                "verbose_name_plural": "evidence packs",
                "ordering": ["-created_at", "-pk"],
                "permissions": [("manage_evidence", "Can build and download evidence packs")],
            },
        ),
        migrations.CreateModel(
            name="PublicationRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(db_index=True, editable=False)),
                ("title", models.CharField(max_length=255, verbose_name="title")),
                ("url", models.URLField(blank=True, max_length=1000, verbose_name="address")),
                ("published_at", models.DateTimeField(db_index=True, verbose_name="published at")),
                (
                    "status",
                    models.CharField(
                        choices=[("pending", "Being rendered"), ("done", "Stored"), ("failed", "Rendering failed")],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "pdf",
                    models.FileField(
                        blank=True,
                        max_length=500,
                        storage=pages.models.evidence.evidence_storage,
                        upload_to=pages.models.evidence._publication_path,
                        verbose_name="PDF",
                    ),
                ),
                ("size", models.PositiveIntegerField(blank=True, null=True, verbose_name="size in bytes")),
                ("sha256", models.CharField(blank=True, max_length=64, verbose_name="SHA-256")),
                ("rendered_at", models.DateTimeField(blank=True, null=True, verbose_name="rendered at")),
                ("render_seconds", models.FloatField(blank=True, editable=False, null=True)),
                ("error", models.TextField(blank=True, editable=False)),
                (
                    "locale",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="language",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.revision",
                        verbose_name="revision",
                    ),
                ),
            ],
            options={
                "verbose_name": "publication record",
                "verbose_name_plural": "publication records",
                "ordering": ["-published_at", "-pk"],
            },
        ),
    ]
