"""Recommendations become tracked snippets: each item of a report's recommendations
StreamField becomes a Recommendation of the Bulgarian report (a report's translation
gives the English text of the item at the same position), the old "not accepted"
status becomes "rejected"; editors and moderators may manage them, translators may
translate them. The StreamField goes last."""

import uuid

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import modelsearch.index
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

STATUSES = {"not_accepted": "rejected"}
OFFICER_GROUPS = ["Editors", "Moderators"]
OFFICER_PERMISSIONS = ["add", "change", "delete", "view"]
TRANSLATOR_PERMISSIONS = ["change", "view"]


def move_recommendations_out_of_reports(apps, schema_editor):
    ReportPage = apps.get_model("pages", "ReportPage")
    Recommendation = apps.get_model("pages", "Recommendation")
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE.split("-")[0]).first()
    if default is None:
        return
    for source in ReportPage.objects.filter(locale=default):
        keys = []
        for number, item in enumerate(_items(source), start=1):
            value = item.get("value") or {}
            status = STATUSES.get(value.get("status"), value.get("status") or "proposed")
            recommendation = Recommendation.objects.create(
                locale=default,
                report=source,
                number=number,
                text=value.get("text", ""),
                responsible_unit=value.get("addressee", ""),
                status=status,
                progress=100 if status == "implemented" else 0,
            )
            keys.append(recommendation)
        for translation in ReportPage.objects.filter(translation_key=source.translation_key).exclude(locale=default):
            for recommendation, item in zip(keys, _items(translation), strict=False):
                value = item.get("value") or {}
                Recommendation.objects.create(
                    locale=translation.locale,
                    translation_key=recommendation.translation_key,
                    report=source,
                    number=recommendation.number,
                    text=value.get("text", ""),
                    responsible_unit=value.get("addressee", ""),
                    status=recommendation.status,
                    progress=recommendation.progress,
                )


def _items(report):
    data = report.recommendations.raw_data if hasattr(report.recommendations, "raw_data") else report.recommendations
    return [item for item in (data or []) if item.get("type") == "recommendation"]


def let_officers_follow_recommendations(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="pages", model="recommendation")

    def permissions(actions):
        return [
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_recommendation",
                defaults={"name": f"Can {action} recommendation"},
            )[0]
            for action in actions
        ]

    for group in Group.objects.filter(name__in=OFFICER_GROUPS):
        group.permissions.add(*permissions(OFFICER_PERMISSIONS))
    for group in Group.objects.filter(name="Translators"):
        group.permissions.add(*permissions(TRANSLATOR_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("forms_ext", "0002_email_alerts"),
        ("pages", "0008_project_indicators"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.CreateModel(
            name="Recommendation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "number",
                    models.PositiveSmallIntegerField(
                        default=1, help_text="Its number in the report.", verbose_name="number"
                    ),
                ),
                ("text", models.TextField(verbose_name="recommendation")),
                (
                    "responsible_unit",
                    models.CharField(
                        help_text="Who must act on it, e.g. Община Сливен, дирекция „Човешки ресурси“.",
                        max_length=255,
                        verbose_name="responsible unit",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("accepted", "Accepted"),
                            ("in_progress", "In progress"),
                            ("implemented", "Implemented"),
                            ("rejected", "Rejected"),
                        ],
                        default="proposed",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "status_reason",
                    models.TextField(
                        blank=True,
                        help_text="Required when the recommendation is rejected: why. Optional otherwise, e.g. what was decided.",
                        verbose_name="reasons",
                    ),
                ),
                (
                    "deadline",
                    models.DateField(
                        blank=True, help_text="Optional. When it should be done by.", null=True, verbose_name="deadline"
                    ),
                ),
                (
                    "progress",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="How much of it is done, from 0 to 100. Implemented recommendations count as 100.",
                        validators=[django.core.validators.MaxValueValidator(100)],
                        verbose_name="progress (%)",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
                (
                    "monitoring_reports",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Reports sent through the civic monitoring form that concern this recommendation. Only their number is public.",
                        related_name="recommendations",
                        to="forms_ext.civicsubmission",
                        verbose_name="citizens' monitoring reports",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        help_text="The analytical report that makes the recommendation (its Bulgarian page).",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tracked_recommendations",
                        to="pages.reportpage",
                        verbose_name="report",
                    ),
                ),
            ],
            options={
                "verbose_name": "recommendation",
                "verbose_name_plural": "recommendations",
                "ordering": ["report__date", "report_id", "number"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name="RecommendationTrackerPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "share_text",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences shown under the title when the page is shared. Leave empty to use the summary.",
                        max_length=300,
                        verbose_name="text for sharing",
                    ),
                ),
                (
                    "intro",
                    wagtail.fields.RichTextField(
                        blank=True,
                        help_text="Optional. How the recommendations are followed and how citizens can report on them.",
                        verbose_name="introduction",
                    ),
                ),
                (
                    "share_image",
                    models.ForeignKey(
                        blank=True,
                        help_text="Shown when the page is shared. At least 1200×630 pixels; it is cropped to that shape around its focal point. Leave empty to use the page's own image or the project's.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailimages.image",
                        verbose_name="image for sharing",
                    ),
                ),
            ],
            options={
                "verbose_name": "recommendations tracker",
            },
            bases=("wagtailcore.page", models.Model),
        ),
        migrations.CreateModel(
            name="RecommendationUpdate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("date", models.DateField(default=django.utils.timezone.localdate, verbose_name="date")),
                ("text", models.TextField(verbose_name="what was done")),
                (
                    "evidence_url",
                    models.URLField(
                        blank=True,
                        help_text="Optional. E.g. the council's decision or the published order.",
                        verbose_name="evidence link",
                    ),
                ),
                (
                    "evidence_document",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtaildocs.document",
                        verbose_name="evidence document",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
                (
                    "recommendation",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="updates", to="pages.recommendation"
                    ),
                ),
            ],
            options={
                "verbose_name": "update",
                "verbose_name_plural": "updates",
                "ordering": ["sort_order"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.RunPython(move_recommendations_out_of_reports, migrations.RunPython.noop),
        migrations.RunPython(let_officers_follow_recommendations, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="reportpage",
            name="recommendations",
        ),
    ]
