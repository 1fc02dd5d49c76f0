"""Address fields take only http(s) addresses; any other address stored before shows as no link."""

import json

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from wagtail.models import Site

import pytest

from exhibitions.models import Venue
from tests.factories import StandardPageFactory, build_site
from website.core.models import SiteSettings, SocialLinkBlock, StandardPage
from website.markup import WebAddressFormField
from website.people.models import PartnerOrganisation

pytestmark = pytest.mark.django_db

REFUSED = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.org/datei.pdf",
    "file:///etc/passwd",
    "mailto:team@example.org",
]
# Stored before, by code: none of them may become a link.
STORED_BEFORE = [
    *REFUSED,
    "&#106;avascript:alert(1)",
    "\x01javascript:alert(1)",
    "\njavascript:alert(1)",
]
MESSAGES = {
    "de": "Bitte eine vollständige Webadresse eingeben, die mit https:// oder http:// beginnt.",
    "ar": "أدخل عنوان ويب كاملًا يبدأ بـ https:// أو http://.",
}


def social_links(*urls):
    return [
        {"type": "link", "value": {"label": f"Profil {n}", "url": url}}
        for n, url in enumerate(urls)
    ]


@pytest.fixture
def home():
    return build_site()["de"]


def test_code_cannot_save_another_kind_of_address(home):
    settings = SiteSettings.for_site(Site.objects.get())
    page = StandardPageFactory(parent=home, slug="eingebettet")
    for address in REFUSED:
        attempts = {
            "website": [
                PartnerOrganisation(name="Beispielverein", website=address).save,
                Venue(name="Galerie", website=address).save,
            ],
            "social_links": [],
            "body": [],
        }
        settings.social_links = social_links(address)
        attempts["social_links"].append(settings.save)
        page.body = [{"type": "embed", "value": address}]
        attempts["body"] += [
            lambda: page.save(clean=False),
            lambda: page.save_revision(clean=False),
        ]
        for field, save in [(field, save) for field, saves in attempts.items() for save in saves]:
            with translation.override("de"), pytest.raises(ValidationError) as refused:
                save()
            assert refused.value.message_dict == {field: [MESSAGES["de"]]}, (address, field)
    assert not PartnerOrganisation.objects.exists()
    assert not Venue.objects.exists()
    assert not SiteSettings.objects.get().social_links
    assert not StandardPage.objects.get(pk=page.pk).body
    assert not page.revisions.exists()


def test_web_addresses_are_saved_as_they_are(home):
    for address in ("https://www.example.org/verein/?a=1&b=2", "http://example.org"):
        partner = PartnerOrganisation.objects.create(name=address, website=address)
        assert PartnerOrganisation.objects.get(pk=partner.pk).website == address
        settings = SiteSettings.for_site(Site.objects.get())
        settings.social_links = social_links(address)
        settings.save()


def test_the_admin_form_says_what_address_it_takes(admin_client, home):
    url = reverse("wagtailsnippets_people_partnerorganisation:add")
    data = {"name": "Beispielverein", "kind": "association", "short_description": "Ein Verein."}
    for address in REFUSED:
        response = admin_client.post(url, {**data, "website": address})
        assert response.status_code == 200, address
        assert MESSAGES["de"] in response.content.decode(), address
        assert not PartnerOrganisation.objects.exists()
    # Typed without a scheme, the address is taken as https.
    admin_client.post(url, {**data, "website": "www.example.org"})
    assert PartnerOrganisation.objects.get().website == "https://www.example.org"


def test_blocks_and_fields_refuse_in_every_language():
    for language, message in MESSAGES.items():
        with translation.override(language):
            with pytest.raises(ValidationError) as refused:
                WebAddressFormField().clean("javascript:alert(1)")
            assert refused.value.messages == [message]
            with pytest.raises(ValidationError) as refused:
                SocialLinkBlock().clean({"label": "Profil", "url": "ftp://example.org/"})
            assert refused.value.block_errors["url"].messages == [message]


def test_addresses_stored_before_are_not_links(client, html, home):
    page = StandardPageFactory(parent=home, slug="eingebettet")
    StandardPage.objects.filter(pk=page.pk).update(
        body=json.dumps([{"type": "embed", "value": url} for url in STORED_BEFORE])
    )
    for n, url in enumerate(STORED_BEFORE):
        PartnerOrganisation.objects.create(name=f"Partner {n}")
        PartnerOrganisation.objects.filter(name=f"Partner {n}").update(website=url)
    PartnerOrganisation.objects.create(name="Partner sicher", website="https://example.org/")
    settings = SiteSettings.for_site(Site.objects.get())
    settings.save()
    SiteSettings.objects.filter(pk=settings.pk).update(
        social_links=json.dumps(social_links(*STORED_BEFORE, "https://social.example/@ch"))
    )

    for url in ("/", page.url):
        doc = html(client.get(url))
        hrefs = [a["href"] for a in doc.find_all("a", href=True)]
        for address in STORED_BEFORE:
            assert address not in hrefs, (url, address)
        assert not [href for href in hrefs if "alert" in href or ":msgbox" in href], url
        # Names and labels are still there, as text.
        assert f"Profil {len(STORED_BEFORE) - 1}" in doc.get_text()
        assert doc.select_one('.site-footer__social a[href="https://social.example/@ch"]')
    doc = html(client.get("/"))
    partners = {p.get_text(strip=True): p.find("a") for p in doc.select(".partner__name")}
    assert partners.pop("Partner sicher")["href"] == "https://example.org/"
    assert len(partners) == len(STORED_BEFORE)
    assert not any(partners.values())
