"""Names that mean something: a photo without caption is "Foto 3" on public pages, the library
names photos after the exhibition they were added to, and finds them by who made them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection, Locale

import pytest
from bs4 import BeautifulSoup

from exhibitions.models import GalleryPhoto
from tests.factories import ExhibitionPageFactory, publish_translation
from tests.images.photos import WRITTEN, phone_photo, photo_with_texts, plain_jpeg
from website.images.models import CustomImage

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(admin_client, django_capture_on_commit_callbacks):
    """Uploads one photo through the admin's single-image form; returns the stored image."""

    def post(data, title="", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                reverse("wagtailimages:add"),
                {
                    "title": title or "foto",
                    "file": SimpleUploadedFile("foto.jpg", data),
                    "collection": Collection.get_first_root_node().pk,
                    **fields,
                },
            )
        assert response.status_code == 302
        return CustomImage.objects.latest("pk")

    return post


@pytest.fixture
def add_photos(admin_client, django_capture_on_commit_callbacks):
    """Sends photos through the exhibition's "Fotos hinzufügen"."""

    def post(exhibition, *photos):
        files = [SimpleUploadedFile(f"foto-{n}.jpg", data) for n, data in enumerate(photos)]
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                reverse("exhibitions_add_photos", args=[exhibition.pk]), {"files": files}
            )
        assert response.status_code == 200

    return post


@pytest.fixture
def exhibition(make_exhibition):
    """Three photos; the second removed and the third without caption: still "Foto 3"."""
    exhibition = make_exhibition(photos=3, title="Beulwitz designt")
    first, _second, third = exhibition.gallery_photos.all()
    third.caption, third.alt_text, third.decorative = "", "", True
    exhibition.gallery_photos.set([first, third])
    exhibition.save_revision().publish()
    return exhibition


def translated(exhibition, code):
    locale = Locale.objects.get(language_code=code)
    publish_translation(exhibition.get_parent(), locale)
    return publish_translation(exhibition, locale)


@pytest.mark.parametrize(("code", "name"), [("de", "Foto 3"), ("en", "Photo 3"), ("ar", "صورة 3")])
def test_a_photo_without_caption_is_named_by_its_number_on_its_page(
    client, html, exhibition, code, name
):
    page = exhibition if code == "de" else translated(exhibition, code)
    doc = html(client.get(page.url + "foto/3/"))
    assert doc.h1.get_text(strip=True) == name
    assert doc.title.get_text().startswith(f"{name} · {page.title}")
    assert doc.select_one('meta[property="og:title"]')["content"] == f"{name} · {page.title}"


def test_the_gallery_names_a_photo_without_caption_by_its_number(client, html, exhibition):
    doc = html(client.get(exhibition.url))
    captions = [str(span.string) for span in doc.find_all(class_="lightbox__caption")]
    assert captions == ["Bild 1", "Foto 3"]
    # A decorative photo's image has no text: its link is named by the photo's name.
    assert doc.select("a[data-lightbox-item]")[1]["aria-label"] == "Foto 3"


def test_photos_added_through_fotos_hinzufuegen_are_named_after_the_exhibition(
    add_photos, make_exhibition
):
    exhibition = make_exhibition(photos=2, title="Beulwitz designt")
    add_photos(exhibition, plain_jpeg(), phone_photo("JPEG"), plain_jpeg())
    new = CustomImage.objects.order_by("-pk")[:3]
    assert [image.title for image in reversed(new)] == [
        "Beulwitz designt – Foto 3",
        "Modenschau im Schloss",  # the caption found in the photo
        "Beulwitz designt – Foto 5",
    ]


def test_a_photo_uploaded_alone_takes_the_name_of_the_first_gallery_it_joins(
    upload, make_exhibition
):
    untitled = upload(plain_jpeg())
    named = upload(plain_jpeg(), title="Eröffnung im Schlosshof")
    exhibition = make_exhibition(photos=2, title="Beulwitz designt")
    exhibition.gallery_photos.add(GalleryPhoto(image=untitled), GalleryPhoto(image=named))
    exhibition.save_revision()  # a draft is enough: the photo is in this exhibition now
    other = ExhibitionPageFactory(parent=exhibition.get_parent(), title="Andere Ausstellung")
    other.gallery_photos.add(GalleryPhoto(image=untitled))
    other.save_revision().publish()

    untitled.refresh_from_db()
    named.refresh_from_db()
    assert untitled.title == "Beulwitz designt – Foto 3"
    assert named.title == "Eröffnung im Schlosshof"


def test_an_english_exhibition_names_its_photos_in_english(add_photos, make_exhibition):
    exhibition = translated(make_exhibition(photos=1), "en")
    exhibition.title = "Beulwitz designs"
    exhibition.save_revision().publish()
    add_photos(exhibition, plain_jpeg())
    assert CustomImage.objects.latest("pk").title == "Beulwitz designs – Photo 2"


SEARCHES = {
    "creator": "Weiß",
    "creator in Cyrillic": "Смирнова",
    "caption": "Nähmaschine",
    "caption in Arabic": "خياطة",
    "copyright": "Connecting",
    "credit": "Nowak",
    "the start of a word": "Nähmasch",
}
LIBRARY_SEARCHES = ["wagtailimages:index", "wagtailimages_chooser:choose"]


@pytest.mark.parametrize("url_name", LIBRARY_SEARCHES)
@pytest.mark.parametrize("query", SEARCHES.values(), ids=list(SEARCHES))
def test_the_library_finds_a_photo_by_caption_creator_copyright_and_credit(
    admin_client, html, upload, url_name, query
):
    upload(plain_jpeg(), title="Ein anderes Foto")
    upload(
        photo_with_texts("JPEG", "exif", WRITTEN),
        title="Eröffnung im Schlosshof",
        credit="Foto: Marek Nowak",
    )
    response = admin_client.get(reverse(url_name), {"q": query})
    if response["Content-Type"] == "application/json":  # the chooser
        results = BeautifulSoup(response.json()["html"], "html.parser")
    else:
        results = html(response).select_one("#listing-results")
    text = results.get_text(" ", strip=True)
    assert "Eröffnung im Schlosshof" in text
    assert "Ein anderes Foto" not in text
