"""Blocks of a workshop method: its steps and the questions for the closing reflection."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from website.core.blocks import PARAGRAPH_FEATURES, CleanRichTextBlock

from .durations import format_duration, iso_duration


class StepValue(blocks.StructValue):
    @cached_property
    def duration(self):
        minutes = self.get("duration_minutes")
        return format_duration(minutes) if minutes else ""

    @cached_property
    def iso_duration(self):
        minutes = self.get("duration_minutes")
        return iso_duration(minutes) if minutes else ""


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    instructions = CleanRichTextBlock(label=_("Instructions"), features=PARAGRAPH_FEATURES)
    duration_minutes = blocks.IntegerBlock(
        label=_("Duration in minutes"),
        required=False,
        min_value=1,
        max_value=24 * 60,
        help_text=_("Optional: how long this step takes."),
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/step_block.html"
        value_class = StepValue
        label = _("Step")
        description = _("One step of the method: what the facilitator says and the group does.")
        preview_value = {
            "title": "Ankommen",
            "instructions": "<p>Alle stellen sich mit ihrem Namen und einem Lieblingsort vor.</p>",
            "duration_minutes": 10,
        }


class ReflectionQuestionBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    class Meta:
        icon = "help"
        template = "blocks/reflection_question_block.html"
        label = _("Question")
        description = _("A question for the closing reflection, in plain words.")
        preview_value = "Wann haben Sie sich selbst einmal fremd gefühlt?"
