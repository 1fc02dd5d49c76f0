"""The pages a publicly funded German site needs, linked from the footer.

The seed names no provider, address or people: every such detail here is a fictional example and
says so on the page.
"""

from .factories import StandardPageFactory
from .helpers import (
    ensure_child,
    ensure_translation,
    list_html,
    paragraphs_html,
    read_translations,
    translated_stream,
)

FICTIONAL = "Hinweis: Alle Namen, Anschriften und Nummern auf dieser Seite sind fiktive Beispiele."


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def text(*paragraphs):
    return {"type": "paragraph", "value": paragraphs_html(paragraphs)}


def bullets(*items):
    return {"type": "paragraph", "value": list_html(items)}


PAGES = [
    (
        "impressum",
        "Impressum",
        "Angaben zum Anbieter dieser Website nach § 5 Digitale-Dienste-Gesetz (DDG).",
        [
            text(FICTIONAL),
            heading("Anbieter"),
            text(
                "Projektträger Connecting Humans (fiktiv)",
                "Musterstraße 1, 99084 Erfurt",
                "Vertreten durch: Erika Musterfrau (fiktiv)",
            ),
            heading("Kontakt"),
            text("E-Mail: kontakt@connecting-humans.example", "Telefon: 0361 000 000 (fiktiv)"),
            heading("Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV"),
            text("Erika Musterfrau (fiktiv), Anschrift wie oben."),
            heading("Bildnachweise"),
            text(
                "Die Fotos der Ausstellung „Beulwitz designt“ in dieser Demo sind am Rechner "
                "gezeichnete Bilder von Kleidungsstücken; sie zeigen keine Menschen."
            ),
        ],
    ),
    (
        "datenschutz",
        "Datenschutz",
        "Wie diese Website mit Ihren Daten umgeht: so wenig wie möglich.",
        [
            text(FICTIONAL),
            heading("Verantwortliche Stelle"),
            text(
                "Projektträger Connecting Humans (fiktiv), Musterstraße 1, 99084 Erfurt, "
                "kontakt@connecting-humans.example"
            ),
            heading("Beim Besuch der Website"),
            text(
                "Der Server verarbeitet die technisch nötigen Angaben Ihres Browsers (IP-Adresse, "
                "Zeitpunkt, aufgerufene Adresse), um die Seiten auszuliefern und Angriffe "
                "abzuwehren. Protokolle werden nach sieben Tagen gelöscht.",
                "Für Besucherinnen und Besucher setzen wir keine Cookies, messen keine "
                "Reichweite und laden nichts von fremden Servern: Schriften, Bilder und "
                "Programme kommen von dieser Website selbst. Eingebettete Videos werden erst "
                "geladen, wenn Sie es ausdrücklich wählen.",
            ),
            heading("Fotos und Geschichten von Teilnehmenden"),
            text(
                "Wir zeigen Menschen und ihre Geschichten nur mit ihrer schriftlichen "
                "Einwilligung, für den Zweck, in den sie eingewilligt haben. Wer eine "
                "Einwilligung widerruft, verschwindet von der Website: Fotos, Geschichten und "
                "Einträge in der Suche werden sofort entfernt. Fotos werden ohne Ortsangaben und "
                "ohne Gerätedaten veröffentlicht."
            ),
            heading("Wenn Sie uns schreiben"),
            text(
                "Ihre Nachricht und Ihre Kontaktdaten nutzen wir nur, um Ihnen zu antworten, "
                "und löschen sie, wenn die Sache erledigt ist."
            ),
            heading("Ihre Rechte"),
            bullets(
                "Auskunft über Ihre gespeicherten Daten",
                "Berichtigung, Löschung und Einschränkung der Verarbeitung",
                "Widerspruch gegen die Verarbeitung und Widerruf einer Einwilligung",
                "Beschwerde bei der Aufsichtsbehörde, in Thüringen dem Landesbeauftragten für "
                "den Datenschutz und die Informationsfreiheit",
            ),
        ],
    ),
    (
        "barrierefreiheit",
        "Erklärung zur Barrierefreiheit",
        "Diese Website soll für alle nutzbar sein. Hier steht, wie weit das gelingt und wie Sie "
        "uns Barrieren melden.",
        [
            text(FICTIONAL),
            heading("Stand der Vereinbarkeit"),
            text(
                "Die Website soll die Anforderungen der Barrierefreie-Informationstechnik-"
                "Verordnung (BITV 2.0) erfüllen, also die Stufe AA der Web Content Accessibility "
                "Guidelines (WCAG) 2.1. Jede Seite wird vor der Veröffentlichung automatisch "
                "geprüft; die Bedienung mit der Tastatur und mit Screenreadern wird getestet.",
                "Die Seiten gibt es auf Deutsch, Englisch und Arabisch; arabische Seiten laufen "
                "von rechts nach links. Eine Seite erklärt die Website in Leichter Sprache.",
            ),
            heading("Was noch nicht barrierefrei ist"),
            bullets(
                "Eingebettete Videos anderer Anbieter haben nicht immer Untertitel.",
                "Ältere Arbeitsblätter der Toolbox sind PDF-Dateien, die noch nicht vollständig "
                "barrierefrei sind. Auf Wunsch schicken wir sie als Textdatei.",
            ),
            heading("Barrieren melden"),
            text(
                "Ist Ihnen eine Barriere aufgefallen? Schreiben Sie an "
                "barrierefreiheit@connecting-humans.example oder rufen Sie an: 0361 000 000 "
                "(fiktiv). Wir antworten innerhalb von zwei Wochen.",
            ),
            heading("Schlichtungsverfahren"),
            text(
                "Bekommen Sie keine zufriedenstellende Antwort, können Sie sich an die "
                "Durchsetzungsstelle für barrierefreie Informationstechnik des Landes Thüringen "
                "wenden."
            ),
        ],
    ),
    (
        "leichte-sprache",
        "Leichte Sprache",
        "Hier erklären wir diese Internet-Seite in Leichter Sprache.",
        [
            heading("Wer sind wir?"),
            text(
                "Wir heißen Connecting Humans.",
                "Das spricht man so: Kon-nek-ting Hju-mens.",
                "Wir sind ein Projekt in Thüringen.",
                "Wir helfen Menschen, die neu in Deutschland sind.",
                "Viele von ihnen sind vor Krieg geflohen.",
            ),
            heading("Was machen wir?"),
            text(
                "Wir bringen Menschen zusammen.",
                "Zum Beispiel Frauen und Betriebe.",
                "Die Frauen finden so leichter eine Arbeit.",
                "Das Projekt dafür heißt Connecting Women.",
                "Wir bringen auch Vereine, Ämter und Firmen zusammen.",
                "Das Projekt dafür heißt Connecting Partners.",
            ),
            heading("Was finden Sie auf dieser Seite?"),
            bullets(
                "Fotos von Ausstellungen.",
                "Neuigkeiten aus unseren Projekten.",
                "Ideen für Gruppen. Wir nennen das: Toolbox.",
            ),
            heading("Fotos von Menschen"),
            text(
                "Wir zeigen ein Foto von einem Menschen nur, wenn er das erlaubt.",
                "Er kann jederzeit sagen: Ich will das nicht mehr.",
                "Dann nehmen wir das Foto sofort weg.",
            ),
            heading("So erreichen Sie uns"),
            text("Schreiben Sie uns eine E-Mail: kontakt@connecting-humans.example"),
        ],
    ),
]


