# The draft act of a consultation as text and by articles (pages.legal.draft_act).
import wagtail.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("pages", "0006_publication_evidence")]

    operations = [
        migrations.AddField(
            model_name="consultationpage",
            name="draft_act",
            field=wagtail.fields.StreamField(
                [("heading", 0), ("text", 1), ("article", 6)],
                blank=True,
                block_lookup={
                    0: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "E.g. „Глава първа. Общи разпоредби“ or „Преходни и заключителни разпоредби“.",
                            "icon": "title",
                            "label": "Chapter or section heading",
                            "max_length": 255,
                        },
                    ),
                    1: (
                        "wagtail.blocks.TextBlock",
                        (),
                        {
                            "help_text": "The preamble, or text between a heading and the next article.",
                            "icon": "pilcrow",
                            "label": "Text outside the articles",
                        },
                    ),
                    2: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "As the draft writes it: „Чл. 5“, „Чл. 12а“ or „§ 3“ (in English „Art. 5“).",
                            "label": "Number",
                            "max_length": 40,
                        },
                    ),
                    3: ("wagtail.blocks.CharBlock", (), {"label": "Title", "max_length": 255, "required": False}),
                    4: ("wagtail.blocks.TextBlock", (), {"label": "Paragraph", "rows": 4}),
                    5: (
                        "wagtail.blocks.ListBlock",
                        (4,),
                        {
                            "help_text": "One item per paragraph, with its number, e.g. „(1) …“; each point on a "
                            "line of its own.",
                            "label": "Paragraphs",
                        },
                    ),
                    6: ("wagtail.blocks.StructBlock", [[("label", 2), ("title", 3), ("paragraphs", 5)]], {}),
                },
                help_text="Shown on the page article by article, each with a link to propose a change to it and "
                "the number of proposals received on it.",
                verbose_name="the draft act by articles",
            ),
        ),
        migrations.AddField(
            model_name="consultationpage",
            name="draft_act_text",
            field=models.TextField(
                blank=True,
                help_text="Paste the text of the draft act (or upload it below). When you save, its articles "
                "(„Чл. 1.“, „§ 1.“), paragraphs („(1)“) and chapter headings are recognised into the articles "
                "below, if there are none yet; then edit them there. Not shown on the page.",
                verbose_name="the draft act as text",
            ),
        ),
    ]
