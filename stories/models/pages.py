"""Story pages: the story index and the stories themselves.

Public output names a participant by pseudonym only: templates, search and listings reach the
participant through `pseudonym` and nothing else.
"""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from website.core.blocks import PARAGRAPH_FEATURES
from website.core.filters import tags_in_use
from website.core.models import TYPE_LABEL_SEARCH_FIELD, BasePage
from website.images import renditions
from website.images.alt_text import PhotoRowsPanel
from website.images.models import ImageUse, image_field
from website.projects.models import ProjectPage

from ..blocks import LANGUAGE_NAMES, StoryStreamBlock
from ..filters import StoryFilterSet
from ..forms import StoryPageForm

PER_PAGE = 12


class StoryIndexPage(BasePage):  # noqa: DJ008 (Page defines __str__)
    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index")

    def published_stories(self):
        return StoryPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        published = self.published_stories()
        stories = published.select_related("participant", "listing_image", "portrait").order_by(
            "-first_published_at", "-pk"
        )
        filters = StoryFilterSet(
            request.GET,
            stories,
            offers={
                "tag": tags_in_use(published),
                "project": self.projects_with_stories(published),
                "language": self.languages_of(published),
            },
        )
        # Paging clamps what it cannot use (?page=abc, -1, 99999999) to the first or last.
        page_obj = Paginator(filters.qs, PER_PAGE).get_page(request.GET.get("page", "")[:10])
        renditions.prefetch([story.card_image for story in page_obj], "card")
        context.update(stories=page_obj, filters=filters)
        return context

    def projects_with_stories(self, published):
        """The sub-projects of this language whose participants tell a published story."""
        named = published.values("participant__sub_project__translation_key")
        return (
            ProjectPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, translation_key__in=named)
            .order_by("title")
        )

    @staticmethod
    def languages_of(published):
        """(code, name) of the participants' languages the published stories use, by name."""
        codes = {
            code
            for value in published.values_list("languages", flat=True)
            for code in value.split(",")
            if code in LANGUAGE_NAMES
        }
        return sorted(((code, LANGUAGE_NAMES[code]) for code in codes), key=lambda item: item[1])


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class StoryPage(BasePage):  # noqa: DJ008 (Page defines __str__)
    participant = models.ForeignKey(
        "stories.Participant",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="stories",
        help_text=_("The person who tells the story; the website shows only their pseudonym."),
    )
    teaser = models.TextField(
        _("teaser"),
        max_length=500,
        help_text=_("Two or three sentences: shown as the lead and in listings."),
    )
    portrait = image_field(_("portrait"))
    portrait_alt = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the portrait shows, for people who cannot see it."),
    )
    # It describes the portrait: a photo taken down takes it along (consent.scrub).
    image_text_fields = {"portrait": ("portrait_alt",)}
    quote = models.TextField(
        _("quote"), blank=True, help_text=_("A sentence of the participant's, shown large.")
    )
    content_note = models.CharField(
        _("content note"),
        max_length=255,
        blank=True,
        help_text=_(
            "For example “Flucht, Gewalt, Verlust”. Shown before the story; its images stay "
            "hidden until the visitor chooses to see them."
        ),
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("story"), blank=True)
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True)
    exhibitions = ParentalManyToManyField(
        "exhibitions.ExhibitionPage",
        verbose_name=_("related exhibitions"),
        blank=True,
        related_name="story_pages",
    )
    # The participants' languages the body uses, as ",ar,fa,": the index filters by them.
    languages = models.CharField(max_length=100, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("participant"),
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldPanel("portrait"), FieldPanel("portrait_alt"), FieldPanel("quote")],
            heading=_("Portrait and quote"),
        ),
        FieldPanel("content_note"),
        FieldPanel("body"),
        PhotoRowsPanel("photos", chooser_field_name="image", label=_("photo"), heading=_("Photos")),
        MultiFieldPanel(
            [
                FieldPanel("tags"),
                FieldPanel("exhibitions", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Topics and exhibitions"),
        ),
    ]

    # Public fields only: of the participant, nothing but the pseudonym.
    search_fields = [
        *BasePage.search_fields,
        TYPE_LABEL_SEARCH_FIELD,
        index.SearchField("teaser"),
        index.SearchField("quote"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields("participant", [index.SearchField("pseudonym")]),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []
    base_form_class = StoryPageForm
    same_locale_choices = ("exhibitions",)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def save(self, *args, **kwargs):
        codes = self.body.stream_block.languages(self.body)
        self.languages = f",{','.join(codes)}," if codes else ""
        return super().save(*args, **kwargs)

    @property
    def language_codes(self):
        return [code for code in self.languages.split(",") if code]

    @property
    def card_summary(self):
        return self.listing_summary or self.teaser or self.search_description

    @property
    def card_image(self):
        # Behind a content note, listings show no photo of the story unless an editor chose one.
        if self.content_note:
            return self.listing_image
        return self.listing_image or self.portrait

    @property
    def portrait_alt_text(self):
        if not self.portrait:
            return ""
        return self.portrait_alt or self.portrait.description

    @cached_property
    def story_index(self):
        return self.get_parent().specific

    @cached_property
    def photo_list(self):
        photos = list(self.photos.select_related("image"))
        renditions.prefetch([photo.image for photo in photos], "photo")
        return photos

    @cached_property
    def image_count(self):
        """How many images the content note keeps hidden: portrait, body images and photos."""
        in_body = sum(1 for block in self.body if block.block_type == "image")
        return bool(self.portrait_id) + in_body + len(self.photo_list)

    def exhibition_list(self):
        """The related exhibitions, in this page's language where they have been translated."""
        from exhibitions.models import ExhibitionPage, with_first_photos

        # Read through the relation: previews show the exhibitions chosen but not yet saved.
        named = [exhibition.translation_key for exhibition in self.exhibitions.all()]
        exhibitions = list(
            ExhibitionPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, translation_key__in=named)
            .select_related("listing_image", "venue")
            .order_by("-start_date")
        )
        with_first_photos(exhibitions)
        renditions.prefetch([exhibition.card_image for exhibition in exhibitions], "card")
        return exhibitions

    def project_link(self):
        """The participant's sub-project, in this page's language if it has been translated."""
        project = self.participant.sub_project
        if project is None:
            return None
        return (
            ProjectPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, translation_key=project.translation_key)
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            index=self.story_index,
            pseudonym=self.participant.pseudonym,
            tags=self.tags.order_by("name"),
            project=self.project_link(),
            related_exhibitions=self.exhibition_list(),
        )
        return context


class StoryPhoto(ImageUse, Orderable):
    """A photo that belongs with the story, with what this use of it needs."""

    page = ParentalKey(StoryPage, related_name="photos", on_delete=models.CASCADE)

    panels = [
        FieldPanel("image"),
        FieldPanel("caption"),
        FieldPanel("alt_text"),
        FieldPanel("decorative"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("story photo")
        verbose_name_plural = _("story photos")
