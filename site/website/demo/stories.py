"""The demo's stories: four fictional participants, their consents and their stories.

The seed names no participants. Everyone here is invented and marked as such: the pseudonyms say
"(Pseudonym)", the internal fields say "fiktiv", every story ends with a note that it is made up.
The pictures are drawn on the spot and show no face.
"""

import datetime
import io
import random

from django.utils import timezone
from django.utils.html import format_html

from PIL import Image, ImageDraw, ImageFilter

from exhibitions.models import ExhibitionPage
from stories.models import Consent, Participant, StoryPhoto
from website.projects.models import ProjectPage

from .factories import StoryIndexPageFactory, StoryPageFactory, make_image
from .helpers import (
    ensure_child,
    ensure_translation,
    in_locale,
    paragraphs_html,
    read_translations,
    translated_stream,
)

EXAMPLE = "Fiktives Beispiel der Demo-Inhalte: Person, Name und Geschichte sind erfunden."

# pseudonym → internal record, sub-project slug, consent (face, days since given, days left).
PARTICIPANTS = {
    "Amal (Pseudonym)": {
        "languages": "Arabisch, Deutsch",
        "project": "connecting-women",
        "face": Consent.Face.UNRECOGNISABLE,
        "given": 120,
        "expires": 600,
    },
    "Dawit (Pseudonym)": {
        "languages": "Tigrinya, Englisch, Deutsch",
        "project": "connecting-partners",
        "face": Consent.Face.UNRECOGNISABLE,
        "given": 90,
        "expires": None,
    },
    # Expires within 30 days: the admin lists it as expiring soon.
    "Nasrin (Pseudonym)": {
        "languages": "Persisch, Deutsch",
        "project": "connecting-women",
        "face": Consent.Face.UNRECOGNISABLE,
        "given": 340,
        "expires": 20,
    },
    "Olena (Pseudonym)": {
        "languages": "Ukrainisch, Russisch, Deutsch",
        "project": "connecting-partners",
        "face": Consent.Face.VISIBLE,
        "given": 60,
        "expires": 700,
    },
}


def paragraph(*texts):
    return {"type": "paragraph", "value": paragraphs_html(texts)}


def bilingual(language, german, own):
    return {
        "type": "bilingual",
        "value": {
            "text": format_html("<p>{}</p>", german),
            "language": language,
            "own_text": format_html("<p>{}</p>", own),
        },
    }


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


