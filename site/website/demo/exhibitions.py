"""The demo's exhibitions: "Beulwitz designt", with photos made on the spot."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.html import format_html

from exhibitions.models import ExhibitionCredit, ExhibitionPage, GalleryPhoto, Venue
from website.people.models import Person

from .exhibition_photos import fashion_photo, garment_and_pattern
from .factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, make_image
from .helpers import ensure_child, ensure_translation
from .seed import read_sections

PHOTOS = 24
SEED_HEADING = "„Beulwitz designt“"
# The exhibition in English and Arabic; photo captions from what each photo shows.
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
        "caption": "{pattern} {garment} made from recycled fabric",
        "alt": "A {pattern} {garment} made from recycled fabric, photographed in the studio.",
        # German garment → (name, whether its adjective takes the feminine form)
        "garments": {
            "Kleid": ("dress", 0),
            "Mantel": ("coat", 0),
            "Rock": ("skirt", 0),
            "Jacke": ("jacket", 0),
            "Schal": ("scarf", 0),
        },
        "patterns": {
            "Streifen": ("Striped", "Striped"),
            "Karo": ("Checked", "Checked"),
            "Punkte": ("Polka-dot", "Polka-dot"),
            "Fischgrat": ("Herringbone", "Herringbone"),
            "Patchwork": ("Patchwork", "Patchwork"),
        },
    },
    "ar": {
        "index": "المعارض",
        "subtitle": "معرض صور في قصر زالفيلد",
        "summary": "الموضة تجمعنا: مشروع ناجح يبيّن كم يسهل الجمع بين الاستدامة والاندماج والفرح.",
        "intro": "تُعرض الآن صور الأزياء من مشروع „Beulwitz designt“ في صالة العرض بقصر زالفيلد. "
        "أطلق المشروع كريستيان أوته، المسؤول عن العمل الشبابي المتنقل، ومارتن شبيتسر، مخطط "
        "المشاركة الاجتماعية. ويعزز المشروع بشكل خاص المشاركة الثقافية للنساء والفتيات، ويقدم "
        "أنشطة جديدة لأوقات الفراغ ومؤهلات وآفاقًا مهنية.",
        "note": "ملاحظة: مواعيد هذا المعرض التجريبي أمثلة.",
        "caption": "{garment} {pattern} من أقمشة معاد استخدامها",
        "alt": "{garment} {pattern} من أقمشة معاد استخدامها، مصوَّر في الاستوديو.",
        "garments": {
            "Kleid": ("فستان", 0),
            "Mantel": ("معطف", 0),
            "Rock": ("تنورة", 1),
            "Jacke": ("سترة", 1),
            "Schal": ("وشاح", 0),
        },
        # (masculine, feminine)
        "patterns": {
            "Streifen": ("مخطط", "مخططة"),
            "Karo": ("بمربعات", "بمربعات"),
            "Punkte": ("منقّط", "منقّطة"),
            "Fischgrat": ("بنقشة عظم السمكة", "بنقشة عظم السمكة"),
            "Patchwork": ("من رقع القماش", "من رقع القماش"),
        },
    },
}


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
        ensure_translation(index, code, log, title=text["index"], intro="")
        translate_exhibition(exhibition, code, text, log)
    return exhibition


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
        garments, patterns = text["garments"], text["patterns"]
        for photo in translation.gallery_photos.all():
            garment, pattern = garment_and_pattern(photo.number - 1)
            name, feminine = garments[garment]
            adjective = patterns[pattern][feminine]
            photo.caption = text["caption"].format(garment=name, pattern=adjective)
            photo.alt_text = text["alt"].format(garment=name, pattern=adjective.lower())

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
    # The two initiators the seed names, with the roles it gives them.
    return [
        Person.objects.get_or_create(name=name, defaults={"role": role})[0]
        for name, role in (
            ("Christian Uthe", "Mobile Jugendarbeit"),
            ("Martin Spitzer", "Fachplaner für Soziale Teilhabe"),
        )
    ]
