"""The home page, the pages about the project and the footer, in code from the seed's text."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.html import format_html

from wagtail.fields import RichTextField
from wagtail.models import Locale, Page, Site

from website.core.models import (
    FooterText,
    HomePage,
    HomePageFeaturedPage,
    SiteSettings,
)

from .factories import HomePageFactory, StandardPageFactory, locales
from .helpers import (
    ensure_child,
    ensure_translation,
    in_locale,
    paragraphs_html,
    read_translations,
)
from .seed import read_sections

# The seed is German only; these are the site's own translations of its introduction.
HOME_TRANSLATIONS = {
    "en": {
        "hero_text": "An integration project in Thuringia, Germany.",
        "intro": [
            "Connecting Humans stands for overcoming socio-cultural barriers, so that people "
            "with migration and/or refugee experience find their way into the labour market and "
            "into the institutions, organisations and associations of the host society.",
            "The focus is on the different perspectives on our life together, on the "
            "participation of newcomers and on a culture of welcome. This deliberately includes "
            "controversial exchange with the various actors and their differing approaches, in "
            "order to create a common basis for action.",
        ],
        "footer": "Connecting Humans – an integration project in Thuringia.",
        "partners_heading": "On board since 2024",
    },
    "ar": {
        "hero_text": "مشروع للاندماج في ولاية تورينغن، ألمانيا.",
        "intro": [
            "يرمز مشروع Connecting Humans إلى تجاوز الحواجز الاجتماعية والثقافية، لتقريب "
            "الأشخاص ذوي تجربة الهجرة و/أو اللجوء من سوق العمل ومن مؤسسات المجتمع المستقبِل "
            "ومنظماته وجمعياته.",
            "ينصبّ التركيز على وجهات النظر المختلفة حول حياتنا المشتركة، وعلى مشاركة القادمين "
            "الجدد، وعلى ثقافة الترحيب. ويشمل ذلك أيضًا حوارًا قد يكون مثيرًا للجدل مع مختلف "
            "الفاعلين ومقارباتهم المتباينة، بهدف إرساء أساس مشترك للعمل.",
        ],
        "footer": "Connecting Humans – مشروع للاندماج في ولاية تورينغن.",
        "partners_heading": "معنا منذ عام 2024",
    },
}

ABOUT_PAGES = [
    # (slug, seed heading); "Die Projektpartnerinnen" is the partner overview of the projects.
    ("ausgangslage", "Die ursprüngliche Ausgangslage"),
    ("schwerpunkte-2024", "Die Schwerpunkte 2024"),
]
# The pages about the project, the partner overview among them, in English and Arabic, by the
# German page's slug; Arabic pages take the English slugs (see exhibitions.TRANSLATIONS).
ABOUT_TRANSLATIONS = read_translations("about-translations.json")


def ensure_home_page(sections, german, log):
    home = HomePage.objects.filter(locale=german).first()
    site = Site.objects.filter(is_default_site=True).first()
    if home is None:
        intro = sections["Connecting Humans"]
        # Wagtail's fresh install has a placeholder page as the site root: it makes way.
        placeholder = site.root_page if site else None
        if placeholder and placeholder.specific_class is Page and placeholder.is_leaf():
            site.root_page = Page.get_first_root_node()
            site.save()
            placeholder.delete()
        home, _ = ensure_child(
            Page.get_first_root_node(),
            HomePageFactory,
            "start",
            title="Connecting Humans",
            locale=german,
            hero_heading="Connecting Humans",
            hero_text="Ein Integrationsprojekt in Thüringen.",
            intro=paragraphs_html(intro.paragraphs),
            search_description=intro.paragraphs[0],
        )
        log("Startseite angelegt")
    if site is None:
        site = Site(is_default_site=True)
    # The demo is served where the admin's base URL says (in development: on $PORT), on every
    # run: a site record left at another port gives feeds and shared links the wrong address.
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    served_at = (base_url.hostname, base_url.port or (443 if base_url.scheme == "https" else 80))
    if site.root_page_id != home.pk or (site.hostname, site.port) != served_at:
        if site.root_page_id != home.pk:
            site.site_name = "Connecting Humans"
            site.root_page = home
        site.hostname, site.port = served_at
        site.save()
        log(f"Website unter {site.root_url}")
    return home


def ensure_about_pages(home, sections, log):
    overview = sections["Connecting Women - Connecting Partners"]
    about, created = ensure_child(
        home,
        StandardPageFactory,
        "ueber-das-projekt",
        title="Über das Projekt",
        intro=overview.paragraphs[0],
        show_in_menus=True,
    )
    if created:
        log("Seite „Über das Projekt“ angelegt")
    for slug, heading in ABOUT_PAGES:
        section = sections[heading]
        _, created = ensure_child(
            about,
            StandardPageFactory,
            slug,
            title=heading,
            intro=section.paragraphs[0],
            body=[{"type": "paragraph", "value": paragraphs_html(section.paragraphs[1:])}]
            if len(section.paragraphs) > 1
            else [],
            search_description=section.paragraphs[0][:300],
        )
        if created:
            log(f"Seite „{heading}“ angelegt")
    return about


def translate_about_pages(about, log):
    """The pages about the project in English and Arabic, once projects has made the overview."""
    for slug, translations in ABOUT_TRANSLATIONS.items():
        page = about if slug == about.slug else about.get_children().get(slug=slug).specific
        # The partner overview's introduction is rich text, the standard pages' plain text.
        rich = isinstance(page._meta.get_field("intro"), RichTextField)
        for code in ("en", "ar"):
            intro = translations[code]["intro"]
            ensure_translation(
                page,
                code,
                log,
                slug=translations["slug"],
                title=translations[code]["title"],
                intro=paragraphs_html([intro]) if rich else intro,
                search_description=intro[:300],
            )


def ensure_featured(home, pages):
    """The home page's hero link and featured pages, once."""
    if not home.featured_pages.exists():
        home.featured_pages.set([HomePageFeaturedPage(page=page) for page in pages])
        home.hero_link_page = home.get_children().get(slug="ueber-das-projekt")
        home.hero_link_label = "Mehr über das Projekt"
        home.partners_heading = "Seit 2024 mit an Bord"
        home.save_revision().publish()


