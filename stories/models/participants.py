"""Participants and their consent: the record that decides what of a person may be shown.

Real names and contact details are for the project team only: they are not indexed for search,
not rendered on any public page and not part of any page revision.
"""

import datetime
import os
import secrets

from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model_string
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from website.images.models import image_field
from website.images.storage import private_storage

# A consent that ends within this many days is reported as expiring.
EXPIRING_DAYS = 30
CONSENT_FORM_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]


def consent_form_upload_to(instance, filename):
    # The name of a scanned form often is the person's name: keep none of it.
    extension = os.path.splitext(filename)[1].lower()
    return f"consent-forms/{secrets.token_hex(16)}{extension}"


class Status(models.TextChoices):
    VALID = "valid", _("valid")
    EXPIRING = "expiring", _("expiring soon")
    EXPIRED = "expired", _("expired")
    WITHDRAWN = "withdrawn", _("withdrawn")
    NONE = "none", _("no consent")


class Participant(index.Indexed, ClusterableModel):
    """A person who tells a story or is shown in photos, known to the public by a pseudonym."""

    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=100,
        unique=True,
        help_text=_("The only name shown on the website."),
    )
    real_name = models.CharField(
        _("real name"),
        max_length=255,
        blank=True,
        help_text=_("Internal only: never shown on the website."),
    )
    contact = models.TextField(
        _("contact"),
        blank=True,
        help_text=_("Internal only: how the team reaches this person."),
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=255,
        blank=True,
        help_text=_("For example “Arabisch, Deutsch”."),
    )
    sub_project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("sub-project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"locale__language_code": "de"},
    )
    portrait = image_field(_("portrait"))
    # Who a photo shows decides whether, and where, it may be published (see stories.consent).
    # Editors tick them on the image's form (`image.participants`, see wagtail_hooks).
    images = models.ManyToManyField(
        get_image_model_string(),
        verbose_name=_("images"),
        blank=True,
        related_name="participants",
    )

    # Only the pseudonym: the admin search must not reveal who is behind it. The chooser
    # searches among the participants an editor may choose, by their ids.
    search_fields = [
        index.SearchField("pseudonym"),
        index.AutocompleteField("pseudonym"),
        index.FilterField("id"),
    ]

    class Meta:
        ordering = ["pseudonym"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.pseudonym

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.portrait_id:
            # A portrait shows the person: the image's record has to say so.
            self.portrait.participants.add(self)

    def consents_for(self, scope):
        # Uses prefetched consents when a listing has fetched them.
        return [consent for consent in self.consents.all() if consent.scope == scope]

    def valid_consents(self, scope=None, on=None):
        scope = scope or Consent.Scope.WEBSITE
        on = on or timezone.localdate()
        return [consent for consent in self.consents_for(scope) if consent.is_valid(on)]

    def has_valid_consent(self, scope=None, on=None):
        return bool(self.valid_consents(scope, on))

    def face_may_be_visible(self, on=None):
        return any(consent.face == Consent.Face.VISIBLE for consent in self.valid_consents(on=on))

    def status_on(self, on=None):
        """The website consent's state: valid, expiring, expired, withdrawn or none."""
        on = on or timezone.localdate()
        valid = self.valid_consents(on=on)
        if valid:
            soon = on + datetime.timedelta(days=EXPIRING_DAYS)
            lasting = any(c.expires_on is None or c.expires_on > soon for c in valid)
            return Status.VALID if lasting else Status.EXPIRING
        given = [c for c in self.consents_for(Consent.Scope.WEBSITE) if c.given_on <= on]
        if not given:
            return Status.NONE
        latest = max(given, key=lambda c: (c.given_on, c.pk or 0))
        if latest.is_withdrawn(on):
            return Status.WITHDRAWN
        return Status.EXPIRED

    @property
    def status(self):
        return self.status_on()

    @property
    def status_label(self):
        return self.status.label

    @property
    def consent_summary(self):
        """What an editor choosing this person needs to know: "Einwilligung gültig bis
        31.12.2027, nur unkenntlich", "Einwilligung widerrufen" …"""
        status = self.status
        if status == Status.WITHDRAWN:
            return gettext("Consent withdrawn")
        if status == Status.EXPIRED:
            return gettext("Consent expired")
        if status == Status.NONE:
            return gettext("No consent")
        valid = self.valid_consents()
        ends = [consent.expires_on for consent in valid]
        if None in ends:
            summary = gettext("Consent valid")
        else:
            summary = gettext("Consent valid until %(date)s") % {
                "date": formats.date_format(max(ends), "SHORT_DATE_FORMAT")
            }
        if not self.face_may_be_visible():
            summary = gettext("%(consent)s, only unrecognisable") % {"consent": summary}
        return summary


class Consent(Orderable):
    """What one signed consent form allows, for one use, for how long."""

    class Scope(models.TextChoices):
        WEBSITE = "website", _("website")
        PRINT = "print", _("print exhibition")
        SOCIAL = "social", _("social media")
        PRESS = "press", _("press")

    class Face(models.TextChoices):
        VISIBLE = "visible", _("face may be visible")
        UNRECOGNISABLE = "unrecognisable", _("face only unrecognisable")

    class NameShown(models.TextChoices):
        REAL_NAME = "real", _("real name")
        PSEUDONYM = "pseudonym", _("pseudonym")

    participant = ParentalKey(Participant, related_name="consents", on_delete=models.CASCADE)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    face = models.CharField(
        _("face"), max_length=20, choices=Face.choices, default=Face.UNRECOGNISABLE
    )
    name_shown = models.CharField(
        _("name shown"), max_length=20, choices=NameShown.choices, default=NameShown.PSEUDONYM
    )
    given_on = models.DateField(_("given on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    withdrawn_on = models.DateField(
        _("withdrawn on"),
        null=True,
        blank=True,
        help_text=_("Everything that shows the person is taken down at once."),
    )
    form = models.FileField(
        _("signed form"),
        upload_to=consent_form_upload_to,
        storage=private_storage,
        blank=True,
        validators=[FileExtensionValidator(CONSENT_FORM_EXTENSIONS)],
        help_text=_("A scan of the signed form (PDF, JPEG or PNG); only the consent team sees it."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.get_scope_display()} ({self.given_on})"

    def is_withdrawn(self, on):
        return self.withdrawn_on is not None and self.withdrawn_on <= on

    def is_expired(self, on):
        return self.expires_on is not None and self.expires_on < on

    def is_valid(self, on=None):
        on = on or timezone.localdate()
        return self.given_on <= on and not self.is_withdrawn(on) and not self.is_expired(on)
