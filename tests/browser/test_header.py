"""The header's main menu on a phone: a dropdown with JavaScript, a list of links without."""

import pytest
from playwright.sync_api import expect

from tests.factories import StandardPageFactory, build_site

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
