"""The demo's exhibitions: "Beulwitz designt", with photos made on the spot."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from django.utils.html import format_html

from exhibitions.models import ExhibitionCredit, ExhibitionPage, GalleryPhoto, Venue
from website.people.models import Person

from .exhibition_photos import fashion_photo
from .factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, locales, make_image
from .helpers import ensure_child, ensure_translation
from .seed import read_sections
from .snippet_translations import ensure_snippet_translations

PHOTOS = 24
SEED_HEADING = "„Beulwitz designt“"
# The exhibition in English and Arabic. Arabic pages take the English slugs: Latin addresses
# stay short and readable when shared (Arabic ones travel percent-encoded), and /en/x and /ar/x
# name the same page. The exhibition keeps its name, "Beulwitz designt", in every language.
TRANSLATIONS = {
    "en": {
        "index": "Exhibitions",
        "subtitle": "Photo exhibition at Saalfeld Castle",
        "summary": "Fashion unites: a successful project shows how easily sustainability, "
        "integration and joy go together.",
        "intro": "The fashion photographs of the project “Beulwitz designt” are now on show in "
        "the gallery of Saalfeld Castle. Its initiators are Christian Uthe, responsible for "
        "mobile youth work, and Martin Spitzer, planner for social participation. The project "
        "especially promotes the cultural participation of women and girls and offers new "
        "leisure activities, qualifications and career prospects.",
        "note": "Note: the dates of this demo exhibition are examples.",
        "tags": ["Fashion", "Sustainability", "Participation"],
    },
    "ar": {
        "index": "المعارض",
        "subtitle": "معرض صور في قصر زالفيلد",
        "summary": "الموضة تجمعنا: مشروع ناجح يبيّن كم يسهل الجمع بين الاستدامة والاندماج والفرح.",
        "intro": "تُعرض الآن صور الأزياء من مشروع «Beulwitz designt» في صالة العرض بقصر زالفيلد. "
        "أطلق المشروع كريستيان أوته، المسؤول عن العمل الشبابي المتنقل، ومارتن شبيتسر، مخطط "
        "المشاركة الاجتماعية. ويعزز المشروع بشكل خاص المشاركة الثقافية للنساء والفتيات، ويقدم "
        "أنشطة جديدة لأوقات الفراغ ومؤهلات وآفاقًا مهنية.",
        "note": "ملاحظة: مواعيد هذا المعرض التجريبي أمثلة.",
        "tags": ["موضة", "استدامة", "مشاركة"],
    },
}
# The venue in English and Arabic: what the seed does not say is an example here too.
VENUE_TRANSLATIONS = {
    "en": {
        "name": "Gallery at Saalfeld Castle",
        "opening_hours": "Example: Tuesday to Sunday 10 am – 5 pm, closed on Mondays",
        "admission": "Example: free admission",
        "accessibility": "Example: step-free access through the side entrance, "
        "lift to the gallery, accessible toilet on the ground floor",
    },
    "ar": {
        "name": "صالة العرض في قصر زالفيلد",
        "address": "زالفيلد/زاله (Saalfeld/Saale)",
        "opening_hours": "مثال: من الثلاثاء إلى الأحد من 10 إلى 17، مغلق أيام الاثنين",
        "admission": "مثال: الدخول مجاني",
        "accessibility": "مثال: دخول دون درجات عبر المدخل الجانبي، ومصعد إلى صالة العرض، "
        "ودورة مياه مهيأة لذوي الإعاقة في الطابق الأرضي",
    },
}
# The initiators the seed names, with the roles it gives them, in German, English and Arabic.
INITIATORS = {
    "Christian Uthe": {
        "de": "Mobile Jugendarbeit",
        "en": "Mobile youth work",
        "ar": "العمل الشبابي المتنقل",
    },
    "Martin Spitzer": {
        "de": "Fachplaner für Soziale Teilhabe",
        "en": "Planner for social participation",
        "ar": "مخطط المشاركة الاجتماعية",
    },
}
# Every photo's caption and alt text in English and Arabic, by its German original.
PHOTO_TRANSLATIONS = json.loads(
    Path(__file__).with_name("beulwitz-translations.json").read_text(encoding="utf-8")
)


def photo_text(kind, german, code):
    """A photo's caption or alt text ("captions", "alt_texts") in the language, else German."""
    return PHOTO_TRANSLATIONS[kind].get(german, {}).get(code, german)


