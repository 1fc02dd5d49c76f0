"""Blocks of a story: text in the participant's own language beside the page's language."""

from django.utils import translation
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from website.core.blocks import (
    PARAGRAPH_FEATURES,
    BaseStreamBlock,
    CleanRichTextBlock,
    ImageBlock,
)

# Languages participants tell their stories in: (code, the language's own name, name for us).
STORY_LANGUAGES = [
    ("ar", "العربية", _("Arabic")),
    ("fa", "فارسی", _("Persian")),
    ("prs", "دری", _("Dari")),
    ("ps", "پښتو", _("Pashto")),
    ("ckb", "کوردیی ناوەندی", _("Kurdish (Sorani)")),
    ("ku", "Kurdî", _("Kurdish (Kurmanji)")),
    ("ur", "اردو", _("Urdu")),
    ("ti", "ትግርኛ", _("Tigrinya")),
    ("so", "Soomaali", _("Somali")),
    ("uk", "Українська", _("Ukrainian")),
    ("ru", "Русский", _("Russian")),
    ("tr", "Türkçe", _("Turkish")),
    ("fr", "Français", _("French")),
    ("en", "English", _("English")),
]
LANGUAGE_NAMES = {code: name for code, _own, name in STORY_LANGUAGES}
OWN_NAMES = {code: own for code, own, _name in STORY_LANGUAGES}
# Scripts written from right to left.
RTL_LANGUAGES = {"ar", "fa", "prs", "ps", "ckb", "ur", "he"}


def text_direction(code):
    return "rtl" if code in RTL_LANGUAGES else "ltr"


class BilingualTextValue(blocks.StructValue):
    @cached_property
    def text_lang(self):
        """The page's language: pages are rendered with it active."""
        return translation.get_language()

    @cached_property
    def text_dir(self):
        return "rtl" if translation.get_language_bidi() else "ltr"

    @cached_property
    def own_lang(self):
        return self.get("language")

    @cached_property
    def own_dir(self):
        return text_direction(self.get("language"))

    @cached_property
    def own_language_name(self):
        """The language's name in itself, the way its speakers find it."""
        return OWN_NAMES.get(self.get("language"), "")


class BilingualTextBlock(blocks.StructBlock):
    text = CleanRichTextBlock(
        label=_("Text in the page's language"),
        features=PARAGRAPH_FEATURES,
        help_text=_("German on German pages; the translation on translated pages."),
    )
    language = blocks.ChoiceBlock(
        label=_("Participant's language"),
        choices=[(code, format_lazy("{} – {}", name, own)) for code, own, name in STORY_LANGUAGES],
        default="ar",
    )
    own_text = CleanRichTextBlock(
        label=_("Text in the participant's language"),
        features=PARAGRAPH_FEATURES,
        help_text=_("The participant's own words, as they told them."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/bilingual_text_block.html"
        value_class = BilingualTextValue
        label = _("Text in two languages")
        description = _(
            "The same passage in the page's language and in the participant's own language, "
            "side by side on wide screens."
        )
        preview_value = {
            "text": "<p>Ich heiße Amal. Seit drei Jahren lebe ich in Saalfeld.</p>",
            "language": "ar",
            "own_text": "<p>اسمي أمل. أعيش في زالفيلد منذ ثلاث سنوات.</p>",
        }


class StoryImageBlock(ImageBlock):
    """An image that stays hidden behind the story's content note, if it has one."""

    class Meta:
        template = "blocks/story_image_block.html"


class StoryStreamBlock(BaseStreamBlock):
    image = StoryImageBlock()
    bilingual = BilingualTextBlock()

    def languages(self, value):
        """The participants' languages the blocks of this value use, in their order."""
        # The raw data is enough: no need to fetch every image of the story on each save.
        codes = [
            block["value"].get("language")
            for block in value.raw_data
            if block["type"] == "bilingual"
        ]
        return [code for code in dict.fromkeys(codes) if code]
