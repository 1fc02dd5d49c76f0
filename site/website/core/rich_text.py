"""Rich text leaves the site without script: unsafe link schemes, event handlers and scripts go.

The editor cleans what editors type, but Wagtail renders rich text written by code (importers,
fixtures, the demo, the ORM) as it is stored, and it keeps `<a href="javascript:…">` as an
"unknown" link. Every rich text passes Wagtail's `expand_db_html`; its rewriter gets one more
step that removes, on output:

- `href`, `src`, `action`, `formaction` and `xlink:href` values whose scheme is not http, https,
  mailto or tel (after the character references and control characters that browsers ignore);
- `on…` event handler attributes;
- `<script>` elements with their content.
"""

import html
import re
from functools import cache
from html.parser import HTMLParser

import wagtail.rich_text
from wagtail.rich_text.rewriters import MultiRuleRewriter

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
# Characters browsers drop inside a URL's scheme ("jav\tascript:"), or strip around it.
IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\u2028\u2029\ufeff\ufffd]+")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Quick test: text without any of these needs no parsing.
MAYBE_UNSAFE = re.compile(r"(?i)href|src|action|\bon[a-z]+\s*=|<\s*script|xlink")


def is_safe_url(value):
    cleaned = IGNORED_IN_URL.sub("", html.unescape(value)).lower()
    match = SCHEME.match(cleaned)
    return match is None or match.group(1) in SAFE_SCHEMES


def is_safe_attribute(name, value):
    if name.startswith("on"):
        return False
    return name not in URL_ATTRIBUTES or value is None or is_safe_url(value)


class UnsafeMarkupRemover(HTMLParser):
    """Copies HTML as it is, except for the unsafe parts."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.in_script = False

    def start(self, tag, attrs, self_closing):
        if tag == "script":
            self.in_script = not self_closing
            return
        if all(is_safe_attribute(name, value) for name, value in attrs):
            self.out.append(self.get_starttag_text())
            return
        kept = "".join(
            f" {name}" if value is None else f' {name}="{html.escape(value)}"'
            for name, value in attrs
            if is_safe_attribute(name, value)
        )
        self.out.append(f"<{tag}{kept}{' /' if self_closing else ''}>")

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag, attrs):
        self.start(tag, attrs, self_closing=True)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
        elif not self.in_script:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.in_script:
            self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


class SafeLinksRewriter:
    """A step for Wagtail's rich text rewriter (it is called, and asked for references)."""

    def __call__(self, source):
        if not MAYBE_UNSAFE.search(source):
            return source
        parser = UnsafeMarkupRemover()
        parser.feed(source)
        parser.close()
        return "".join(parser.out)

    def extract_references(self, source):
        return []


def install():
    """Adds the step to the rewriter that Wagtail's `expand_db_html` looks up on every call."""
    stock_get_rewriter = wagtail.rich_text.get_rewriter
    if getattr(stock_get_rewriter, "removes_unsafe_markup", False):
        return

    @cache
    def get_rewriter():
        return MultiRuleRewriter([*stock_get_rewriter().rewriters, SafeLinksRewriter()])

    get_rewriter.removes_unsafe_markup = True
    wagtail.rich_text.get_rewriter = get_rewriter
