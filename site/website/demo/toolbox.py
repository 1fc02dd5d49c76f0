"""The demo's Toolbox: the seed's introduction and example methods in its spirit.

The seed names no methods: these are examples written for the demo, and say so.
"""

from django.core.files.base import ContentFile
from django.utils.html import format_html

from wagtail.documents import get_document_model

from website.toolbox.models import MethodWorksheet, TargetGroup

from .factories import MethodPageFactory, ToolboxPageFactory
from .helpers import (
    ensure_child,
    ensure_translation,
    paragraphs_html,
    read_translations,
    translated_stream,
)
from .seed import read_sections

EXAMPLE_NOTE = "Beispielmethode der Demo-Inhalte."

METHODS = [
    {
        "slug": "ein-schritt-nach-vorn",
        "title": "Ein Schritt nach vorn",
        "aim": "Die Teilnehmenden erleben, wie ungleich Chancen verteilt sind, je nachdem, "
        "welche Rolle eine Gesellschaft einem Menschen zuschreibt.",
        "target_group": TargetGroup.MIXED,
        "group_size": (10, 30),
        "duration": 60,
        "materials": ["Rollenkarten, eine je Person", "Liste mit Aussagen", "Viel Platz im Raum"],
        "steps": [
            (
                "Rollen verteilen",
                "Jede Person zieht verdeckt eine Rollenkarte und liest sie "
                "still. Niemand verrät seine Rolle.",
                10,
            ),
            (
                "In Rollen einfühlen",
                "Alle stellen sich in einer Reihe auf. Die Leitung stellt "
                "Fragen zum Alltag der Rolle: Wo wohnen Sie? Wovon leben Sie?",
                10,
            ),
            (
                "Aussagen vorlesen",
                "Die Leitung liest Aussagen vor, etwa „Ich kann eine Wohnung "
                "mieten, ohne abgelehnt zu werden.“ Wer zustimmen kann, geht einen Schritt "
                "nach vorn.",
                20,
            ),
            (
                "Auswertung",
                "Alle bleiben stehen und schauen sich um, dann sprechen sie im Kreis "
                "über ihre Erfahrungen.",
                20,
            ),
        ],
        "questions": [
            "Wie hat es sich angefühlt, stehen zu bleiben, während andere nach vorn gingen?",
            "Woran haben Sie gemerkt, dass andere schneller vorankamen?",
            "Welche Rollen sind in Ihrem Alltag sichtbar, welche nicht?",
        ],
    },
    {
        "slug": "das-etikett-auf-der-stirn",
        "title": "Das Etikett auf der Stirn",
        "aim": "Die Teilnehmenden spüren, wie Zuschreibungen das Verhalten anderer lenken, ohne "
        "dass man selbst weiß, welches Etikett man trägt.",
        "target_group": TargetGroup.YOUNG_PEOPLE,
        "group_size": (8, 25),
        "duration": 30,
        "materials": ["Klebeetiketten mit Zuschreibungen wie „hilfsbedürftig“ oder „wichtig“"],
        "steps": [
            (
                "Etiketten kleben",
                "Die Leitung klebt jeder Person ein Etikett auf die Stirn, "
                "das sie selbst nicht sehen kann.",
                5,
            ),
            (
                "Gemeinsam planen",
                "Die Gruppe plant ein Fest. Alle behandeln einander so, wie es "
                "das Etikett des Gegenübers nahelegt.",
                15,
            ),
            (
                "Auflösen",
                "Bevor die Etiketten abgenommen werden, rät jede Person, was auf ihrem steht.",
                10,
            ),
        ],
        "questions": [
            "Woran haben Sie erkannt, welches Etikett Sie tragen?",
            "Welche Etiketten begegnen Menschen mit Fluchterfahrung im Alltag?",
        ],
    },
    {
        "slug": "zugehoerigkeitskreise",
        "title": "Zugehörigkeitskreise",
        "aim": "Die Teilnehmenden entdecken, wie viele Gruppen sie selbst prägen, und dass "
        "Mehrfachzugehörigkeit für alle Menschen selbstverständlich ist.",
        "target_group": TargetGroup.ADULTS,
        "group_size": (6, 24),
        "duration": 120,
        "materials": ["Arbeitsblatt „Zugehörigkeitskreise“", "Stifte in mehreren Farben"],
        "steps": [
            (
                "Kreise zeichnen",
                "Jede Person trägt in die Kreise des Arbeitsblatts Gruppen ein, "
                "zu denen sie gehört: Familie, Sprachen, Beruf, Glaube, Verein, Stadt.",
                20,
            ),
            (
                "Gewichten",
                "Die Gruppen, die heute am wichtigsten sind, kommen in den innersten "
                "Kreis. Was war vor zehn Jahren innen?",
                20,
            ),
            (
                "Austausch zu zweit",
                "Paare vergleichen ihre Kreise und suchen Gemeinsamkeiten, "
                "die sie nicht erwartet hätten.",
                30,
            ),
            (
                "Runde im Plenum",
                "Die Gruppe sammelt, welche Zugehörigkeiten von außen gesehen "
                "werden und welche nicht.",
                50,
            ),
        ],
        "questions": [
            "Welche Zugehörigkeit sieht man Ihnen an, welche nicht?",
            "Wann mussten Sie sich zwischen zwei Zugehörigkeiten entscheiden?",
            "Was braucht eine Gruppe, damit Neue dazugehören können?",
        ],
        "worksheet": (
            "Arbeitsblatt Zugehörigkeitskreise",
            "Zugehörigkeitskreise\n\n"
            "Zeichnen Sie drei Kreise ineinander.\n"
            "Innen: Gruppen, die Ihnen heute am wichtigsten sind.\n"
            "Mitte: Gruppen, zu denen Sie auch gehören.\n"
            "Außen: Gruppen, zu denen andere Sie zählen.\n",
        ),
    },
]


