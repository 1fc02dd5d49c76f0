"""The demo's news: the seed's article about "Beulwitz designt", its news about new partners,
and two clearly marked examples."""

import datetime

from django.utils import timezone

from website.news.models import NewsPageRelatedPage

from .exhibitions import photo_text
from .factories import NewsIndexPageFactory, NewsPageFactory
from .helpers import (
    ensure_child,
    ensure_translation,
    in_locale,
    paragraphs_html,
    read_translations,
)
from .seed import read_sections

EXAMPLE = "Fiktives Beispiel der Demo-Inhalte."

# The news index and its items in English and Arabic, by the German item's slug. Arabic pages
# take the English slugs (see exhibitions.TRANSLATIONS).
TRANSLATIONS = read_translations("news-translations.json")


def news_items(sections, exhibition, projects, partner_page, toolbox):
    article = sections["„Beulwitz designt“"]
    headline, _, lead = article.paragraphs[0].partition(" Mode vereint: ")
    partners = sections["Die Projektpartnerinnen"]
    women, network = projects
    today = timezone.localdate()
    return [
        {
            "slug": "beulwitz-designt-im-saalfelder-schloss",
            "title": f"{headline}: Mode vereint",
            "summary": lead,
            "body": article.paragraphs[1:],
            "date": exhibition.start_date,
            "lead_image": exhibition.listing_image,
            "lead_image_alt": exhibition.gallery_photos.first().alt_text,
            "tags": ["Ausstellung", "Mode"],
            "related": [exhibition],
        },
        {
            "slug": "neue-projektpartner-2024",
            "title": "Neu in 2024: Viele neue Projektpartner",
            "summary": "Viele neue Projektpartner kamen hinzu!",
            "body": [*partners.paragraphs, "Das Datum dieser Meldung ist ein Beispiel."],
            "date": datetime.date(2024, 3, 1),
            "tags": ["Netzwerk"],
            "projects": [network],
            "related": [partner_page],
        },
        {
            "slug": "mentoring-runde-beginnt",
            "title": "Connecting Women: Eine neue Mentoring-Runde beginnt",
            "summary": "Mentees und Mentorinnen lernen sich bei einem ersten Treffen kennen.",
            "body": [
                "Zwölf Frauen mit Migrations- bzw. Fluchterfahrung und zwölf Mentorinnen aus "
                "Verwaltung und Unternehmen beginnen eine neue Mentoring-Runde.",
                EXAMPLE,
            ],
            "date": today - datetime.timedelta(days=10),
            "tags": ["Mentoring"],
            "projects": [women],
            "related": [women],
        },
        {
            "slug": "neue-methoden-in-der-toolbox",
            "title": "Neu in der Toolbox: Methoden zum Thema Zugehörigkeit",
            "summary": "Drei Methoden für Gruppen, die über Fremdsein und Dazugehören sprechen.",
            "body": [
                "In der Toolbox stehen drei Methoden bereit, mit denen Gruppen erfahren, was es "
                "bedeutet, als „fremd“ wahrgenommen zu werden.",
                EXAMPLE,
            ],
            "date": today - datetime.timedelta(days=3),
            "tags": ["Toolbox"],
            "projects": [women, network],
            "related": [toolbox],
        },
    ]


def build(home, exhibition, projects, partner_page, toolbox, log):
    index, created = ensure_child(
        home,
        NewsIndexPageFactory,
        "neuigkeiten",
        title="Neuigkeiten",
        intro="<p>Was in den Projekten von Connecting Humans geschieht.</p>",
        show_in_menus=True,
    )
    if created:
        log("Seite „Neuigkeiten“ angelegt")
    for item in news_items(read_sections(), exhibition, projects, partner_page, toolbox):
        if index.get_children().filter(slug=item["slug"]).exists():
            continue
        page = NewsPageFactory(
            parent=index,
            slug=item["slug"],
            title=item["title"],
            date=item["date"],
            summary=item["summary"],
            lead_image=item.get("lead_image"),
            lead_image_alt=item.get("lead_image_alt", ""),
            body=[{"type": "paragraph", "value": paragraphs_html(item["body"])}],
            search_description=item["summary"],
            related_pages=[NewsPageRelatedPage(page=related) for related in item["related"]],
            projects=item.get("projects", []),
        )
        page.tags.add(*item["tags"])
        page.save_revision().publish()
        log(f"Meldung „{item['title']}“ angelegt")
    translate(index, log)
    return index


def translate(index, log):
    for code, text in TRANSLATIONS["index"].items():
        ensure_translation(
            index, code, log, title=text["title"], slug="news", intro=f"<p>{text['intro']}</p>"
        )
    for slug, item in TRANSLATIONS["items"].items():
        for code in ("en", "ar"):
            translate_item(index.get_children().get(slug=slug).specific, code, item, log)


def translate_item(page, code, item, log):
    text = item[code]

    def adapt(translation):
        # Related pages and sub-projects in the translation's language, where they have one.
        for link in translation.related_pages.all():
            link.page = in_locale([link.page], translation.locale)[0]
            link.save(update_fields=["page"])
        translation.projects.set(in_locale(page.projects.all(), translation.locale))
        translation.tags.set(text["tags"])
        translation.lead_image_alt = photo_text("alt_texts", page.lead_image_alt, code)

    ensure_translation(
        page,
        code,
        log,
        adapt=adapt,
        slug=item["slug"],
        title=text["title"],
        summary=text["summary"],
        body=[{"type": "paragraph", "value": paragraphs_html(text["body"])}],
        search_description=text["summary"],
    )
