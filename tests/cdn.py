"""A CDN for tests (the `cdn` fixture): it records the URLs it is told to forget."""

from wagtail.contrib.frontend_cache.backends import BaseBackend


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)
