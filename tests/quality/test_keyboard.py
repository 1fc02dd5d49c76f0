"""Keyboard only: the skip link, every control reached by Tab with a visible focus, the lightbox."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.quality.conftest import EXHIBITION

pytestmark = pytest.mark.browser

STORY = "/geschichten/ein-neuer-anfang-in-der-werkstatt/"  # with a content note
PAGES = ["/", EXHIBITION, STORY]

# Installed before the page's own scripts. Elements get a data-probe-id so that Python can
# compare what is focusable with what Tab reached.
PROBE = """
window.keyboardProbe = (() => {
  const FOCUSABLE = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, '
    + 'summary, iframe, [tabindex], [contenteditable]';
  const RING = ['outlineStyle', 'outlineWidth', 'outlineColor', 'outlineOffset', 'boxShadow'];
  let nextId = 0;
  let last = null;

  function id(el) {
    if (!el.dataset.probeId) el.dataset.probeId = String(nextId++);
    return el.dataset.probeId;
  }
  function label(el) {
    const text = (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40);
    const href = el.getAttribute('href');
    return `<${el.tagName.toLowerCase()}${el.className ? ' class="' + el.className + '"' : ''}`
      + `${href ? ' href="' + href + '"' : ''}> ${JSON.stringify(text)}`;
  }
  // The focus indicator as drawn on the element or on one of its pseudo-elements.
  function ring(el) {
    return [null, '::before', '::after'].map(part => {
      const style = getComputedStyle(el, part);
      return RING.map(name => style[name]).join(' ');
    });
  }
  function drawn(rings) {
    return rings.some(value => {
      const [style, width] = value.split(' ');
      return (style !== 'none' && parseFloat(width) > 0) || !value.endsWith('none');
    });
  }
  function settled() {
    return Promise.all(document.getAnimations()
      .filter(animation => animation.effect.getComputedTiming().endTime !== Infinity)
      .map(animation => animation.finished.catch(() => null)));
  }
  function focusable() {
    return [...document.querySelectorAll(FOCUSABLE)].filter(el =>
      !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0
      && el.checkVisibility()  // not inside a closed disclosure
      && getComputedStyle(el).visibility === 'visible' && !el.closest('[inert]')
      && (el.tagName !== 'SUMMARY' || el.parentElement.querySelector(':scope > summary') === el)
    ).map(el => ({id: id(el), label: label(el)}));
  }
  // Where focus is now; the element focused before it is measured again, now unfocused.
  async function step() {
    await settled();
    const el = document.activeElement;
    const result = {id: null, label: null, ring: null, before: null, visible: false};
    if (last && last !== el) result.before = {id: id(last), label: label(last), ring: ring(last)};
    if (el && el !== document.body && el !== document.documentElement) {
      const box = el.getBoundingClientRect();
      const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      Object.assign(result, {id: id(el), label: label(el), ring: ring(el), drawn: drawn(ring(el)),
        visible: box.width > 1 && box.height > 1 && !!hit && (hit === el || el.contains(hit))});
    }
    last = el;
    return result;
  }
  return {focusable, step, label};
})();
"""


class FocusLog:
    """Tab stops in order, and every element whose focus was not visibly drawn."""

    def __init__(self, name):
        self.name = name
        self.focused_rings = {}
        self.failures = []

    def record(self, step):
        if step["id"] is not None:
            self.focused_rings[step["id"]] = step["ring"]
            if not step["drawn"]:
                self.failures.append(f"{self.name}: no focus indicator on {step['label']}")
        before = step["before"]
        if before and self.focused_rings.get(before["id"]) == before["ring"]:
            self.failures.append(
                f"{self.name}: focus looks the same as no focus on {before['label']}"
            )


def focused_label(page):
    return page.evaluate("keyboardProbe.label(document.activeElement)")


def press(page, key, log):
    page.keyboard.press(key)
    step = page.evaluate("keyboardProbe.step()")
    log.record(step)
    return step


@pytest.fixture
def keyboard_page(demo_server, browser):
    context = browser.new_context(locale="de-DE", bypass_csp=True)
    context.add_init_script(script=PROBE)
    page = context.new_page()
    page.base_url = demo_server.url
    yield page
    context.close()


def check_tab_order(page, path):
    """Tab from the top of the page to its end; returns failures."""
    page.goto(page.base_url + path)
    focusable = {item["id"]: item["label"] for item in page.evaluate("keyboardProbe.focusable()")}
    log = FocusLog(path)
    reached = []
    for _ in range(len(focusable) + 20):
        step = press(page, "Tab", log)
        if step["id"] is None or step["id"] in reached:  # past the end, or round again
            break
        reached.append(step["id"])
        if len(reached) == 1:
            if "skip-link" not in step["label"]:
                log.failures.append(f"{path}: the first Tab stop is {step['label']}")
            elif not step["visible"]:
                log.failures.append(f"{path}: the focused skip link is not visible")
    log.failures += [
        f"{path}: Tab never reaches {label}"
        for item_id, label in focusable.items()
        if item_id not in reached
    ]
    return log.failures


def check_skip_link(page, path):
    page.goto(page.base_url + path)
    page.keyboard.press("Tab")
    if not page.evaluate("document.activeElement.matches('a.skip-link')"):
        return [f"{path}: the skip link is not the first Tab stop"]
    page.keyboard.press("Enter")
    if not page.evaluate("document.activeElement.id === 'main'"):
        return [f"{path}: the skip link leaves focus on {focused_label(page)}"]
    page.keyboard.press("Tab")  # the next stop is the first control of the main content
    if not page.evaluate("document.activeElement.closest('main') !== null"):
        return [f"{path}: after the skip link, Tab goes to {focused_label(page)} outside <main>"]
    return []


def test_every_control_is_reached_by_tab_with_a_visible_focus(keyboard_page):
    failures = []
    for path in PAGES:
        failures += check_tab_order(keyboard_page, path)
        failures += check_skip_link(keyboard_page, path)
    assert not failures, f"{len(failures)} keyboard failures:\n" + "\n".join(failures)


def test_the_lightbox_keeps_focus_until_escape_returns_it_to_the_photo(keyboard_page):
    page = keyboard_page
    page.goto(page.base_url + EXHIBITION)
    log = FocusLog(f"{EXHIBITION} (lightbox)")
    photos_passed = 0
    while photos_passed < 3:  # Tab to the third photo
        step = press(page, "Tab", log)
        assert step["id"] is not None, "Tab never reached the third photo"
        photos_passed += "gallery-grid__link" in step["label"]
    opener = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.locator("dialog[data-lightbox-dialog]").wait_for(state="visible")
    buttons = set(
        page.evaluate(
            "[...document.querySelectorAll('dialog[open] button:not([disabled])')]"
            ".map(keyboardProbe.label)"
        )
    )

    reached = set()
    for key in ["Tab"] * 6 + ["Shift+Tab"] * 6:
        step = press(page, key, log)
        reached.add(step["label"])
        if not page.evaluate("document.activeElement.closest('dialog[open]') !== null"):
            log.failures.append(f"{log.name}: {key} leaves the open lightbox for {step['label']}")
    log.failures += [f"{log.name}: Tab never reaches {label}" for label in buttons - reached]

    page.keyboard.press("Escape")
    page.locator("dialog[data-lightbox-dialog]").wait_for(state="hidden")
    try:
        page.wait_for_function(
            f"document.activeElement.getAttribute('href') === {opener!r}", timeout=2000
        )
    except PlaywrightTimeoutError:
        log.failures.append(f"{log.name}: Escape leaves focus on {focused_label(page)}")
    assert not log.failures, f"{len(log.failures)} failures:\n" + "\n".join(log.failures)
