"""axe-core finds no WCAG 2.1 A/AA violation on any page of the demo site, in any language, nor
on two of them in the dark scheme; and no page is wider than the window at any of the widths in
`overflow`."""

import pytest

from tests.quality.conftest import (
    EXHIBITION,
    NODE_MODULES,
    UNLISTED_VIEWS,
    pages_per_language,
    sitemap_paths,
)
from tests.quality.overflow import WIDTHS, too_wide
from tests.tools import require

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DARK_BG = "rgb(22, 21, 19)"
SETTLE = """Promise.all(document.getAnimations()
    .filter(animation => animation.effect.getComputedTiming().endTime !== Infinity)
    .map(animation => animation.finished.catch(() => null))).then(() => true)"""

pytestmark = pytest.mark.browser


def violations(page, state):
    """axe-core's findings on the page as it is now, one readable line per element."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text())
    # Colours are judged once settled, not halfway through a hover transition.
    page.evaluate(SETTLE)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{state}: {rule['id']} ({rule['impact']}) {rule['help']}\n"
        f"    {' '.join(node['target'])}: {node['html'][:200]}\n"
        f"    {node['failureSummary'].replace(chr(10), ' ')}"
        for rule in results["violations"]
        for node in rule["nodes"]
    ]


def story_with_content_note(paths, page, base_url):
    for path in paths:
        if path.startswith("/geschichten/") and path != "/geschichten/":
            page.goto(base_url + path)
            if page.locator("[data-content-note-toggle]").count():
                return path
    raise AssertionError("the demo has no story with a content note")


def dark_scheme_violations(browser, base_url):
    """The home and an exhibition page as a visitor whose system prefers a dark scheme sees them."""
    context = browser.new_context(locale="de-DE", color_scheme="dark", bypass_csp=True)
    page = context.new_page()
    found = []
    for path in ["/", EXHIBITION]:
        assert page.goto(base_url + path).status == 200
        # The dark tokens apply (--color-bg), or this would judge the light pages again.
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == DARK_BG, path
        found += violations(page, f"{path} (dark scheme)")
    context.close()
    return found


def test_no_page_has_an_axe_violation_or_is_wider_than_the_window(demo_server, browser):
    # One test for both: each loads every page of the demo, which is made anew for each test.
    require(AXE, "axe-core comes with `npm ci` (make test runs it)")
    paths = sitemap_paths()
    context = browser.new_context(locale="de-DE", bypass_csp=True)
    page = context.new_page()
    found = []
    overflowing = []

    for path in [*paths, *UNLISTED_VIEWS]:
        response = page.goto(demo_server.url + path)
        assert response.status == 200, (path, response.status)
        found += violations(page, path)
        overflowing += too_wide(page, path)

    # The exhibition's lightbox, opened by clicking a photo.
    page.goto(demo_server.url + EXHIBITION)
    page.locator("a.gallery-grid__link").first.click()
    page.locator("dialog[data-lightbox-dialog]").wait_for(state="visible")
    page.locator("dialog[data-lightbox-dialog] img").wait_for(state="visible")
    found += violations(page, f"{EXHIBITION} (lightbox open)")

    # A story's content note: images behind the gate, then all shown at once.
    story = story_with_content_note(paths, page, demo_server.url)
    found += violations(page, f"{story} (content note, images hidden)")
    page.locator("[data-content-note-toggle]").click()
    page.wait_for_function(
        "[...document.querySelectorAll('details[data-content-gate]')].every(d => d.open)"
    )
    found += violations(page, f"{story} (content note, images shown)")
    context.close()
    found += dark_scheme_violations(browser, demo_server.url)

    counts = pages_per_language(paths)
    print(  # noqa: T201 (how much was checked belongs in the test's output)
        f"axe-core: {len(paths)} pages {counts}, {len(UNLISTED_VIEWS)} other views, "
        f"an open lightbox, a content note and 2 pages in the dark scheme, {len(found)} violations"
    )
    print(  # noqa: T201
        f"overflow: the same pages and views at {WIDTHS} px, {len(overflowing)} too wide"
    )
    assert not found, f"{len(found)} axe-core violations:\n" + "\n".join(found)
    assert not overflowing, "Wider than the window:\n" + "\n".join(overflowing)
