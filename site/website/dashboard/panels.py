"""The dashboard's panels by role: what is waiting for this user, in what they may change.

Each panel lists a few entries and counts them all; a panel whose work nobody in the user's
role does is not shown, one with nothing waiting says so.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.ui.components import Component
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from stories.admin_views import expiring_consents, may_see_consent
from website.images.alt_text import lacks_alt_text
from website.images.models import ImageUse

# Entries listed per panel; the heading counts them all.
SHOWN = 8
# Photos named per page in the alt text panel.
PHOTOS_NAMED = 3


@dataclass
class Link:
    text: str
    url: str | None = None


@dataclass
class Entry:
    title: Link
    notes: list = field(default_factory=list)
    count: int = 1  # how many things waiting it stands for


def editable_pages(user):
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])


class DashboardPanel(Component):
    template_name = "dashboard/panel.html"
    heading = ""
    empty_text = ""

    def __init__(self, user):
        self.user = user

    def is_for_user(self):
        return editable_pages(self.user).exists()

    def entries(self):
        raise NotImplementedError

    def more_link(self):
        """A link to the full list, where there is one."""
        return None

    def get_context_data(self, parent_context=None):
        entries = self.entries()
        total = sum(entry.count for entry in entries)
        return {
            "panel": self,
            "total": total,
            "entries": entries[:SHOWN],
            "hidden": max(len(entries) - SHOWN, 0),
            "more": self.more_link() if entries else None,
        }


class ExpiringConsentsPanel(DashboardPanel):
    name = "expiring_consents"
    order = 110
    heading = _("Consents expiring within 30 days")
    empty_text = _("No website consent ends within the next 30 days.")

    def is_for_user(self):
        return may_see_consent(self.user)

    def more_link(self):
        return Link(_("All consents expiring soon"), reverse("stories_expiring_consents"))

    def entries(self):
        return [
            Entry(
                Link(
                    consent.participant.pseudonym,
                    reverse(
                        "wagtailsnippets_stories_participant:edit", args=[consent.participant_id]
                    ),
                ),
                [Link(_("expires on %(date)s") % {"date": date_format(consent.expires_on)})],
            )
            for consent in expiring_consents()
        ]


def image_use_models():
    """The inline photo lists of pages (gallery photos, story photos), with their relation."""
    for model in apps.get_models():
        if issubclass(model, ImageUse):
            yield model, model._meta.get_field("page").remote_field


class MissingAltTextPanel(DashboardPanel):
    name = "missing_alt_text"
    order = 120
    heading = _("Photos without alternative text")
    empty_text = _("Every photo in your pages is described or marked as decorative.")

    def photos_by_page(self):
        """The photos lacking alt text in each page, as the page's latest draft has them."""
        pages = editable_pages(self.user)
        by_page = {}
        for model, relation in image_use_models():
            # Saved pages keep their photos in rows; a draft keeps its own in the revision.
            rows = model.objects.filter(
                page__in=pages.filter(has_unpublished_changes=False),
                alt_text="",
                decorative=False,
            ).select_related("image", "page")
            for photo in rows.order_by("page_id", "sort_order"):
                by_page.setdefault(photo.page, []).append(photo)
            drafts = relation.model.objects.filter(
                pk__in=pages.filter(has_unpublished_changes=True).values("pk")
            )
            for page in drafts:
                draft = page.get_latest_revision_as_object()
                photos = [
                    p
                    for p in getattr(draft, relation.related_name).all()
                    if lacks_alt_text(p.alt_text, p.decorative)
                ]
                if photos:
                    by_page[page] = photos
        return by_page

    def entries(self):
        images = policy_registry.get_by_type(get_image_model())
        changeable = set(
            images.instances_user_has_permission_for(self.user, "change").values_list(
                "pk", flat=True
            )
        )
        by_page = self.photos_by_page()
        entries = []
        for page, photos in sorted(by_page.items(), key=lambda item: -len(item[1])):
            count = ngettext(
                "%(count)s photo without alternative text",
                "%(count)s photos without alternative text",
                len(photos),
            ) % {"count": len(photos)}
            named = [
                Link(
                    photo.image.title,
                    reverse("wagtailimages:edit", args=[photo.image_id])
                    if photo.image_id in changeable
                    else None,
                )
                for photo in photos[:PHOTOS_NAMED]
            ]
            entries.append(
                Entry(
                    Link(
                        page.get_admin_display_title(),
                        reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    ),
                    [Link(count), *named],
                    count=len(photos),
                )
            )
        return entries


def edited_before(page, moment):
    """Whether the page was last edited before that moment (unknown times say nothing)."""
    edited = page.latest_revision_created_at or page.last_published_at
    return edited is not None and moment is not None and edited < moment


class OutdatedTranslationsPanel(DashboardPanel):
    """Live German pages whose translation is missing or was last edited before the German
    page was last published (an unpublished original needs no translation yet)."""

    name = "outdated_translations"
    order = 130
    heading = _("Translations missing or out of date")
    empty_text = _("Every published German page has its translations, all up to date.")

    def entries(self):
        default = Locale.get_default()
        others = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
        originals = (
            editable_pages(self.user)
            .filter(locale=default, live=True, depth__gt=1)
            .order_by("-last_published_at")
        )
        translations = {
            (page.translation_key, page.locale_id): page
            for page in Page.objects.filter(
                translation_key__in=originals.values("translation_key"), locale__in=others
            )
        }
        entries = []
        for original in originals:
            notes = []
            for locale in others:
                translation = translations.get((original.translation_key, locale.pk))
                if translation is None:
                    notes.append(
                        Link(_("%(language)s: missing") % {"language": locale.get_display_name()})
                    )
                elif edited_before(translation, original.last_published_at):
                    notes.append(
                        Link(
                            _("%(language)s: older than the German page")
                            % {"language": locale.get_display_name()},
                            reverse("wagtailadmin_pages:edit", args=[translation.pk]),
                        )
                    )
            if notes:
                entries.append(
                    Entry(
                        Link(
                            original.get_admin_display_title(),
                            reverse("wagtailadmin_pages:edit", args=[original.pk]),
                        ),
                        notes,
                    )
                )
        return entries


class SectionDraftsPanel(DashboardPanel):
    name = "section_drafts"
    order = 140
    heading = _("Drafts in your sections")
    empty_text = _("No page in your sections has unpublished changes.")

    def entries(self):
        drafts = (
            editable_pages(self.user)
            .filter(has_unpublished_changes=True)
            .select_related("locale")
            .order_by("-latest_revision_created_at")
        )
        return [
            Entry(
                Link(
                    page.get_admin_display_title(),
                    reverse("wagtailadmin_pages:edit", args=[page.pk]),
                ),
                [
                    Link(page.locale.get_display_name()),
                    Link(
                        _("saved %(date)s")
                        % {
                            "date": date_format(
                                page.latest_revision_created_at, "SHORT_DATETIME_FORMAT"
                            )
                        }
                    ),
                    *([] if page.live else [Link(_("not published yet"))]),
                ],
            )
            for page in drafts
        ]
