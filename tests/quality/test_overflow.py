"""No page of the demo site is wider than the window, from a small phone to a desktop, in any
language: every sitemap page and the views it does not list, each loaded once and measured at
each width by resizing the window."""

import pytest

from tests.quality.conftest import UNLISTED_VIEWS, pages_per_language, sitemap_paths

WIDTHS = [320, 390, 768, 1440]

pytestmark = pytest.mark.browser

# The page's width against the window's and, when wider, what sticks out furthest: elements and
# runs of text (a long word overflows its heading, not the heading's box), leaving out what is
# not rendered (a closed disclosure), fixed, or clipped by an ancestor's own scrolling or hiding.
MEASURE = """() => {
    const width = document.documentElement.clientWidth;
    const measured = {scrollWidth: document.documentElement.scrollWidth, innerWidth, widest: null};
    if (measured.scrollWidth <= innerWidth) return measured;
    const clipped = (element, includingItself) => {
        for (let box = includingItself ? element : element.parentElement;
             box && box !== document.documentElement; box = box.parentElement) {
            const style = getComputedStyle(box);
            if (style.overflowX !== "visible" || style.position === "fixed") return true;
        }
        return false;
    };
    const range = document.createRange();
    const walker = document.createTreeWalker(
        document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const isText = node.nodeType === Node.TEXT_NODE;
        const element = isText ? node.parentElement : node;
        if (isText) range.selectNodeContents(node);
        const box = (isText ? range : element).getBoundingClientRect();
        const over = Math.max(box.right - width, -box.left);
        if (over < 1 || (measured.widest && over < measured.widest.over)) continue;
        if (!element.checkVisibility({visibilityProperty: true})) continue;
        if (getComputedStyle(element).position === "fixed" || clipped(element, isText)) continue;
        const classes = [...element.classList].map((name) => "." + name).join("");
        measured.widest = {
            over: Math.round(over),
            element: element.localName + classes,
            text: element.textContent.trim().replace(/\\s+/g, " ").slice(0, 60),
        };
    }
    return measured;
}"""


def describe(path, width, measured):
    widest = measured["widest"] or {"element": "?", "text": "", "over": "?"}
    return (
        f"{path} at {width} px is {measured['scrollWidth']} px wide; furthest out: "
        f"<{widest['element']}> “{widest['text']}” by {widest['over']} px"
    )


def test_no_page_is_wider_than_the_window(demo_server, browser):
    paths = sitemap_paths()
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    too_wide = []
    for path in [*paths, *UNLISTED_VIEWS]:
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        response = page.goto(demo_server.url + path)
        assert response.status == 200, (path, response.status)
        page.evaluate("document.fonts.ready.then(() => true)")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            measured = page.evaluate(MEASURE)
            if measured["scrollWidth"] > measured["innerWidth"]:
                too_wide.append(describe(path, width, measured))
    context.close()

    print(  # noqa: T201 (how much was checked belongs in the test's output)
        f"overflow: {len(paths)} pages {pages_per_language(paths)} and {len(UNLISTED_VIEWS)} "
        f"other views at {WIDTHS} px, {len(too_wide)} too wide"
    )
    assert not too_wide, "Wider than the window:\n" + "\n".join(too_wide)
