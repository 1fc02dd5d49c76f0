"""The demo's exhibitions: "Beulwitz designt", with photos made on the spot."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import format_html

from website.core.demo.pages import ensure_child
from website.core.demo.seed import read_sections
from website.images.models import CustomImage
from website.people.models import Person

from .demo_photos import fashion_photo
from .models import ExhibitionCredit, ExhibitionIndexPage, ExhibitionPage, GalleryPhoto, Venue

PHOTOS = 24
SEED_HEADING = "„Beulwitz designt“"


def build(home, log):
    index, created = ensure_child(
        home,
        ExhibitionIndexPage,
        "ausstellungen",
        title="Ausstellungen",
        intro="<p>Fotoausstellungen aus den Projekten von Connecting Humans.</p>",
        show_in_menus=True,
    )
    if created:
        log("Seite „Ausstellungen“ angelegt")
    if index.get_children().filter(slug="beulwitz-designt").exists():
        return
    section = read_sections()[SEED_HEADING]
    subtitle = "Fotoausstellung im Saalfelder Schloss"  # the seed runs it into its headline
    venue, _ = Venue.objects.get_or_create(name="Galerie im Saalfelder Schloss")
    images = []
    for number in range(PHOTOS):
        data, shows = fashion_photo(number)
        image = CustomImage(
            title=shows["caption"], file=ContentFile(data, name=f"beulwitz-{number + 1:02d}.jpg")
        )
        image.save()
        images.append((image, shows))
        log(f"Foto {number + 1} von {PHOTOS} erzeugt")
    today = timezone.localdate()
    exhibition = ExhibitionPage(
        slug="beulwitz-designt",
        title="Beulwitz designt",
        subtitle=subtitle,
        summary=section.paragraphs[0].removeprefix(subtitle).strip(),
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
        search_description=section.paragraphs[0],
    )
    exhibition.gallery_photos.set(
        [
            GalleryPhoto(image=image, caption=shows["caption"], alt_text=shows["alt"])
            for image, shows in images
        ]
    )
    exhibition.credits.set(
        [
            ExhibitionCredit(role=ExhibitionCredit.Role.INITIATOR, person=person)
            for person in initiators()
        ]
    )
    index.add_child(instance=exhibition)
    exhibition.tags.add("Mode", "Nachhaltigkeit", "Teilhabe")
    exhibition.save_revision().publish()
    log("Ausstellung „Beulwitz designt“ angelegt")


def initiators():
    # The two initiators the seed names, with the roles it gives them.
    return [
        Person.objects.get_or_create(name=name, defaults={"role": role})[0]
        for name, role in (
            ("Christian Uthe", "Mobile Jugendarbeit"),
            ("Martin Spitzer", "Fachplaner für Soziale Teilhabe"),
        )
    ]
