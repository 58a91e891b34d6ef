# A notice of the published outcome whose every try failed is recorded as such, and the
# officer's column says so (forms_ext.outcome_notice).
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("forms_ext", "0004_report_notice")]

    operations = [
        migrations.AlterField(
            model_name="civicsubmission",
            name="outcome_notice",
            field=models.CharField(
                blank=True,
                choices=[
                    ("due", "To be sent"),
                    ("sending", "Being sent"),
                    ("sent", "Sent"),
                    ("failed", "Could not be sent"),
                ],
                editable=False,
                max_length=8,
            ),
        ),
    ]
