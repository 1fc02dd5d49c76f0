from django import forms
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from website.core.blocks import PARAGRAPH_FEATURES, BaseStreamBlock
from website.core.models import BasePage
from website.images import renditions
from website.images.models import image_field
from website.people.models import PartnerOrganisation


class ProjectPage(BasePage):  # noqa: DJ008 (Page defines __str__)
    """A sub-project: Connecting Women, Connecting Partners."""

    intro = models.TextField(_("introduction"), blank=True)
    image = image_field(_("image"))
    aims = RichTextField(_("aims"), features=PARAGRAPH_FEATURES, blank=True)
    target_groups = RichTextField(_("target groups"), features=PARAGRAPH_FEATURES, blank=True)
    participation = RichTextField(_("how to take part"), features=PARAGRAPH_FEATURES, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    partners = ParentalManyToManyField(
        PartnerOrganisation,
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="projects",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("aims"), FieldPanel("target_groups"), FieldPanel("participation")],
            heading=_("The project at a glance"),
        ),
        FieldPanel("body"),
        InlinePanel("contacts", label=_("Contact people"), heading=_("Contact people")),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("aims"),
        index.SearchField("target_groups"),
        index.SearchField("participation"),
        index.SearchField("body"),
    ]

    parent_page_types = ["core.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("sub-project")
        verbose_name_plural = _("sub-projects")

    def related(self, model):
        """Published pages of this language that name this project in any language."""
        return (
            model.objects.live()
            .public()
            .filter(locale_id=self.locale_id, projects__translation_key=self.translation_key)
            .distinct()
        )

    @cached_property
    def latest_news(self):
        from website.news.models import NewsPage

        news = list(self.related(NewsPage).order_by("-date", "-pk")[:3])
        renditions.prefetch([item.card_image for item in news], "card")
        return news

    @cached_property
    def exhibitions(self):
        from exhibitions.models import ExhibitionPage, with_first_photos

        exhibitions = list(self.related(ExhibitionPage).order_by("-start_date"))
        with_first_photos(exhibitions)
        renditions.prefetch([item.card_image for item in exhibitions], "card")
        return exhibitions

    @cached_property
    def stories(self):
        """The newest published stories of this language told by participants of this project."""
        from stories.models import StoryPage

        stories = list(
            StoryPage.objects.live()
            .public()
            .filter(
                locale_id=self.locale_id,
                participant__sub_project__translation_key=self.translation_key,
            )
            .select_related("listing_image", "portrait")
            .order_by("-first_published_at", "-pk")[:6]
        )
        renditions.prefetch([story.card_image for story in stories], "card")
        return stories

    @cached_property
    def story_index(self):
        from stories.models import StoryIndexPage

        return StoryIndexPage.objects.live().public().filter(locale_id=self.locale_id).first()

    @cached_property
    def news_index(self):
        from website.news.models import NewsIndexPage

        return NewsIndexPage.objects.live().public().filter(locale_id=self.locale_id).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contacts"] = self.contacts.select_related("person__organisation", "person__photo")
        context["partner_list"] = list(self.partners.select_related("logo"))
        renditions.prefetch([partner.logo for partner in context["partner_list"]], "logo")
        return context


class ProjectContact(Orderable):
    page = ParentalKey(ProjectPage, related_name="contacts", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self):
        return str(self.person)


class PartnerIndexPage(BasePage):  # noqa: DJ008 (Page defines __str__)
    """Every partner organisation of the network, from the snippets."""

    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partner overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = list(PartnerOrganisation.objects.select_related("logo").order_by("kind", "name"))
        renditions.prefetch([partner.logo for partner in partners], "logo")
        context["partners"] = partners
        return context
