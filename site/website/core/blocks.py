"""StreamField blocks shared by every page type."""

from django.core.exceptions import ValidationError
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.rich_text import RichText

from website.images.alt_text import lacks_alt_text
from website.images.blocks import PhotoChooserBlock
from website.markup import CleanRichText, WebAddressFormField

# What the rich text editor offers; website.markup keeps exactly what these make.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class CleanRichTextBlock(blocks.RichTextBlock):
    """Rich text whose value renders cleaned, whichever template shows it."""

    def to_python(self, value):
        return CleanRichText(value)

    def value_from_form(self, value):
        return CleanRichText(value)

    def normalize(self, value):
        if isinstance(value, RichText):
            value = value.source
        return CleanRichText(value and force_str(value))


class WebAddressMixin:
    """Takes only http(s) addresses, and says so in one clear message."""

    def __init__(
        self,
        required=True,
        help_text=None,
        max_length=None,
        min_length=None,
        validators=(),
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.field = WebAddressFormField(
            required=required,
            help_text=help_text,
            max_length=max_length,
            min_length=min_length,
            validators=validators,
        )


class WebAddressBlock(WebAddressMixin, blocks.URLBlock):
    pass


class HeadingValue(blocks.StructValue):
    @cached_property
    def anchor(self):
        """A stable id, so that a section can be linked to."""
        return slugify(self.get("text"), allow_unicode=True)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        value_class = HeadingValue
        label = _("Heading")
        description = _("A section heading; level 2 for main sections.")
        preview_value = {"text": "Die Schwerpunkte 2024", "level": "h2"}


class ParagraphBlock(CleanRichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Paragraph")
        description = _("Running text with links and lists.")
        preview_value = (
            "<p>Connecting Humans steht für die Überwindung soziokultureller Barrieren.</p>"
        )


class ImageValue(blocks.StructValue):
    @cached_property
    def alt(self):
        """Decorative images get an empty alt, so screen readers skip them."""
        if self.get("decorative"):
            return ""
        return self.get("alt_text") or ""


class ImageBlock(blocks.StructBlock):
    image = PhotoChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative"),
        required=False,
        help_text=_("Tick only if the image adds nothing to the text; it then has no alt text."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=200)

    def clean(self, value):
        value = super().clean(value)
        # A draft may lack it (Wagtail defers required fields when saving one).
        if not self.is_deferred_validation and lacks_alt_text(
            value.get("alt_text"), value.get("decorative")
        ):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(_("Describe the image, or mark it as decorative."))
                }
            )
        return value

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        value_class = ImageValue
        label = _("Image")
        description = _("One image with caption, credit and alternative text.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation, with the person or source it comes from.")
        preview_value = {
            "text": "Ein Projektvorhaben ist immer nur dann erfolgreich, "
            "wenn die beteiligten Personen es dazu machen.",
            "attribution": "Connecting Humans",
        }


class PrivacyEmbedBlock(WebAddressMixin, EmbedBlock):
    """An embed that loads nothing from the third-party host until the visitor asks for it."""

    class Meta:
        icon = "media"
        template = "blocks/embed_block.html"
        label = _("Embed")
        description = _(
            "A video or post from another site; visitors see a link until they choose to load it."
        )


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document title.")
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        label = _("Document")
        description = _("A link to download a document, with its type and size.")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    embed = PrivacyEmbedBlock()
    document = DocumentLinkBlock()
