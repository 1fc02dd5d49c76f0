"""Private storage for originals and renditions: nothing in it lies under MEDIA_URL.

Files are fetched through `website.images.views.serve`, which checks who may see them.
"""

import contextlib
from functools import cache

from django.core.files.storage import FileSystemStorage, storages
from django.urls import reverse
from django.utils.encoding import filepath_to_uri


@cache
def url_prefix():
    # A gallery asks for hundreds of these URLs: resolve the view's prefix only once.
    return reverse("image_file", args=["-"])[:-1]


class PrivateURLMixin:
    def url(self, name):
        return url_prefix() + filepath_to_uri(name)


class PrivateFileSystemStorage(PrivateURLMixin, FileSystemStorage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError:
            # A full disk stops the write half-way, and Django leaves the part written so far.
            # The name was free before this call, so whatever lies there now is that part.
            with contextlib.suppress(OSError):
                self.delete(name)
            raise


try:
    from storages.backends.s3 import S3Storage
except ImportError:  # the s3 extra is not installed
    pass
else:

    class PrivateS3Storage(PrivateURLMixin, S3Storage):
        default_acl = "private"
        querystring_auth = True


def private_storage():
    return storages["private"]
