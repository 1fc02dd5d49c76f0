"""The admin's words: none of our German where the editor reads English or Arabic, and no English
in the German admin that a catalogue of ours could put into German.

Strings come from the .po catalogues: ours (site/locale) and Wagtail's own German ones, whose
empty entries are the English that Wagtail shows in German. What the database holds (titles,
names, Django's English permission names) is content, not the admin's words, and is left out.
"""

import html
import json
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import CharField

import wagtail

OUR_GERMAN = Path(settings.LOCALE_PATHS[0]) / "de" / "LC_MESSAGES" / "django.po"
WAGTAIL_GERMAN = sorted(Path(wagtail.__file__).parent.glob("**/locale/de/LC_MESSAGES/django.po"))
# Placeholders of Python's two formats, and markup inside a message.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
TAG = re.compile(r"<[^>]*>")
# What a browser does not show as text.
UNSHOWN = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)


def po_entries(path):
    """(msgids, msgstrs, fuzzy) of each entry of a .po file; obsolete entries are left out."""
    entries = []
    entry = None
    field = None
    fuzzy = False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith(("msgctxt", "msgid ")) and (entry is None or entry["msgstr"]):
            entry = {"msgid": [], "msgstr": [], "fuzzy": fuzzy}
            entries.append(entry)
            fuzzy = False
        if line.startswith("#") or not line.strip():
            continue
        keyword, _, value = line.partition(" ")
        if line.startswith('"'):
            value = line
        elif keyword.startswith("msgid"):
            field = entry["msgid"]
            field.append("")
        elif keyword.startswith("msgstr"):
            field = entry["msgstr"]
            field.append("")
        else:  # msgctxt
            field = None
        if field is not None:
            field[-1] += json.loads(value)
    return [(e["msgid"], e["msgstr"], e["fuzzy"]) for e in entries if e["msgid"][0]]


def long_enough(message):
    """Unmistakable in a page's text: two words or more, or at least 12 characters."""
    text = PLACEHOLDER.sub(" ", TAG.sub(" ", message)).strip()
    return len(text.split()) >= 2 or len(text) >= 12


def our_german():
    """Our German translations, and the msgids that must not show in German: all of them, but
    where the German is the same word ("Organisation" for "organisation")."""
    german, english = set(), set()
    for msgids, msgstrs, fuzzy in po_entries(OUR_GERMAN):
        translated = [] if fuzzy else [text for text in msgstrs if text]
        same = {text.lower() for text in msgids} & {text.lower() for text in translated}
        german.update(text for text in translated if text.lower() not in same)
        english.update(text for text in msgids if text.lower() not in same)
    return {text for text in german if long_enough(text)}, {t for t in english if long_enough(t)}


def wagtail_english_in_german():
    """What Wagtail's German catalogues leave in English and ours does not translate."""
    ours = {
        msgid
        for msgids, msgstrs, fuzzy in po_entries(OUR_GERMAN)
        if not fuzzy and all(msgstrs)
        for msgid in msgids
    }
    english = set()
    for path in WAGTAIL_GERMAN:
        for msgids, msgstrs, fuzzy in po_entries(path):
            if fuzzy or not all(msgstrs):
                english.update(msgid for msgid in msgids if msgid not in ours)
    return {text for text in english if long_enough(text)}


def finder(messages):
    """One pattern that finds any of the messages in a page's text, placeholders filled in."""
    patterns = []
    for message in sorted(messages, key=len, reverse=True):
        pieces = PLACEHOLDER.split(" ".join(TAG.sub(" ", message).split()))
        literal = [r"\s+".join(map(re.escape, piece.split(" "))) for piece in pieces]
        patterns.append(r"\S.{0,80}?".join(literal))
    any_of = "|".join(patterns) or r"(?!)"  # nothing to find: a pattern that never matches
    return re.compile(r"(?<!\w)(?:" + any_of + r")(?!\w)")


def database_texts():
    """The names and titles the database holds: at least four characters, choices left out."""
    texts = set()
    for model in apps.get_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, CharField) and not field.choices
        ]
        if fields:
            for row in model._base_manager.values_list(*fields):
                texts.update(value for value in row if value and len(value) >= 4)
    return texts


def shown_text(markup):
    """The text of a page as the server sends it: no scripts, styles or markup."""
    return " ".join(html.unescape(TAG.sub(" ", UNSHOWN.sub(" ", markup))).split())


class Words:
    """What must not be read: our German outside German, English fallbacks inside it."""

    def __init__(self):
        german, english = our_german()
        self.german = finder(german)
        self.english = finder(english | wagtail_english_in_german())
        self.content = finder(database_texts())

    def wrong_in(self, text, language):
        """The unwanted words in a page's text (see shown_text)."""
        unwanted = self.english if language == "de" else self.german
        text = self.content.sub(" | ", text)
        return sorted({match.group(0) for match in unwanted.finditer(text)})