def worksheet(title, text, name="blatt.txt"):
    document_model = get_document_model()
    document = document_model.objects.filter(title=title).first()
    if document is None:
        document = document_model(title=title, file=ContentFile(text.encode(), name=name))
        document.save()
    return document


# The Toolbox page (the seed's text) and its methods in English and Arabic, by the German
# method's slug; Arabic pages take the English slugs (see exhibitions.TRANSLATIONS).
TRANSLATIONS = read_translations("toolbox-translations.json")


def build(home, log):
    section = read_sections()["Toolbox"]
    toolbox, created = ensure_child(
        home,
        ToolboxPageFactory,
        "toolbox",
        title="Toolbox",
        intro=paragraphs_html(section.paragraphs),
        search_description=section.paragraphs[0],
        show_in_menus=True,
    )
    if created:
        log("Seite „Toolbox“ angelegt")
    for method in METHODS:
        smallest, largest = method["group_size"]
        page, created = ensure_child(
            toolbox,
            MethodPageFactory,
            method["slug"],
            title=method["title"],
            aim=method["aim"],
            target_group=method["target_group"],
            group_size_min=smallest,
            group_size_max=largest,
            duration_minutes=method["duration"],
            materials="\n".join(method["materials"]),
            steps=[
                {
                    "type": "step",
                    "value": {
                        "title": title,
                        "instructions": format_html("<p>{}</p>", text),
                        "duration_minutes": minutes,
                    },
                }
                for title, text, minutes in method["steps"]
            ],
            reflection_questions=[
                {"type": "question", "value": question} for question in method["questions"]
            ],
            notes=format_html("<p>{}</p>", EXAMPLE_NOTE),
            search_description=method["aim"],
        )
        if created and "worksheet" in method:
            page.worksheets.set([MethodWorksheet(document=worksheet(*method["worksheet"]))])
            page.save_revision().publish()
        if created:
            log(f"Methode „{method['title']}“ angelegt")
    translate(toolbox, log)
    return toolbox


def translate(toolbox, log):
    for code, text in TRANSLATIONS["index"].items():
        ensure_translation(
            toolbox,
            code,
            log,
            title=text["title"],
            slug="toolbox",
            intro=paragraphs_html(text["intro"]),
            search_description=text["intro"][0],
        )
    for slug, method in TRANSLATIONS["methods"].items():
        page = toolbox.get_children().get(slug=slug).specific
        for code in ("en", "ar"):
            translate_method(page, code, method, log)


def translate_method(page, code, method, log):
    text = method[code]

    def adapt(translation):
        if "worksheet" in text:
            title, name, content = text["worksheet"]
            translation.worksheets.set(
                [MethodWorksheet(document=worksheet(title, content, name=name))]
            )

    ensure_translation(
        page,
        code,
        log,
        adapt=adapt,
        slug=method["slug"],
        title=text["title"],
        aim=text["aim"],
        materials="\n".join(text["materials"]),
        steps=translated_stream(page.steps.raw_data, text["steps"], code),
        reflection_questions=translated_stream(
            page.reflection_questions.raw_data, text["questions"], code
        ),
        notes=format_html("<p>{}</p>", TRANSLATIONS["note"][code]),
        search_description=text["aim"],
    )