# The pages in English and Arabic, by the German page's slug; Arabic pages take the English slugs
# (see exhibitions.TRANSLATIONS). Each says first that its German original is the binding one.
# "Leichte Sprache" stays German: it is the site in easy-to-read German, which every footer
# offers as such. In Arabic, Unicode isolates (U+2066 … U+2069) keep e-mail addresses, phone
# numbers and an address within a sentence left to right.
TRANSLATIONS = read_translations("legal-translations.json")


def build(home, log):
    pages = []
    for slug, title, intro, body in PAGES:
        page, created = ensure_child(
            home,
            StandardPageFactory,
            slug,
            title=title,
            intro=intro,
            body=body,
            search_description=intro,
        )
        if created:
            log(f"Seite „{title}“ angelegt")
        pages.append(page)
        if slug in TRANSLATIONS["pages"]:
            translate(page, TRANSLATIONS["pages"][slug], log)
    return pages


def translate(page, translations, log):
    for code in ("en", "ar"):
        translation = translations[code]
        ensure_translation(
            page,
            code,
            log,
            slug=translations["slug"],
            title=translation["title"],
            intro=translation["intro"],
            body=[
                text(TRANSLATIONS["binding"][code]),
                *translated_stream(page.body.raw_data, translation["body"], code),
            ],
            search_description=translation["intro"],
        )
