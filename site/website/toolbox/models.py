import re

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey

from website.core.blocks import PARAGRAPH_FEATURES
from website.core.models import TYPE_LABEL_SEARCH_FIELD, BasePage
from website.images import renditions
from website.images.models import image_field

from .blocks import ReflectionQuestionBlock, StepBlock
from .durations import format_duration, format_group_size, iso_duration
from .filters import MethodFilterSet

METHODS_PER_PAGE = 12


class TargetGroup(models.TextChoices):
    YOUNG_PEOPLE = "young_people", _("Young people")
    ADULTS = "adults", _("Adults")
    MIXED = "mixed", _("Mixed groups")
    PROFESSIONALS = "professionals", _("Professionals and volunteers")
    SCHOOLS = "schools", _("Schools")


class ToolboxPage(BasePage):  # noqa: DJ008 (Page defines __str__)
    """The library of workshop methods, with filters for the group at hand."""

    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["toolbox.MethodPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("toolbox")
        verbose_name_plural = _("toolboxes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        methods = (
            MethodPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .select_related("listing_image", "image")
            .order_by("path")
        )
        filters = MethodFilterSet(request.GET, methods, offers={"target_group": TargetGroup})
        # Paging clamps what it cannot use (?page=abc, -1, 99999999) to the first or last.
        page_obj = Paginator(filters.qs, METHODS_PER_PAGE).get_page(
            request.GET.get("page", "")[:10]
        )
        renditions.prefetch([method.card_image for method in page_obj], "card")
        context.update(filters=filters, methods=page_obj)
        return context


class MethodPage(BasePage):  # noqa: DJ008 (Page defines __str__)
    """One workshop method: what it is for, whom it suits, and how to run it step by step."""

    aim = models.TextField(
        _("aim"),
        help_text=_("What the participants take away, in one or two sentences."),
    )
    image = image_field(_("image"))
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup)
    group_size_min = models.PositiveSmallIntegerField(
        _("smallest group"), default=1, validators=[MinValueValidator(1)]
    )
    group_size_max = models.PositiveSmallIntegerField(
        _("largest group"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty if the method works for groups of any size."),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"), validators=[MinValueValidator(1)]
    )
    materials = models.TextField(_("materials"), blank=True, help_text=_("One item per line."))
    preparation = RichTextField(_("preparation"), features=PARAGRAPH_FEATURES, blank=True)
    steps = StreamField([("step", StepBlock())], verbose_name=_("steps"))
    reflection_questions = StreamField(
        [("question", ReflectionQuestionBlock())],
        verbose_name=_("reflection questions"),
        blank=True,
    )
    notes = RichTextField(
        _("notes for facilitators"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("Tips, variations, and the care needed when participants talk about flight."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("aim"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("target_group"),
                FieldRowPanel([FieldPanel("group_size_min"), FieldPanel("group_size_max")]),
                FieldPanel("duration_minutes"),
            ],
            heading=_("At a glance"),
        ),
        FieldPanel("materials"),
        FieldPanel("preparation"),
        FieldPanel("steps"),
        FieldPanel("reflection_questions"),
        FieldPanel("notes"),
        InlinePanel("worksheets", label=_("Worksheets"), heading=_("Worksheets")),
    ]

    search_fields = [
        *BasePage.search_fields,
        TYPE_LABEL_SEARCH_FIELD,
        index.SearchField("aim"),
        index.SearchField("materials"),
        index.SearchField("preparation"),
        index.SearchField("steps"),
        index.SearchField("reflection_questions"),
        index.SearchField("notes"),
        index.FilterField("target_group"),
    ]

    parent_page_types = ["toolbox.ToolboxPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("method")
        verbose_name_plural = _("methods")

    def clean(self):
        super().clean()
        if (
            self.group_size_min is not None
            and self.group_size_max is not None
            and self.group_size_min > self.group_size_max
        ):
            raise ValidationError(
                {
                    "group_size_max": _(
                        "The largest group cannot be smaller than the smallest group (%(min)d)."
                    )
                    % {"min": self.group_size_min}
                }
            )

    @property
    def card_summary(self):
        return self.listing_summary or Truncator(self.aim).words(30)

    @property
    def duration(self):
        return format_duration(self.duration_minutes)

    @property
    def iso_duration(self):
        return iso_duration(self.duration_minutes)

    @property
    def group_size(self):
        return format_group_size(self.group_size_min, self.group_size_max)

    @cached_property
    def materials_list(self):
        """One item per line; bullets pasted along with the text are dropped."""
        lines = (re.sub(r"^[-*•–]\s+", "", line.strip()) for line in self.materials.splitlines())
        return [line for line in lines if line]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["worksheets"] = self.worksheets.select_related("document")
        renditions.prefetch([self.image], "photo")
        return context


class MethodWorksheet(Orderable):
    """A handout or worksheet for a method, offered for download."""

    page = ParentalKey(MethodPage, related_name="worksheets", on_delete=models.CASCADE)
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        _("link text"),
        max_length=255,
        blank=True,
        help_text=_("Defaults to the document title."),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("worksheet")
        verbose_name_plural = _("worksheets")

    def __str__(self):
        return self.label or self.document.title
