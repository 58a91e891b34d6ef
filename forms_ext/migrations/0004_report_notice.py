# The citizen's consent to be told when the outcome (a consultation's report) is published,
# and that notice's outbox (forms_ext.outcome_notice).
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("forms_ext", "0003_receipt_outbox")]

    operations = [
        migrations.AddField(
            model_name="civicsubmission",
            name="notify_on_outcome",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="notify when the outcome is published"
            ),
        ),
        migrations.AddField(
            model_name="civicsubmission",
            name="outcome_notice",
            field=models.CharField(
                blank=True,
                choices=[("due", "To be sent"), ("sending", "Being sent"), ("sent", "Sent")],
                editable=False,
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="civicsubmission",
            name="outcome_notified_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="notified of the outcome on"
            ),
        ),
        migrations.AddIndex(
            model_name="civicsubmission",
            index=models.Index(
                condition=models.Q(("outcome_notice", "due")), fields=["id"], name="submission_outcome_notice_due"
            ),
        ),
    ]
