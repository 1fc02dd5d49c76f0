from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils import formats, timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from website.core.blocks import PARAGRAPH_FEATURES, BaseStreamBlock
from website.core.filters import tags_in_use
from website.core.models import TYPE_LABEL_SEARCH_FIELD, BasePage
from website.images import renditions
from website.images.models import CustomImage, ImageUse
from website.markup import WebAddressField
from website.translatable import first_language_only

from .filters import ExhibitionFilterSet
from .forms import ExhibitionPageForm
from .panels import GalleryImageChooser, GalleryPanel

OPENSTREETMAP = "https://www.openstreetmap.org"


class Venue(TranslatableMixin, index.Indexed, models.Model):
    """A place where exhibitions are shown, with what a visitor needs to get there and in,
    translated as a snippet."""

    name = models.CharField(_("name"), max_length=255)
    address = models.TextField(_("address"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    admission = models.TextField(
        _("admission"),
        blank=True,
        help_text=_("For example “Eintritt frei”, or prices and concessions."),
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, lifts, toilets, seating, induction loops …"),
    )
    # Decimal degrees as OpenStreetMap gives them: six places are about 10 cm.
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("For example 50.648100. Without coordinates, directions search the address."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("For example 11.363900."),
    )
    website = WebAddressField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("opening_hours"),
        FieldPanel("admission"),
        FieldPanel("accessibility"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("address"),
        index.AutocompleteField("address"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "latitude" if self.latitude is None else "longitude"
            raise ValidationError({missing: _("Give both latitude and longitude, or neither.")})

    @property
    def directions_url(self):
        """The venue on OpenStreetMap: a marker on its coordinates, or else a search for its
        address. Only a link: the page itself asks nothing of another host."""
        if self.latitude is not None and self.longitude is not None:
            lat, lon = f"{self.latitude:f}", f"{self.longitude:f}"
            return f"{OPENSTREETMAP}/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
        if self.address:
            place = ", ".join([self.name, *self.address.splitlines()])
            return f"{OPENSTREETMAP}/search?{urlencode({'query': place})}"
        return ""


class ExhibitionIndexPage(BasePage):  # noqa: DJ008 (Page defines __str__)
    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["exhibitions.ExhibitionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("exhibition index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        published = ExhibitionPage.objects.child_of(self).live().public()
        exhibitions = published.select_related("venue", "listing_image").order_by("start_date")
        filters = ExhibitionFilterSet(
            request.GET, exhibitions, offers={"tag": tags_in_use(published)}
        )
        exhibitions = filters.qs
        today = timezone.localdate()
        sections = {"current": [], "upcoming": [], "past": []}
        for exhibition in exhibitions:
            sections[exhibition.status(today)].append(exhibition)
        sections["past"].reverse()  # the most recent first
        with_first_photos(exhibitions)
        renditions.prefetch([e.card_image for e in exhibitions], "card")
        context.update(
            current=sections["current"],
            upcoming=sections["upcoming"],
            # Paging clamps what it cannot use (?page=abc, -1, 99999999) to the first or last.
            past=Paginator(sections["past"], 12).get_page(request.GET.get("page", "")[:10]),
            filters=filters,
        )
        return context


class ExhibitionPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "exhibitions.ExhibitionPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ExhibitionPage(RoutablePageMixin, BasePage):  # noqa: DJ008 (Page defines __str__)
    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    start_date = models.DateField(_("opens on"))
    end_date = models.DateField(_("closes on"), null=True, blank=True)
    opening = models.DateTimeField(_("opening event"), null=True, blank=True)
    opening_details = models.CharField(
        _("opening event details"),
        max_length=255,
        blank=True,
        help_text=_("For example “Vernissage mit Musik, Eintritt frei”."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exhibitions",
        limit_choices_to=first_language_only,
    )
    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ExhibitionPageTag, blank=True)
    projects = ParentalManyToManyField(
        "projects.ProjectPage",
        verbose_name=_("sub-projects"),
        blank=True,
        related_name="exhibition_pages",
    )
    # Photo numbers in URLs are never reused, even after a photo is removed.
    last_photo_number = models.PositiveIntegerField(default=0, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("opening"), FieldPanel("opening_details")]),
                FieldPanel("venue"),
            ],
            heading=_("Dates and place"),
        ),
        FieldPanel("intro"),
        HelpPanel(template="exhibitions/admin/bulk_upload_help.html", heading=_("Many photos")),
        GalleryPanel(
            "gallery_photos", chooser_field_name="image", label=_("photo"), heading=_("Gallery")
        ),
        InlinePanel("credits", label=_("Credits"), heading=_("Credits")),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("projects", widget=forms.CheckboxSelectMultiple),
    ]

    search_fields = [
        *BasePage.search_fields,
        TYPE_LABEL_SEARCH_FIELD,
        index.SearchField("subtitle"),
        index.SearchField("summary"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        # A photo is found by what its caption says, on the page that shows it.
        index.RelatedFields("gallery_photos", [index.SearchField("caption")]),
    ]

    parent_page_types = ["exhibitions.ExhibitionIndexPage"]
    subpage_types = []
    base_form_class = ExhibitionPageForm
    same_locale_choices = ("projects",)

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")

    def clean(self):
        super().clean()
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("An exhibition cannot close before it opens.")})
        self.number_new_photos()

    def number_new_photos(self):
        for photo in self.gallery_photos.all():
            if not photo.number:
                self.last_photo_number += 1
                photo.number = self.last_photo_number

    def save(self, *args, **kwargs):
        self.number_new_photos()
        result = super().save(*args, **kwargs)
        self.name_untitled_images()
        return result

    def name_untitled_images(self):
        """Names the library's images that still carry the neutral title of their upload day
        ("Foto vom 03.12.2026") after this exhibition and their number in it ("Beulwitz designt
        – Foto 3"), on every save, draft or published, of the gallery they were added to.

        The first exhibition saved with an image names it: a photo added through "Fotos
        hinzufügen" gets its exhibition's name, and so does one uploaded alone and chosen here
        later. A title an editor typed, or a caption found in the photo, is never replaced.
        """
        # Image forms load Wagtail's admin forms, which need the models loaded first.
        from website.images.forms import has_neutral_title

        photos = {photo.image_id: photo for photo in self.gallery_photos.all() if photo.image_id}
        if not photos:
            return
        with translation.override(self.locale.language_code):
            for image in CustomImage.objects.filter(pk__in=photos):
                if has_neutral_title(image):
                    image.title = f"{self.title} – {photos[image.pk].numbered_title}"[:255]
                    image.save(update_fields=["title"])

    def serve(self, request, *args, **kwargs):
        # Routes answer past BasePage's serve(): they need its cache headers too.
        return self.add_cache_headers(request, super().serve(request, *args, **kwargs))

    @property
    def card_summary(self):
        return self.listing_summary or self.summary or self.search_description

    @property
    def card_image(self):
        """Without a chosen listing image, cards and shared links show the gallery's first."""
        return self.listing_image or self.first_photo_image

    @cached_property
    def first_photo_image(self):
        photo = self.gallery_photos.filter(image__isnull=False).select_related("image").first()
        return photo.image if photo else None

    def status(self, today=None):
        today = today or timezone.localdate()
        if self.start_date > today:
            return "upcoming"
        if self.end_date and self.end_date < today:
            return "past"
        return "current"

    @cached_property
    def photos(self):
        """The gallery in its order, with images and their renditions in three queries, each
        photo knowing whether its caption is still the German original's (one more query)."""
        photos = list(self.gallery_photos.select_related("image"))
        renditions.prefetch([photo.image for photo in photos], "thumb", "photo")
        source_captions = self.source_captions()
        for photo in photos:
            photo.caption_untranslated = bool(photo.caption) and (
                source_captions.get(photo.number) == photo.caption
            )
        return photos

    @cached_property
    def topics(self):
        """The page's tags, each knowing whether the German original has it too."""
        source_tags = set(
            ExhibitionPageTag.objects.filter(
                content_object__translation_key=self.translation_key,
                content_object__locale__language_code=settings.LANGUAGE_CODE,
            )
            .exclude(content_object=self)
            .values_list("tag_id", flat=True)
        )
        tags = list(self.tags.all())
        for tag in tags:
            tag.untranslated = tag.pk in source_tags
        return tags

    def source_captions(self):
        """The captions of this page in the site's first language by photo number; none on
        that page itself, or where that language is the one shown (nothing would be marked)."""
        if translation.get_language() == settings.LANGUAGE_CODE:
            return {}
        return dict(
            GalleryPhoto.objects.filter(
                page__translation_key=self.translation_key,
                page__locale__language_code=settings.LANGUAGE_CODE,
            )
            .exclude(page=self)
            .values_list("number", "caption")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["credits"] = self.credits.select_related("person", "organisation")
        return context

    @path("foto/<int:number>/", name="photo")
    def photo_page(self, request, number):
        photos = self.photos
        position = next((i for i, p in enumerate(photos) if p.number == number), None)
        if position is None:
            raise Http404
        return self.render(
            request,
            template="exhibitions/exhibition_photo_page.html",
            context_overrides={
                "photo": photos[position],
                "position": position + 1,
                "previous": photos[position - 1] if position > 0 else None,
                "next": photos[position + 1] if position + 1 < len(photos) else None,
            },
        )

    def subpage_url(self, resolver_match, request):
        """The address of the view a translation shows, here: the same photo, if it is here."""
        number = resolver_match.kwargs.get("number")
        if (
            resolver_match.url_name == "photo"
            and self.gallery_photos.filter(number=number).exists()
        ):
            return self.get_url(request) + self.reverse_subpage("photo", kwargs={"number": number})
        return None

    def photo_url(self, photo):
        return self.url + self.reverse_subpage("photo", args=[photo.number])

    def get_cached_paths(self):
        # A CDN keeps each photo's page too; one whose photo was removed must go from it as well.
        numbers = range(1, self.last_photo_number + 1)
        return ["/", *("/" + self.reverse_subpage("photo", args=[n]) for n in numbers)]


def with_first_photos(exhibitions):
    """Gives the exhibitions without listing image their first photo's image, in two queries
    for any number of them."""
    missing = {e.pk: e for e in exhibitions if not e.listing_image_id}
    if not missing:
        return
    first_photo = GalleryPhoto.objects.filter(page=OuterRef("pk"), image__isnull=False)
    first_image_ids = dict(
        ExhibitionPage.objects.filter(pk__in=missing)
        .annotate(image_id=Subquery(first_photo.order_by("sort_order").values("image_id")[:1]))
        .values_list("pk", "image_id")
    )
    images = CustomImage.objects.in_bulk(set(first_image_ids.values()) - {None})
    for pk, exhibition in missing.items():
        exhibition.first_photo_image = images.get(first_image_ids.get(pk))


class GalleryPhoto(ImageUse, Orderable):
    """A photo in an exhibition's gallery, with what this use of it needs: caption, credits, alt."""

    page = ParentalKey(ExhibitionPage, related_name="gallery_photos", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(editable=False, null=True)
    photographer = models.CharField(_("photographer"), max_length=200, blank=True)
    designer = models.CharField(_("designer"), max_length=200, blank=True)
    model = models.CharField(_("model"), max_length=200, blank=True)

    panels = [
        FieldPanel("image", widget=GalleryImageChooser),
        FieldPanel("caption"),
        FieldRowPanel([FieldPanel("photographer"), FieldPanel("designer"), FieldPanel("model")]),
        FieldPanel("alt_text"),
        FieldPanel("decorative"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery photo")
        verbose_name_plural = _("gallery photos")

    @property
    def numbered_title(self):
        """The photo by its number in the exhibition, which never changes: “Foto 3”."""
        return gettext("Photo %(number)s") % {"number": formats.localize(self.number)}

    @property
    def title(self):
        """The photo's name on public pages: its caption, or else its number."""
        return self.caption or self.numbered_title

    @property
    def credit_line(self):
        parts = [
            (_("Photo"), self.photographer),
            (_("Design"), self.designer),
            (_("Model"), self.model),
        ]
        return " · ".join(f"{label}: {name}" for label, name in parts if name)


class ExhibitionCredit(Orderable):
    """Who made the exhibition: a person or an organisation, in a role."""

    class Role(models.TextChoices):
        INITIATOR = "initiator", _("Initiator")
        CURATOR = "curator", _("Curator")
        PHOTOGRAPHER = "photographer", _("Photographer")
        DESIGNER = "designer", _("Designer")
        MODEL = "model", _("Model")
        PARTNER = "partner", _("Partner")
        SUPPORTER = "supporter", _("Supporter")

    page = ParentalKey(ExhibitionPage, related_name="credits", on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=first_language_only,
    )
    organisation = models.ForeignKey(
        "people.PartnerOrganisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=first_language_only,
    )

    panels = [FieldPanel("role"), FieldPanel("person"), FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("credit")
        verbose_name_plural = _("credits")

    def __str__(self):
        return f"{self.get_role_display()}: {self.person or self.organisation}"

    def clean(self):
        super().clean()
        if bool(self.person_id) == bool(self.organisation_id):
            raise ValidationError(_("Choose either a person or an organisation."))
