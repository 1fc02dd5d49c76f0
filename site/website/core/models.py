from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index

from modelcluster.fields import ParentalKey

from website import generation
from website.images import renditions
from website.images.models import image_field
from website.people.models import PartnerOrganisation
from website.translatable import first_language_only, localized_all

from .blocks import PARAGRAPH_FEATURES, BaseStreamBlock, WebAddressBlock
from .forms import BasePageForm


def is_public(page):
    """Whether anonymous visitors may open the page: live, and neither it nor an ancestor is
    view-restricted. Menus, breadcrumbs and listings name no other page."""
    return page is not None and page.live and not page.get_view_restrictions().exists()


class ListingFieldsMixin(models.Model):
    """How a page presents itself as a card in listings, teasers and related links."""

    listing_title = models.CharField(
        _("listing title"),
        max_length=255,
        blank=True,
        help_text=_("Shorter title for listings; defaults to the page title."),
    )
    listing_summary = models.TextField(
        _("listing summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for listings; defaults to the search description."),
    )
    listing_image = image_field(_("listing image"))

    listing_panels = [
        MultiFieldPanel(
            [
                FieldPanel("listing_title"),
                FieldPanel("listing_summary"),
                FieldPanel("listing_image"),
            ],
            heading=_("Listings"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def card_title(self):
        return self.listing_title or self.title

    @property
    def card_summary(self):
        return self.listing_summary or self.search_description

    @property
    def card_image(self):
        """Pages with a lead image or an image of their own fall back to it."""
        return (
            self.listing_image or getattr(self, "lead_image", None) or getattr(self, "image", None)
        )


class SocialFieldsMixin(models.Model):
    """OpenGraph and Twitter card data for when a page is shared."""

    social_image = image_field(
        _("social image"),
        help_text=_("Shown when the page is shared; defaults to the listing image."),
    )
    social_text = models.CharField(
        _("social text"),
        max_length=255,
        blank=True,
        help_text=_("Shown when the page is shared; defaults to the search description."),
    )

    social_panels = [
        MultiFieldPanel(
            [FieldPanel("social_image"), FieldPanel("social_text")], heading=_("Sharing")
        )
    ]

    class Meta:
        abstract = True

    @property
    def share_image(self):
        return self.social_image or getattr(self, "card_image", None)

    @property
    def share_text(self):
        return self.social_text or self.search_description


class CacheHeadersMixin:
    """Shared caches may keep what anonymous visitors see, never what an editor sees."""

    def serve(self, request, *args, **kwargs):
        return self.add_cache_headers(request, super().serve(request, *args, **kwargs))

    def add_cache_headers(self, request, response):
        if request.user.is_authenticated or self.get_view_restrictions().exists():
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        else:
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS
            )
        return response


# A page the site is made of is found by what it is, like by its title: "Ausstellung" finds
# every exhibition, "Geschichte" every story.
TYPE_LABEL_SEARCH_FIELD = index.SearchField("type_label_in_page_language", boost=2)


class BasePage(CacheHeadersMixin, ListingFieldsMixin, SocialFieldsMixin, Page):
    """Every concrete page inherits this, so listings, meta tags and caching agree."""

    promote_panels = [
        *Page.promote_panels,
        *ListingFieldsMixin.listing_panels,
        *SocialFieldsMixin.social_panels,
    ]
    base_form_class = BasePageForm

    # What a search result shows as its summary can also be found.
    search_fields = [
        *Page.search_fields,
        index.SearchField("listing_summary"),
        index.SearchField("search_description"),
    ]

    class Meta:
        abstract = True

    @property
    def type_label(self):
        """What visitors call this kind of page, in search results for example."""
        return self._meta.verbose_name

    @property
    def type_label_in_page_language(self):
        """The type label in the page's own language, as the search index holds it."""
        with translation.override(self.locale.language_code):
            return str(self.type_label)

    @property
    def page_type(self):
        """The model's label, written into <body data-page-type> for styles, scripts and tests."""
        return self._meta.label_lower

    @cached_property
    def live_translations(self):
        """This page in the other languages, for the language switcher and hreflang links."""
        return list(self.get_translations().live().public().select_related("locale"))

    @cached_property
    def alternates(self):
        """(hreflang, page) for every language the page is published in; German is x-default."""
        pages = sorted([self, *self.live_translations], key=lambda page: page.locale_id)
        links = [(page.locale.language_code, page) for page in pages]
        links += [("x-default", page) for code, page in links if code == settings.LANGUAGE_CODE]
        return links

    def get_view_restrictions(self):
        # Asked on every view (Wagtail's privacy check, the cache headers); almost always none.
        key = f"no-view-restrictions:{generation.current()}:{self.pk}"
        if cache.get(key):
            return PageViewRestriction.objects.none()
        restrictions = super().get_view_restrictions()
        if not restrictions:
            cache.set(key, True, 60 * 60 * 24)
        return restrictions


class HomePage(BasePage):  # noqa: DJ008 (Page defines __str__)
    hero_heading = models.CharField(_("hero heading"), max_length=255, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = image_field(_("hero image"))
    hero_link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_label = models.CharField(_("hero link text"), max_length=100, blank=True)
    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)
    partners_heading = models.CharField(
        _("partners heading"),
        max_length=255,
        blank=True,
        help_text=_("Above the partner organisations, for example “Seit 2024 mit an Bord”."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                PageChooserPanel("hero_link_page"),
                FieldPanel("hero_link_label"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        InlinePanel("featured_pages", label=_("Featured content"), max_num=6),
        FieldPanel("partners_heading"),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "core.StandardPage",
        "projects.ProjectPage",
        "projects.PartnerIndexPage",
        "exhibitions.ExhibitionIndexPage",
        "news.NewsIndexPage",
        "stories.StoryIndexPage",
        "toolbox.ToolboxPage",
    ]

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def can_create_at(cls, parent):
        # One home page per locale. Wagtail's max_count counts across all locales.
        return (
            super().can_create_at(parent)
            and Locale.objects.exclude(pk__in=cls.objects.values("locale_id")).exists()
        )

    def clean(self):
        super().clean()
        if HomePage.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk).exists():
            raise ValidationError(_("There is already a home page in this language."))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = localized_all(
            PartnerOrganisation.objects.filter(first_language_only()).select_related(
                "logo", "locale"
            ),
            "logo",
        )
        renditions.prefetch([partner.logo for partner in partners], "logo")
        context["partners"] = partners
        # The photo the page opens with: the editor's, else one an app offers through the hook.
        context["key_visual"] = self.hero_image
        # Apps building on this one add to the home page through the hook, a function of the
        # page and the context (projects: the link to the partner overview; exhibitions,
        # stories and news: their newest pages, and the current exhibition's photo as key
        # visual when the editor chose none).
        for construct in hooks.get_hooks("construct_home_page_context"):
            construct(self, context)
        return context

    def route(self, request, path_components):
        """Finds the page for a path in one query, not two for every level as Wagtail does.

        The deepest page whose URL the path starts with routes the rest (photo pages, say).
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[:length]) + "/"
            for length in range(1, len(path_components) + 1)
        ]
        page = (
            Page.objects.descendant_of(self)
            .filter(url_path__in=prefixes)
            .order_by("-depth")
            .specific()
            .first()
        )
        if page is None:
            raise Http404
        return page.route(request, path_components[page.depth - self.depth :])


class HomePageFeaturedPage(Orderable):
    home_page = ParentalKey(HomePage, related_name="featured_pages", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured page")

    def __str__(self):
        return str(self.page)


class StandardPage(BasePage):  # noqa: DJ008 (Page defines __str__)
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage", "projects.PartnerIndexPage"]

    class Meta:
        verbose_name = _("standard page")

    @property
    def type_label(self):
        return _("Page")


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Name"), max_length=50, help_text=_("For example Instagram."))
    url = WebAddressBlock(label=_("Address"))

    class Meta:
        icon = "link-external"
        template = "blocks/social_link_block.html"
        label = _("Social media link")
        description = _("A link to the project's profile on another platform.")
        preview_value = {"label": "Instagram", "url": "https://www.instagram.com/"}


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and profiles, the same in every language."""

    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social media"), blank=True
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
        FieldPanel("postal_address"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = _("site settings")

    def __str__(self):
        return str(self.site)


class FooterLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    label = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the page title.")
    )

    class Meta:
        icon = "link"
        template = "blocks/footer_link_block.html"
        label = _("Footer link")
        description = _("A link in the footer, such as Impressum or Datenschutz.")


class FooterText(TranslatableMixin, models.Model):
    """The footer's text and links, one per language."""

    text = RichTextField(_("text"), features=PARAGRAPH_FEATURES, blank=True)
    links = StreamField([("link", FooterLinkBlock())], verbose_name=_("links"), blank=True)

    panels = [FieldPanel("text"), FieldPanel("links")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return str(_("Footer ({language})")).format(language=self.locale.get_display_name())
