"""The exhibition's edit form: photos added elsewhere while it was open are kept."""

from website.core.forms import SameLocaleChoicesPageForm

GALLERY = "gallery_photos"
# Form fields of a gallery row that are not the photo's own values.
FORMSET_CONTROLS = {"id", "ORDER", "DELETE"}


class ExhibitionPageForm(SameLocaleChoicesPageForm):
    """Saving a form opened before the latest revision keeps the photos added since.

    "Add photos" in another tab saves a new draft (or extends its own); the form still holds
    the gallery as it was loaded. Photos of the latest revision that the form does not post at
    all are appended to it, so no button of Wagtail's "saved a new version in another window"
    dialog drops them. A photo the editor removed in this form is still posted, marked for
    deletion, and stays removed.
    """

    def __init__(self, data=None, *args, **kwargs):
        page = kwargs.get("instance")
        kept = []
        if data is not None and page is not None and page.pk and is_out_of_date(data, page):
            kept = photos_not_posted(data, page)
            if kept:
                data = with_rows_appended(data, kept, type(self).formsets[GALLERY])
        super().__init__(data, *args, **kwargs)
        # Read by the after_edit_page hook, which is given the saved page and not the form.
        self.instance.photos_kept_from_elsewhere = len(kept)


def is_out_of_date(data, page):
    """Whether a newer revision was saved since the form loaded its own, by the rule of
    Wagtail's edit view: another id, or the same one overwritten since."""
    latest = page.latest_revision
    if latest is None:
        return False
    loaded_id = data.get("overwrite_revision_id") or data.get("loaded_revision_id")
    if not loaded_id:
        return False
    if loaded_id != str(latest.pk):
        return True
    loaded_at = data.get("loaded_revision_created_at")
    return "overwrite_revision_id" not in data and loaded_at != latest.created_at.isoformat()


def photos_not_posted(data, page):
    """The latest revision's photos whose image is in no row the form posts."""
    total = int(data.get(f"{GALLERY}-TOTAL_FORMS") or 0)
    posted = {data.get(f"{GALLERY}-{index}-image") for index in range(total)}
    latest = page.get_latest_revision_as_object()
    return [photo for photo in latest.gallery_photos.all() if str(photo.image_id) not in posted]


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
