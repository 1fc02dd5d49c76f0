import datetime

from wagtail.models import Collection, Locale, Page, Site

import factory
import wagtail_factories

from website.core.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Connecting Humans"
    slug = "start"
    hero_heading = "Connecting Humans"
    intro = "<p>Connecting Humans steht für die Überwindung soziokultureller Barrieren.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Seite {n}")
    slug = factory.Sequence(lambda n: f"seite-{n}")
    intro = "Eine Einleitung."

    class Meta:
        model = StandardPage


def locales():
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in ("de", "en", "ar")
    }


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


def publish_translation(page, locale, **fields):
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


class ExhibitionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Ausstellungen"
    slug = "ausstellungen"

    class Meta:
        model = "exhibitions.ExhibitionIndexPage"


class ExhibitionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ausstellung {n}")
    slug = factory.Sequence(lambda n: f"ausstellung-{n}")
    start_date = datetime.date(2024, 5, 1)

    class Meta:
        model = "exhibitions.ExhibitionPage"
