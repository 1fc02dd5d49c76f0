"""The header's main menu on a phone: a dropdown with JavaScript, a list of links without."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import StandardPageFactory, build_site, publish_translation

PHONE = {"width": 390, "height": 844}
SECTIONS = ["Ausgangslage", "Ziele", "Kontakt"]


@pytest.fixture
def menu_site(transactional_db):
    home = build_site()["de"]
    for title in SECTIONS:
        StandardPageFactory(parent=home, title=title, show_in_menus=True)
    return home


def menu_links(page):
    return page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link")


def test_without_javascript_the_phone_menu_shows_its_links(
    visitor_without_javascript, live_server, menu_site
):
    page = visitor_without_javascript
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("button", name="Menü")).to_have_count(0)
    expect(menu_links(page)).to_have_count(len(SECTIONS))
    for title in SECTIONS:
        expect(page.get_by_role("link", name=title)).to_be_visible()


def test_with_javascript_the_phone_menu_opens_on_demand(visitor, live_server, menu_site):
    page = visitor
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    toggle = page.get_by_role("button", name="Menü")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name=SECTIONS[0])).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    for title in SECTIONS:
        expect(page.get_by_role("link", name=title)).to_be_visible()


def test_the_phone_header_keeps_its_height_when_the_script_reveals_the_menu(
    visitor, live_server, menu_site
):
    """Laid out for the toggle before the deferred script runs, so the page does not shift
    (Lighthouse's CLS): with the script held back, the header is as high as with it."""
    page = visitor
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("button", name="Menü")).to_be_visible()
    header = page.locator(".site-header")
    height_with_script = header.bounding_box()["height"]
    page.route("**/site.js", lambda route: route.abort())
    page.goto(live_server.url + "/")
    expect(page.get_by_role("button", name="Menü")).to_be_hidden()
    assert header.bounding_box()["height"] == height_with_script


# The demo's main sections, in German and Arabic: five of them made the German menu wrap.
DEMO_SECTIONS = {
    "de": [
        "Über das Projekt",
        "Connecting Women",
        "Connecting Partners",
        "Ausstellungen",
        "Toolbox",
        "Neuigkeiten",
        "Geschichten",
    ],
    "ar": [
        "عن المشروع",
        "Connecting Women",
        "Connecting Partners",
        "المعارض",
        "صندوق الأدوات",
        "الأخبار",
        "قصص",
    ],
}
DESKTOP_WIDTHS = [1024, 1280, 1440, 1920]


@pytest.fixture
def demo_section_site(transactional_db):
    homes = build_site()
    urls = {"de": [], "ar": []}
    for german, arabic in zip(DEMO_SECTIONS["de"], DEMO_SECTIONS["ar"], strict=True):
        section = StandardPageFactory(parent=homes["de"], title=german, show_in_menus=True)
        translation = publish_translation(section, homes["ar"].locale, title=arabic)
        urls["de"].append(section.url)
        urls["ar"].append(translation.url)
    return urls


def header_rows(page):
    """The header's height, the page's overflow and the distinct top offsets of the menu links."""
    return page.evaluate(
        """() => ({
            height: document.querySelector(".site-header").getBoundingClientRect().height,
            overflow: Math.max(
                document.documentElement.scrollWidth - window.innerWidth,
                ...[...document.querySelectorAll(".site-header__inner, .site-header__inner > *")]
                    .map((part) => part.scrollWidth - part.clientWidth),
            ),
            tops: [...new Set([...document.querySelectorAll(".main-nav__list a")]
                .map((link) => Math.round(link.getBoundingClientRect().top)))],
        })"""
    )


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_header_is_one_low_row_on_every_section_page(
    visitor, live_server, demo_section_site, language
):
    page = visitor
    heights = {}
    for url in demo_section_site[language]:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(live_server.url + url)
        phone = header_rows(page)
        assert phone["height"] <= 64, (url, phone)
        for width in DESKTOP_WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            rows = header_rows(page)
            assert rows["height"] <= 80, (url, width, rows)
            assert len(rows["tops"]) == 1, (url, width, rows)
            assert rows["overflow"] <= 0, (url, width, rows)
            heights.setdefault(width, set()).add(rows["height"])
        heights.setdefault(390, set()).add(phone["height"])
    assert all(len(found) == 1 for found in heights.values()), heights


def test_the_search_opens_from_a_named_disclosure(visitor, live_server, demo_section_site):
    page = visitor
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(live_server.url + "/")
    toggle = page.locator(".site-search summary")
    expect(toggle).to_have_accessible_name("Suchen")
    expect(toggle).to_be_visible()
    field = page.get_by_role("searchbox", name="Website durchsuchen")
    expect(field).to_be_hidden()
    toggle.click()
    expect(field).to_be_focused()
    field.fill("Toolbox")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"/suche/\?q=Toolbox"))


def test_without_javascript_the_search_still_opens_and_sends(
    visitor_without_javascript, live_server, demo_section_site
):
    page = visitor_without_javascript
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    page.locator(".site-search summary").click()
    field = page.get_by_role("searchbox", name="Website durchsuchen")
    field.fill("Toolbox")
    page.get_by_role("button", name="Suchen").click()
    expect(page).to_have_url(re.compile(r"/suche/\?q=Toolbox"))
