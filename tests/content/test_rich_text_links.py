"""Rich text written by code keeps its safe links and loses script links on output.

The editor never saves a `javascript:` link, but importers, fixtures and the ORM write rich text
past it; the text is stored as written and must be cleaned where it is shown.
"""

import json
import re

from django.test import TestCase

from bs4 import BeautifulSoup

from exhibitions.models import ExhibitionIndexPage
from tests.factories import ExhibitionIndexPageFactory, StandardPageFactory, build_site
from website.core.models import StandardPage

HOSTILE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "  JAVASCRIPT:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "jav&#9;ascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;vascript:alert(1)",
    "javascript&colon;alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,alert(1)",
    "vbscript:msgbox(1)",
    "VbScRiPt:msgbox(1)",
]
# As written in the HTML → as a browser reads it.
SAFE = {
    "https://example.org/weg?a=1&amp;b=2": "https://example.org/weg?a=1&b=2",
    "/geschichten/": "/geschichten/",
    "../toolbox/": "../toolbox/",
    "mailto:team@example.org": "mailto:team@example.org",
}
# Other ways code writes a link: quoting, a ">" inside a value, an event handler.
ODD_FORMS = [
    "<a href='javascript:alert(1)'>Gefährlich einfach</a>",
    "<a href=javascript:alert(1)>Gefährlich ohne</a>",
    '<a title=">" href="javascript:alert(1)">Gefährlich versteckt</a>',
    '<a href="https://example.org/" onclick="alert(1)">Gefährlich Klick</a>',
]
UNSAFE_SCHEME = re.compile(r"^(javascript|data|vbscript):")


def rich_text(page_link_id):
    links = [f'<a href="{href}">Gefährlich {n}</a>' for n, href in enumerate(HOSTILE)]
    links += [f'<a href="{href}">Sicher {n}</a>' for n, href in enumerate(SAFE)]
    links += ODD_FORMS
    links.append(f'<a linktype="page" id="{page_link_id}">Intern</a>')
    links.append('<img src="x" onerror="alert(1)" alt="">')
    return "<p>" + " ".join(links) + "</p><script>alert(1)</script>"


def as_browser_reads(href):
    return re.sub(r"[\x00-\x20]", "", href).lower()


class RichTextFromCodeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = build_site()["de"]
        cls.index = ExhibitionIndexPageFactory(parent=home)
        cls.page = StandardPageFactory(parent=home, slug="links")
        source = rich_text(cls.index.pk)
        # Straight into the database, as an importer or a data migration would write it.
        ExhibitionIndexPage.objects.filter(pk=cls.index.pk).update(intro=source)
        StandardPage.objects.filter(pk=cls.page.pk).update(
            body=json.dumps([{"type": "paragraph", "value": source, "id": "a1"}])
        )

    def assert_clean(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        doc = BeautifulSoup(content, "html.parser")
        links = {a.get_text(): a for a in doc.find_all("a") if a.get_text().startswith(("G", "S"))}
        for n in range(len(HOSTILE)):
            href = links[f"Gefährlich {n}"].get("href", "")
            self.assertFalse(UNSAFE_SCHEME.match(as_browser_reads(href)), (HOSTILE[n], href))
        for label in ("einfach", "ohne", "versteckt", "Klick"):
            link = links[f"Gefährlich {label}"]
            self.assertFalse(UNSAFE_SCHEME.match(as_browser_reads(link.get("href", ""))))
            self.assertNotIn("onclick", link.attrs)
        for n, expected in enumerate(SAFE.values()):
            self.assertEqual(links[f"Sicher {n}"]["href"], expected)
        self.assertEqual(doc.find("a", string="Intern")["href"], self.index.url)
        self.assertFalse(doc.find_all(attrs={"onerror": True}))
        self.assertNotIn("<script>alert(1)", content)

    def test_a_rich_text_field_written_by_code(self):
        self.assertIn("javascript:", ExhibitionIndexPage.objects.get(pk=self.index.pk).intro)
        self.assert_clean(self.index.url)

    def test_a_paragraph_block_written_by_code(self):
        stored = StandardPage.objects.get(pk=self.page.pk).body.raw_data[0]["value"]
        self.assertIn("vbscript:", stored)
        self.assert_clean(self.page.url)
