"""What an uploaded file's name may give away, and the titles that stand in for it.

File names often carry a person's name, and the admin's upload scripts copy the file name into
the title. Images and documents both replace such a title with a neutral one.
"""

import os
import re

# Characters that hide or reorder text: never kept from what an uploader sent.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def normalise(text):
    text = CONTROL_CHARACTERS.sub("", os.path.basename(text or ""))
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


def looks_like_file_name(title, file_name):
    title, name = normalise(title), normalise(file_name)
    stem = normalise(os.path.splitext(file_name or "")[0])
    # Django cuts file names at 255 characters; the title the admin's script made is longer.
    truncated = len(file_name or "") >= 255 and title.startswith(stem)
    return title in {name, stem} or truncated


class NeutralTitleMixin:
    """For Wagtail's image and document forms: notes in `title_from_file_name` whether a new
    file's title is empty or its file name, which the form's `clean()` then replaces."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        upload = self.files.get(self.add_prefix("file")) if self.is_bound else None
        title_key = self.add_prefix("title")
        title = self.data.get(title_key, "") if self.is_bound else ""
        self.title_from_file_name = bool(upload) and (
            not title.strip() or looks_like_file_name(title, upload.name)
        )
        if self.title_from_file_name:
            # Validate a stand-in: a 300-character file name must not fail the title's length.
            self.data = self.data.copy()
            self.data[title_key] = "…"