def build(home, log):
    index, created = ensure_child(
        home,
        ExhibitionIndexPageFactory,
        "ausstellungen",
        title="Ausstellungen",
        intro="<p>Fotoausstellungen aus den Projekten von Connecting Humans.</p>",
        show_in_menus=True,
    )
    if created:
        log("Seite „Ausstellungen“ angelegt")
    exhibition = ExhibitionPage.objects.child_of(index).filter(slug="beulwitz-designt").first()
    if exhibition is None:
        exhibition = add_beulwitz_designt(index, log)
    for code, text in TRANSLATIONS.items():
        ensure_translation(index, code, log, title=text["index"], slug="exhibitions", intro="")
        translate_exhibition(exhibition, code, text, log)
    translate_venue_and_initiators(log)
    return exhibition


def translate_venue_and_initiators(log):
    ensure_snippet_translations(demo_venue(), VENUE_TRANSLATIONS, log)
    for person in initiators():
        roles = INITIATORS[person.name]
        ensure_snippet_translations(
            person, {code: {"role": roles[code]} for code in ("en", "ar")}, log
        )


def add_beulwitz_designt(index, log):
    section = read_sections()[SEED_HEADING]
    subtitle = "Fotoausstellung im Saalfelder Schloss"  # the seed runs it into its headline
    venue = demo_venue()
    images = []
    for number in range(PHOTOS):
        data, shows = fashion_photo(number)
        image = make_image(data, f"beulwitz-{number + 1:02d}.jpg", title=shows["caption"])
        images.append((image, shows))
        log(f"Foto {number + 1} von {PHOTOS} erzeugt")
    summary = section.paragraphs[0].removeprefix(subtitle).strip()
    today = timezone.localdate()
    exhibition = ExhibitionPageFactory(
        parent=index,
        slug="beulwitz-designt",
        title="Beulwitz designt",
        subtitle=subtitle,
        summary=summary,
        # The seed names no dates: the demo's are examples, said so on the page.
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=60),
        venue=venue,
        intro=format_html("<p>{}</p>", section.paragraphs[1]),
        body=[
            {
                "type": "paragraph",
                "value": "<p>Hinweis: Die Termine dieser Demo-Ausstellung sind Beispieldaten.</p>",
            }
        ],
        listing_image=images[0][0],
        search_description=summary,
        # Every photo has its place: a place left empty is never saved by a reordering that
        # leaves the photo where it was.
        gallery_photos=[
            GalleryPhoto(
                image=image, caption=shows["caption"], alt_text=shows["alt"], sort_order=place
            )
            for place, (image, shows) in enumerate(images)
        ],
        credits=[
            ExhibitionCredit(role=ExhibitionCredit.Role.INITIATOR, person=person)
            for person in initiators()
        ],
    )
    exhibition.tags.add("Mode", "Nachhaltigkeit", "Teilhabe")
    exhibition.save_revision().publish()
    log("Ausstellung „Beulwitz designt“ angelegt")
    return exhibition


def demo_venue():
    """The gallery the seed names, filled in for the visit block. The seed gives its town but
    no street, hours, admission or access: those are examples and say so."""
    venue, _ = Venue.objects.get_or_create(
        name="Galerie im Saalfelder Schloss",
        locale=locales()["de"],
        defaults={
            "address": "Saalfeld/Saale",
            "opening_hours": "Beispiel: Dienstag bis Sonntag 10–17 Uhr, montags geschlossen",
            "admission": "Beispiel: Eintritt frei",
            "accessibility": "Beispiel: stufenloser Zugang über den Seiteneingang, "
            "Aufzug zur Galerie, barrierefreies WC im Erdgeschoss",
            # The town's coordinates (50°39′ N, 11°22′ E), not the castle's surveyed position.
            "latitude": Decimal("50.650000"),
            "longitude": Decimal("11.366700"),
        },
    )
    return venue


def translate_exhibition(exhibition, code, text, log):
    def translate_captions(translation):
        # The copied rows are saved one by one: the revision is made from the saved gallery.
        for photo in translation.gallery_photos.all():
            photo.caption = photo_text("captions", photo.caption, code)
            photo.alt_text = photo_text("alt_texts", photo.alt_text, code)
            photo.save(update_fields=["caption", "alt_text"])
        translation.tags.set(text["tags"])

    ensure_translation(
        exhibition,
        code,
        log,
        adapt=translate_captions,
        subtitle=text["subtitle"],
        summary=text["summary"],
        intro=format_html("<p>{}</p>", text["intro"]),
        body=[{"type": "paragraph", "value": format_html("<p>{}</p>", text["note"])}],
        search_description=text["summary"],
    )


def initiators():
    # The two initiators the seed names, German originals.
    return [
        Person.objects.get_or_create(
            name=name, locale=locales()["de"], defaults={"role": roles["de"]}
        )[0]
        for name, roles in INITIATORS.items()
    ]
