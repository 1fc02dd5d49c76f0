from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index

from website.images.choosing import ChosenMediaForm
from website.images.models import image_field
from website.markup import WebAddressField
from website.translatable import first_language_only


class PartnerOrganisation(TranslatableMixin, index.Indexed, models.Model):
    """An organisation in the Connecting Humans network, translated as a snippet."""

    class Kind(models.TextChoices):
        PUBLIC_ADMINISTRATION = "administration", _("Public administration")
        ASSOCIATION = "association", _("Association")
        COMPANY = "company", _("Company")
        EDUCATION = "education", _("Education")
        WELFARE = "welfare", _("Welfare organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    logo = image_field(_("logo"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    town = models.CharField(_("town"), max_length=100, blank=True)
    website = WebAddressField(_("website"), blank=True)
    since_year = models.PositiveSmallIntegerField(
        _("partner since"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    short_description = models.TextField(_("short description"), max_length=500, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("town"),
        FieldPanel("website"),
        FieldPanel("since_year"),
        FieldPanel("logo"),
        FieldPanel("short_description"),
    ]
    base_form_class = ChosenMediaForm

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("town"),
        index.AutocompleteField("town"),
        index.SearchField("short_description"),
        index.FilterField("kind"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        # A translation keeps the name it was copied with, or its own in that language.
        constraints = [
            models.UniqueConstraint(
                fields=["name", "locale"], name="unique_partner_name_per_language"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The form cannot check the constraint itself: it does not hold the language.
        super().clean()
        locale_id = self.locale_id or Locale.get_default().pk
        namesakes = PartnerOrganisation.objects.filter(name=self.name, locale_id=locale_id)
        if namesakes.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"name": _("There is already a partner organisation of this name.")}
            )


class Person(TranslatableMixin, index.Indexed, models.Model):
    """Someone credited or named as a contact: initiators, photographers, project staff. Their
    role is translated with the snippet.

    Participants of the projects are not Persons: they are protected by consent records.
    """

    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(
        _("role"), max_length=255, blank=True, help_text=_("For example “Mobile Jugendarbeit”.")
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        limit_choices_to=first_language_only,
    )
    photo = image_field(_("photo"))
    public_email = models.EmailField(
        _("public email"), blank=True, help_text=_("Shown on the website.")
    )
    public_phone = models.CharField(
        _("public phone"), max_length=50, blank=True, help_text=_("Shown on the website.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
        MultiFieldPanel(
            [FieldPanel("public_email"), FieldPanel("public_phone")],
            heading=_("Public contact"),
        ),
    ]
    base_form_class = ChosenMediaForm

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.AutocompleteField("role"),
        index.FilterField("organisation"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name
