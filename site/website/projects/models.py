from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
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
from website.translatable import first_language_only, localized_all


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
        limit_choices_to=first_language_only,
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        people = [contact.person for contact in self.contacts.select_related("person__locale")]
        context["contacts"] = localized_all(people, "organisation", "photo")
        context["partner_list"] = localized_all(
            self.partners.select_related("logo", "locale"), "logo"
        )
        renditions.prefetch([partner.logo for partner in context["partner_list"]], "logo")
        # News, stories and exhibitions build on projects: they add their lists of this
        # project's pages through the hook, a function of the page and the context.
        for construct in hooks.get_hooks("construct_project_page_context"):
            construct(self, context)
        return context


class ProjectContact(Orderable):
    page = ParentalKey(ProjectPage, related_name="contacts", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=first_language_only,
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
        partners = localized_all(
            PartnerOrganisation.objects.filter(first_language_only())
            .select_related("logo", "locale")
            .order_by("kind", "name"),
            "logo",
        )
        renditions.prefetch([partner.logo for partner in partners], "logo")
        context["partners"] = partners
        return context
