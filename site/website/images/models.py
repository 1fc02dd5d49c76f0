from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """A photo with the credit, licence and the editor-useful metadata read from its file."""

    credit = models.CharField(
        _("credit / photographer"),
        max_length=255,
        blank=True,
        help_text=_("Shown beside the photo, for example “Foto: Anna Beispiel”."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_("For example “CC BY 4.0” or “all rights reserved”."),
    )
    date_taken = models.DateTimeField(_("date taken"), null=True, blank=True)
    creator = models.CharField(_("creator"), max_length=255, blank=True)
    caption = models.TextField(_("caption"), blank=True)
    copyright = models.CharField(_("copyright"), max_length=255, blank=True)

    admin_form_fields = (
        *Image.admin_form_fields,
        "credit",
        "licence",
        "creator",
        "caption",
        "copyright",
        "date_taken",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, related_name="renditions", on_delete=models.CASCADE)

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