def ensure_home_translations(home, log):
    for code, text in HOME_TRANSLATIONS.items():
        ensure_translation(
            home,
            code,
            log,
            hero_text=text["hero_text"],
            intro=paragraphs_html(text["intro"]),
            search_description=text["intro"][0],
            hero_link_page=None,
            hero_link_label="",
            partners_heading=text["partners_heading"],
            featured_pages=[],
        )


FOOTER_LINK_LABELS = {
    "de": ["Impressum", "Datenschutz", "Barrierefreiheit", "Leichte Sprache"],
    "en": ["Legal notice", "Privacy", "Accessibility", "Easy-to-read German"],
    "ar": ["بيانات الناشر", "حماية البيانات", "إمكانية الوصول", "لغة ألمانية مبسطة"],
}


def ensure_footer_and_settings(site, legal_pages):
    texts = {"de": "Connecting Humans – ein Integrationsprojekt in Thüringen."}
    texts.update({code: text["footer"] for code, text in HOME_TRANSLATIONS.items()})
    for code, text in texts.items():
        footer, _ = FooterText.objects.get_or_create(
            locale=Locale.objects.get(language_code=code),
            defaults={"text": format_html("<p>{}</p>", text)},
        )
        if not footer.links:
            # Each footer links the legal pages in its own language where there is a translation
            # (which names the German page as the binding one).
            footer.links = [
                {"type": "link", "value": {"page": page.pk, "label": label}}
                for page, label in zip(
                    in_locale(legal_pages, footer.locale), FOOTER_LINK_LABELS[code], strict=True
                )
            ]
            footer.save()
    settings = SiteSettings.for_site(site)
    if not settings.contact_email:
        # A clearly fictional example address: the seed names none.
        settings.contact_email = "kontakt@connecting-humans.example"
        settings.postal_address = "Beispieladresse (fiktiv)\nMusterstraße 1\n99084 Erfurt"
        settings.save()


def build(log):
    """The home page in three languages and the pages about the project; returns both."""
    sections = read_sections()
    home = ensure_home_page(sections, locales()["de"], log)
    about = ensure_about_pages(home, sections, log)
    ensure_home_translations(home, log)
    return home, about


def finish(home, featured, legal_pages):
    """What links to pages of the other parts: the home page's features, the footer."""
    ensure_featured(home, featured)
    ensure_footer_and_settings(Site.objects.get(is_default_site=True), legal_pages)
