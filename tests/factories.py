"""Factories for the tests: the site's own, shared with the demo, and a whole site."""

from wagtail.models import Collection, Page, Site

from website.demo.factories import (
    ExhibitionIndexPageFactory,
    ExhibitionPageFactory,
    HomePageFactory,
    StandardPageFactory,
    locales,
    publish_translation,
)
from website.demo.snippet_translations import ensure_snippet_translation

__all__ = [
    "ExhibitionIndexPageFactory",
    "ExhibitionPageFactory",
    "HomePageFactory",
    "StandardPageFactory",
    "build_site",
    "locales",
    "publish_translation",
    "translate_snippet",
]


def translate_snippet(record, code, **fields):
    """The snippet's translation into the language, with these fields, as the demo makes it."""
    return ensure_snippet_translation(record, code, lambda message: None, **fields)


def build_site():
    """A German home page as the default site's root, with English and Arabic translations.

    Returns the home pages by language code.
    """
    by_code = locales()
    # After a transactional test has flushed the database, even Wagtail's roots are gone.
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=by_code["de"])
    )
    home = HomePageFactory(parent=root, locale=by_code["de"])
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    homes = {"de": home}
    for code in ("en", "ar"):
        homes[code] = publish_translation(home, by_code[code])
    return homes
