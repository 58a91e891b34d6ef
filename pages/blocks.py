"""The StreamField block library every page type draws from."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from pages.legal.draft_act import article_key

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)"))],
        default="h2",
        help_text=_("Use H2 for sections and H3 inside them, so screen readers can navigate."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "pages/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it. Leave empty if it is decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "pages/blocks/image.html"


class DocumentItemBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, help_text=_("Leave empty to use the document's own title.")
    )
    description = blocks.CharBlock(label=_("Short description"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Document")


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    documents = blocks.ListBlock(DocumentItemBlock(), label=_("Documents"))

    class Meta:
        icon = "folder-open-inverse"
        label = _("Document list")
        template = "pages/blocks/document_list.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "pages/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an external link"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "pages/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": blocks.BlockValidationError(_("Choose a page or give an external link."))}
            )
        return value


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = CaptionedImageBlock()
    documents = DocumentListBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(label=_("Video or other embed"), help_text=_("A YouTube or Vimeo address."), icon="media")
    table = TableBlock(label=_("Table"), template="pages/blocks/table.html")

    class Meta:
        label = _("Content")


class ObjectiveListBlock(blocks.StreamBlock):
    """An ordered list of short statements (objectives, target groups), one block each,
    so editors can add, remove and reorder them and translators see one string each."""

    item = blocks.TextBlock(label=_("Item"), rows=2)

    class Meta:
        icon = "list-ol"


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("Time"), required=False, help_text=_("When this item starts, Sofia time."))
    title = blocks.CharBlock(label=_("Item"), max_length=255)
    description = blocks.TextBlock(label=_("Description"), required=False, rows=2)
    speaker = blocks.CharBlock(
        label=_("Speaker or moderator"), required=False, max_length=200, help_text=_("Name, and role if useful.")
    )

    class Meta:
        icon = "time"
        label = _("Agenda item")


class AgendaBlock(blocks.StreamBlock):
    item = AgendaItemBlock()

    class Meta:
        icon = "list-ul"


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.CharBlock(label=_("Role or position"), required=False, max_length=200)
    organisation = blocks.CharBlock(label=_("Organisation"), required=False, max_length=200)

    class Meta:
        icon = "user"
        label = _("Speaker")


class SpeakersBlock(blocks.StreamBlock):
    speaker = SpeakerBlock()


class GalleryBlock(blocks.StreamBlock):
    image = CaptionedImageBlock()


class AttachmentsBlock(blocks.StreamBlock):
    document = DocumentItemBlock()


class RelatedPagesBlock(blocks.StreamBlock):
    page = blocks.PageChooserBlock(label=_("Page"), target_model=["pages.EventPage", "pages.ReportPage"])


# The draft act of a consultation, article by article (pages.legal.draft_act) ----------
class DraftArticleBlock(blocks.StructBlock):
    """One article ("Чл. 5") or provision ("§ 3") of a draft act."""

    label = blocks.CharBlock(
        label=_("Number"),
        max_length=40,
        help_text=_("As the draft writes it: „Чл. 5“, „Чл. 12а“ or „§ 3“ (in English „Art. 5“)."),
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=255)
    paragraphs = blocks.ListBlock(
        blocks.TextBlock(label=_("Paragraph"), rows=4),
        label=_("Paragraphs"),
        help_text=_("One item per paragraph, with its number, e.g. „(1) …“; each point on a line of its own."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Article")
        label_format = "{label} {title}"

    def clean(self, value):
        value = super().clean(value)
        if article_key(value.get("label")) is None:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "label": blocks.BlockValidationError(
                        _("Write the number as the draft does, e.g. „Чл. 5“ or „§ 3“.")
                    )
                }
            )
        return value


class DraftActBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Chapter or section heading"),
        max_length=255,
        icon="title",
        help_text=_("E.g. „Глава първа. Общи разпоредби“ or „Преходни и заключителни разпоредби“."),
    )
    text = blocks.TextBlock(
        label=_("Text outside the articles"),
        icon="pilcrow",
        help_text=_("The preamble, or text between a heading and the next article."),
    )
    article = DraftArticleBlock()
