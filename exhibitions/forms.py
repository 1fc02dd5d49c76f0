"""The exhibition's edit form: photos added elsewhere while it was open are kept."""

from wagtail.models import Revision

from website.core.forms import SameLocaleChoicesPageForm

GALLERY = "gallery_photos"
# Form fields of a gallery row that are not the photo's own values.
FORMSET_CONTROLS = {"id", "ORDER", "DELETE"}


class ExhibitionPageForm(SameLocaleChoicesPageForm):
    """Saving a form opened on an older revision keeps the photos added since.

    "Add photos" in another tab saves a new revision; the form still holds the gallery as it
    was loaded. Photos in the latest revision that the loaded one did not have are appended to
    the submitted gallery, so no button of Wagtail's "saved a new version in another window"
    dialog drops them. Photos the editor removed in this form stay removed.
    """

    def __init__(self, data=None, *args, **kwargs):
        page = kwargs.get("instance")
        kept = []
        if data is not None and page is not None and page.pk:
            kept = photos_added_since(page, loaded_revision_id(data))
            if kept:
                data = with_rows_appended(data, kept, type(self).formsets[GALLERY])
        super().__init__(data, *args, **kwargs)
        # Read by the after_edit_page hook, which is given the saved page and not the form.
        self.instance.photos_kept_from_elsewhere = len(kept)


def loaded_revision_id(data):
    """The revision the posted form is based on: its own autosave, else the one it loaded."""
    for name in ("overwrite_revision_id", "loaded_revision_id"):
        value = data.get(name, "")
        if value.isdigit():
            return int(value)
    return None


def photos_added_since(page, revision_id):
    latest_id = page.latest_revision_id
    if revision_id is None or latest_id is None or revision_id == latest_id:
        return []
    loaded = Revision.page_revisions.filter(object_id=str(page.pk), pk=revision_id).first()
    if loaded is None:
        return []
    had = {photo.image_id for photo in loaded.as_object().gallery_photos.all()}
    latest = page.get_latest_revision_as_object()
    return [photo for photo in latest.gallery_photos.all() if photo.image_id not in had]


def with_rows_appended(data, photos, formset_class):
    """A copy of the posted data with one more gallery row per photo, at the end."""
    data = data.copy()
    total = int(data.get(f"{GALLERY}-TOTAL_FORMS") or 0)
    fields = [name for name in formset_class.form.base_fields if name not in FORMSET_CONTROLS]
    for index, photo in enumerate(photos, start=total):
        prefix = f"{GALLERY}-{index}"
        data[f"{prefix}-id"] = ""
        data[f"{prefix}-ORDER"] = str(index + 1)
        for name in fields:
            value = getattr(photo, f"{name}_id", None) or getattr(photo, name)
            if value is True:
                data[f"{prefix}-{name}"] = "on"
            elif value not in (False, None):
                data[f"{prefix}-{name}"] = str(value)
    data[f"{GALLERY}-TOTAL_FORMS"] = str(total + len(photos))
    return data