STORIES = [
    {
        "slug": "naehen-verbindet",
        "title": "Nähen verbindet",
        "participant": "Amal (Pseudonym)",
        "teaser": "Amal kam ohne Deutschkenntnisse nach Saalfeld. In der offenen Nähwerkstatt "
        "fand sie Freundinnen – und eine Aufgabe.",
        "quote": "Mit Nadel und Faden habe ich hier meine ersten Freundinnen gefunden.",
        "tags": ["Ankommen", "Sprache", "Mode"],
        "portrait": ((176, 112, 86), (66, 52, 60), "Eine Frau mit Kopftuch, von hinten gezeichnet"),
        "body": [
            paragraph(
                "Amal erzählt ihre Geschichte auf Deutsch und auf Arabisch, der Sprache, in der "
                "sie aufgewachsen ist."
            ),
            bilingual(
                "ar",
                "Als ich nach Saalfeld kam, kannte ich niemanden. In der offenen Nähwerkstatt "
                "saß ich zum ersten Mal wieder an einer Nähmaschine.",
                "عندما وصلت إلى زالفيلد لم أكن أعرف أحدًا. في ورشة الخياطة المفتوحة جلست لأول "
                "مرة من جديد أمام ماكينة خياطة.",
            ),
            bilingual(
                "ar",
                "Heute zeige ich anderen Frauen, wie man ein Schnittmuster liest. Wir sprechen "
                "Deutsch und Arabisch durcheinander – und verstehen uns.",
                "اليوم أُعلّم نساءً أخريات كيف يقرأن أنماط الخياطة. نتحدث الألمانية والعربية "
                "معًا، ونفهم بعضنا.",
            ),
            paragraph(EXAMPLE),
        ],
        "exhibition": True,
    },
    {
        "slug": "ein-neuer-anfang-in-der-werkstatt",
        "title": "Ein neuer Anfang in der Werkstatt",
        "participant": "Dawit (Pseudonym)",
        "teaser": "Dawit erzählt von seiner Flucht und davon, wie er in einem Handwerksbetrieb "
        "Fuß gefasst hat.",
        "quote": "In der Werkstatt fragt niemand, woher ich komme, sondern was ich kann.",
        "content_note": "Flucht, Gewalt, Verlust",
        "tags": ["Flucht", "Arbeit"],
        "portrait": ((92, 110, 120), (34, 40, 46), "Ein Mann, von hinten gezeichnet"),
        "scenes": [
            ((196, 150, 110), (92, 84, 70), "Ein Weg durch trockenes Land in der Abendsonne"),
            ((150, 170, 180), (70, 86, 70), "Eine Werkbank mit Werkzeug, gezeichnet"),
        ],
        "body": [
            paragraph(
                "Dawit war zwei Jahre unterwegs, bevor er in Thüringen ankam. Über die Zeit der "
                "Flucht spricht er nur wenig: über Nächte im Freien, über Menschen, die er "
                "unterwegs verloren hat."
            ),
            "scene-0",
            heading("Ankommen"),
            paragraph(
                "Über Connecting Partners lernte er einen Handwerksbetrieb kennen. Nach einem "
                "Praktikum begann er dort eine Ausbildung zum Tischler.",
                EXAMPLE,
            ),
        ],
        "photos": ["scene-1"],
    },
    {
        "slug": "mentoring-auf-augenhoehe",
        "title": "Mentoring auf Augenhöhe",
        "participant": "Nasrin (Pseudonym)",
        "teaser": "Nasrin war Lehrerin. Mit ihrer Mentorin sucht sie den Weg zurück in den Beruf.",
        "quote": "Meine Erfahrung ist auch hier etwas wert.",
        "tags": ["Mentoring", "Sprache"],
        "portrait": ((128, 150, 124), (52, 60, 48), "Eine Frau mit Schal, von hinten gezeichnet"),
        "body": [
            bilingual(
                "fa",
                "Meine Mentorin arbeitet in der Stadtverwaltung. Einmal im Monat trinken wir Tee "
                "und sprechen über meine Bewerbungen.",
                "منتور من در شهرداری کار می‌کند. ماهی یک بار با هم چای می‌نوشیم و درباره‌ی "
                "درخواست‌های کاری‌ام صحبت می‌کنیم.",
            ),
            bilingual(
                "fa",
                "Ich habe gelernt, dass meine Erfahrung als Lehrerin auch hier etwas wert ist.",
                "یاد گرفتم که تجربه‌ی من به‌عنوان معلم اینجا هم ارزش دارد.",
            ),
            paragraph(EXAMPLE),
        ],
    },
    {
        "slug": "vom-praktikum-zur-ausbildung",
        "title": "Vom Praktikum zur Ausbildung",
        "participant": "Olena (Pseudonym)",
        "teaser": "Olena hat in drei Monaten Praktikum gezeigt, was sie kann. Jetzt beginnt ihre "
        "Ausbildung.",
        "quote": "Ich wollte nicht warten, ich wollte arbeiten.",
        "tags": ["Arbeit", "Ausbildung"],
        "body": [
            bilingual(
                "uk",
                "Nach drei Monaten Praktikum hat mir der Betrieb einen Ausbildungsplatz angeboten.",
                "Після трьох місяців практики підприємство запропонувало мені місце для навчання.",
            ),
            paragraph(EXAMPLE),
        ],
    },
]


def jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def gradient(size, top, bottom):
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / (height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    return image


def portrait_picture(background, figure, size=(1200, 1500)):
    """A figure seen from behind against a soft background: no face, no likeness."""
    width, height = size
    light = tuple(min(255, c + 70) for c in background)
    image = gradient(size, light, background)
    draw = ImageDraw.Draw(image)
    head = width * 0.17
    centre, head_y = width / 2, height * 0.4
    draw.ellipse([width * 0.12, height * 0.6, width * 0.88, height * 1.3], fill=figure)  # shoulders
    draw.ellipse(
        [centre - head, head_y - head * 1.15, centre + head, head_y + head * 1.15], fill=figure
    )
    return jpeg(image.filter(ImageFilter.GaussianBlur(2)))


def scene_picture(sky, ground, seed, size=(1600, 1067)):
    """A landscape of soft hills: no people."""
    width, height = size
    rng = random.Random(seed)  # noqa: S311 (reproducible pictures, not secrets)
    image = gradient(size, tuple(min(255, c + 50) for c in sky), sky)
    draw = ImageDraw.Draw(image)
    for layer in range(3):
        base = height * (0.55 + 0.12 * layer)
        shade = tuple(max(0, c - 25 * layer) for c in ground)
        points = [(0, height)]
        for step in range(9):
            points.append((width * step / 8, base - rng.uniform(0, height * 0.12)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    return jpeg(image.filter(ImageFilter.GaussianBlur(1.5)))


def drawn_image(title, data, participant, name):
    # Drawn figures, seen from behind: no face to recognise.
    image = make_image(data, name, title=title, description=title, faces_unrecognisable=True)
    # The image's record of who it shows drives the consent checks.
    image.participants.add(participant)
    return image


def ensure_participant(pseudonym, record, projects, log):
    participant = Participant.objects.filter(pseudonym=pseudonym).first()
    if participant:
        return participant
    today = timezone.localdate()
    participant = Participant(
        pseudonym=pseudonym,
        real_name=f"Fiktive Person {pseudonym.split()[0]} (Demo, fiktiv)",
        contact="Fiktiver Kontakt, nur intern (Demo)",
        languages=record["languages"],
        sub_project=projects.get(record["project"]),
    )
    participant.consents.set(
        [
            Consent(
                scope=Consent.Scope.WEBSITE,
                face=record["face"],
                name_shown=Consent.NameShown.PSEUDONYM,
                given_on=today - datetime.timedelta(days=record["given"]),
                expires_on=today + datetime.timedelta(days=record["expires"])
                if record["expires"] is not None
                else None,
                notes="Fiktive Einwilligung der Demo-Inhalte.",
            )
        ]
    )
    participant.save()
    log(f"Teilnehmende „{pseudonym}“ angelegt (fiktiv)")
    return participant


def add_story(index, story, participant, exhibition, log):
    images = {}
    for number, (sky, ground, title) in enumerate(story.get("scenes", [])):
        data = scene_picture(sky, ground, seed=f"{story['slug']}-{number}")
        images[f"scene-{number}"] = drawn_image(
            title, data, participant, f"{story['slug']}-{number + 1}.jpg"
        )
    portrait = None
    if "portrait" in story:
        background, figure, title = story["portrait"]
        portrait = drawn_image(
            title, portrait_picture(background, figure), participant, f"{story['slug']}.jpg"
        )
    body = [
        {"type": "image", "value": {"image": images[item].pk, "alt_text": images[item].title}}
        if isinstance(item, str)
        else item
        for item in story["body"]
    ]
    page = StoryPageFactory(
        parent=index,
        slug=story["slug"],
        title=story["title"],
        participant=participant,
        teaser=story["teaser"],
        quote=story["quote"],
        content_note=story.get("content_note", ""),
        portrait=portrait,
        portrait_alt=portrait.title if portrait else "",
        body=body,
        search_description=story["teaser"],
        photos=[
            StoryPhoto(image=images[name], caption=images[name].title, alt_text=images[name].title)
            for name in story.get("photos", [])
        ],
        exhibitions=[exhibition] if story.get("exhibition") and exhibition else [],
    )
    page.tags.add(*story["tags"])
    page.save_revision().publish()
    log(f"Geschichte „{story['title']}“ angelegt")


def build(home, log):
    index, created = ensure_child(
        home,
        StoryIndexPageFactory,
        "geschichten",
        title="Geschichten",
        intro="<p>Teilnehmende von Connecting Women und Connecting Partners erzählen, "
        "unter einem Pseudonym und mit ihrer Einwilligung.</p>",
        show_in_menus=True,
    )
    if created:
        log("Seite „Geschichten“ angelegt")
    projects = {
        project.slug: project for project in ProjectPage.objects.filter(locale_id=home.locale_id)
    }
    exhibition = ExhibitionPage.objects.filter(locale_id=home.locale_id).first()
    for story in STORIES:
        participant = ensure_participant(
            story["participant"], PARTICIPANTS[story["participant"]], projects, log
        )
        if not index.get_children().filter(slug=story["slug"]).exists():
            add_story(index, story, participant, exhibition, log)
    translate(index, log)
    return index


# The index and the stories in English and Arabic; Arabic pages take the English slugs (see
# exhibitions.TRANSLATIONS). A participant's own words stay beside the translation; in their own
# language (Amal's on the Arabic page) they are the text itself.
TRANSLATIONS = read_translations("stories-translations.json")


def translate(index, log):
    for code, text in TRANSLATIONS["index"].items():
        ensure_translation(
            index, code, log, title=text["title"], slug="stories", intro=f"<p>{text['intro']}</p>"
        )
    for slug, story in TRANSLATIONS["stories"].items():
        page = index.get_children().get(slug=slug).specific
        for code in ("en", "ar"):
            translate_story(page, code, story, log)


def translate_story(page, code, story, log):
    text = story[code]

    def adapt(translation):
        translation.exhibitions.set(in_locale(page.exhibitions.all(), translation.locale))
        translation.tags.set(text["tags"])
        # The copied rows are saved one by one: the revision is made from the saved photos.
        for photo, words in zip(translation.photos.all(), text.get("photos", []), strict=True):
            photo.caption = photo.alt_text = words
            photo.save(update_fields=["caption", "alt_text"])

    ensure_translation(
        page,
        code,
        log,
        adapt=adapt,
        slug=story["slug"],
        title=text["title"],
        teaser=text["teaser"],
        quote=text["quote"],
        content_note=text.get("content_note", ""),
        portrait_alt=text.get("portrait_alt", ""),
        body=translated_stream(page.body.raw_data, text["body"], code),
        search_description=text["teaser"],
    )
