"""What one takedown did, and why, for the audit log and the daily command's output."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from ..models import Participant, Status


@dataclass
class Report:
    """What one takedown did, for the audit log and the daily command's output."""

    participant: Participant
    reason: str  # a key of REASONS
    cleaned: list = field(default_factory=list)
    unpublished: list = field(default_factory=list)
    records: list = field(default_factory=list)
    images: list = field(default_factory=list)
    renditions: int = 0

    def __bool__(self):
        return bool(self.cleaned or self.unpublished or self.records or self.renditions)

    def log_data(self):
        def pages(items):
            return [{"id": page.pk, "title": page.title} for page in items]

        return {
            "reason": self.reason,
            "pages_changed": pages(self.cleaned),
            "pages_unpublished": pages(self.unpublished),
            "records_changed": [str(obj) for obj in self.records],
            "images": [{"id": image.pk, "title": image.title} for image in self.images],
            "renditions_deleted": self.renditions,
        }

    @property
    def reason_label(self):
        return REASONS.get(self.reason, self.reason)

    def lines(self):
        for page in self.unpublished:
            yield f"unpublished page {page.pk} “{page.title}”"
        for page in self.cleaned:
            yield f"removed what shows them from page {page.pk} “{page.title}”"
        for obj in self.records:
            yield f"removed their photos from {obj._meta.verbose_name} “{obj}”"
        if self.renditions:
            yield f"deleted {self.renditions} renditions of {len(self.images)} photos"


# Why something was taken down, by the code the audit log stores.
REASONS = {
    Status.WITHDRAWN.value: gettext_lazy("consent withdrawn"),
    Status.EXPIRED.value: gettext_lazy("consent expired"),
    Status.NONE.value: gettext_lazy("no consent"),
    "face": gettext_lazy("face must be unrecognisable"),
    "deleted": gettext_lazy("participant deleted"),
}
