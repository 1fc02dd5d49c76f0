"""An editor of one section works there and cannot reach another section's objects by URL."""

import io

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

import pytest

from tests.factories import build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from tests.news.factories import NewsIndexPageFactory, publish
from website.users.sections import collect_images, section_of

from .conftest import assert_refused, snapshot

pytestmark = pytest.mark.django_db


class TestSetup:
    def test_each_section_gets_a_collection_and_a_group_holding_only_its_own_objects(
        self, sections
    ):
        group = Group.objects.get(name="Ausstellungen editors")
        page_permissions = GroupPagePermission.objects.filter(group=group)
        assert {(p.page_id, p.permission.codename) for p in page_permissions} == {
            (page.pk, f"{action}_page")
            for page in (sections.index_a, sections.index_a_en)
            for action in ("add", "change", "publish", "lock")
        }
        collection_permissions = GroupCollectionPermission.objects.filter(group=group)
        assert {p.collection.name for p in collection_permissions} == {"Ausstellungen"}
        assert {p.permission.codename for p in collection_permissions} == {
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        }
        assert [p.codename for p in group.permissions.all()] == ["access_admin"]
        root = Collection.get_first_root_node()
        assert sorted(c.name for c in root.get_children()) == ["Aktuelles", "Ausstellungen"]

    def test_the_command_is_idempotent_and_says_what_it_did(self, sections):
        counts = (
            Group.objects.count(),
            Collection.objects.count(),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
        )
        out = io.StringIO()
        call_command("setup_sections", stdout=out)
        assert "Ausstellungen: group “Ausstellungen editors”" in out.getvalue()
        assert "2 sections set up." in out.getvalue()
        assert counts == (
            Group.objects.count(),
            Collection.objects.count(),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
        )
        # A section an editor adds later gets its own collection and group on the next run.
        homes = sections.homes
        toolbox = publish(NewsIndexPageFactory(parent=homes["en"], title="News", slug="news"))
        out = io.StringIO()
        call_command("setup_sections", stdout=out)
        assert "News: collection “News”, group “News editors”" in out.getvalue()
        assert GroupPagePermission.objects.filter(group__name="News editors", page=toolbox).exists()

    def test_the_consent_group_is_left_as_it_is(self, db):
        build_site()
        consent = Group.objects.get(name="consent")
        before = sorted(consent.permissions.values_list("codename", flat=True))
        call_command("setup_sections", stdout=io.StringIO())
        assert sorted(consent.permissions.values_list("codename", flat=True)) == before
        assert not GroupPagePermission.objects.filter(group=consent).exists()


# (URL name, the page it acts on: "page" or "index", extra URL arguments)
PAGE_VIEWS = [
    ("wagtailadmin_pages:edit", "page"),
    ("wagtailadmin_pages:preview_on_edit", "page"),
    ("wagtailadmin_pages:view_draft", "page"),
    ("wagtailadmin_pages:revisions_index", "page"),
    ("wagtailadmin_pages:history", "page"),
    ("wagtailadmin_pages:copy", "page"),
    ("wagtailadmin_pages:move", "page"),
    ("wagtailadmin_pages:delete", "page"),
    ("wagtailadmin_pages:unpublish", "page"),
    ("wagtailadmin_pages:add_subpage", "index"),
    ("wagtailadmin_explore", "index"),
]


# Wagtail 8 shows revisions in the page's history; an index with one child type goes straight
# to the form for that type.
REDIRECTING = {"wagtailadmin_pages:revisions_index", "wagtailadmin_pages:add_subpage"}
GET_ONLY = {"wagtailadmin_explore"}


def page_of(sections, section, which):
    return getattr(sections, f"{which}_{section}")


def through_redirect(client, url_name, response):
    """The answer at the end of Wagtail's own redirect, if the view makes one."""
    home = reverse("wagtailadmin_home")
    if url_name in REDIRECTING and response.status_code == 302 and response["Location"] != home:
        return client.get(response["Location"])
    return response


@pytest.mark.parametrize(("url_name", "which"), PAGE_VIEWS)
def test_page_views_open_on_the_own_section_and_are_refused_on_the_other(
    editor_client, sections, url_name, which
):
    own = reverse(url_name, args=[page_of(sections, "a", which).pk])
    response = through_redirect(editor_client, url_name, editor_client.get(own))
    assert response.status_code == 200, (own, response.status_code)
    before = snapshot()
    other = reverse(url_name, args=[page_of(sections, "b", which).pk])
    assert_refused(through_redirect(editor_client, url_name, editor_client.get(other)))
    if url_name not in GET_ONLY:
        response = editor_client.post(other, {"title": "Übernommen", "slug": "uebernommen"})
        assert_refused(through_redirect(editor_client, url_name, response))
    assert snapshot() == before


def revision_urls(page):
    first, latest = page.revisions.order_by("pk")
    return [
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, first.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, latest.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", "latest"]),
    ]


def test_revisions_are_viewed_and_compared_only_in_the_own_section(editor_client, sections):
    for url in revision_urls(sections.page_a):
        assert editor_client.get(url).status_code == 200, url
    for url in revision_urls(sections.page_b):
        assert_refused(editor_client.get(url))


def test_pages_are_neither_copied_nor_moved_between_sections(editor_client, sections):
    page_a, page_b = sections.page_a, sections.page_b
    before = snapshot()
    copy_a_into_b = {
        "new_title": "Kopie",
        "new_slug": "kopie",
        "new_parent_page": sections.index_b.pk,
        "publish_copies": "on",
    }
    response = editor_client.post(
        reverse("wagtailadmin_pages:copy", args=[page_a.pk]), copy_a_into_b
    )
    # Wagtail shows the form again with an error: the destination is not offered.
    assert response.status_code in (200, 403, 302)
    copy_b_into_a = {**copy_a_into_b, "new_parent_page": sections.index_a.pk}
    assert_refused(
        editor_client.post(reverse("wagtailadmin_pages:copy", args=[page_b.pk]), copy_b_into_a)
    )
    for page, destination in ((page_a, sections.index_b), (page_b, sections.index_a)):
        url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
        assert_refused(editor_client.get(url))
        assert_refused(editor_client.post(url))
    assert snapshot() == before
    # The own page can be copied within the own section: the refusals above are not blanket.
    editor_client.post(
        reverse("wagtailadmin_pages:copy", args=[page_a.pk]),
        {**copy_a_into_b, "new_parent_page": sections.index_a.pk},
    )
    assert Page.objects.child_of(sections.index_a).filter(slug="kopie").exists()


def test_lock_and_unlock_are_refused_on_the_other_section(editor_client, sections):
    before = snapshot()
    for action in ("lock", "unlock"):
        url = reverse(f"wagtailadmin_pages:{action}", args=[sections.page_b.pk])
        assert_refused(editor_client.post(url))
    assert snapshot() == before


def chooser_html(response):
    assert response.status_code == 200, response.status_code
    return response.json()["html"]


def test_the_page_chooser_offers_only_the_own_section(editor_client, sections):
    home = sections.homes["de"]
    html = chooser_html(
        editor_client.get(reverse("wagtailadmin_choose_page_child", args=[home.pk]))
    )
    assert "Ausstellungen" in html
    assert "Aktuelles" not in html
    html = chooser_html(
        editor_client.get(reverse("wagtailadmin_choose_page_child", args=[sections.index_a.pk]))
    )
    assert "Gartenbilder" in html
    assert_refused(
        editor_client.get(reverse("wagtailadmin_choose_page_child", args=[sections.index_b.pk]))
    )
    for query in ("Sommerfest", "Gartenbilder"):
        response = editor_client.get(reverse("wagtailadmin_choose_page_search"), {"q": query})
        assert response.status_code == 200
        assert ("Sommerfest" in response.text, "Gartenbilder" in response.text) == (
            False,
            query == "Gartenbilder",
        )


@pytest.mark.parametrize(
    "url_name",
    ["wagtailimages:index", "wagtailimages_chooser:choose", "wagtaildocs_chooser:choose"],
)
def test_image_and_document_listings_show_only_the_own_collection(
    editor_client, sections, url_name
):
    response = editor_client.get(reverse(url_name))
    assert response.status_code == 200
    text = response.json()["html"] if "chooser" in url_name else response.text
    own, other = (
        ("Foto Gartenbilder", "Foto Sommerfest")
        if "images" in url_name
        else ("Ablaufplan Ausstellung", "Einladung Sommerfest")
    )
    assert own in text
    assert other not in text
    assert "Aktuelles" not in text  # not even as a collection to filter by


@pytest.mark.parametrize(
    ("url_name", "kind"),
    [
        ("wagtailimages:edit", "image"),
        ("wagtailimages:delete", "image"),
        ("wagtaildocs:edit", "doc"),
        ("wagtaildocs:delete", "doc"),
    ],
)
def test_images_and_documents_of_the_other_section_are_refused_by_url(
    editor_client, sections, url_name, kind
):
    own = getattr(sections, f"{kind}_a")
    assert editor_client.get(reverse(url_name, args=[own.pk])).status_code == 200
    before = snapshot()
    other = reverse(url_name, args=[getattr(sections, f"{kind}_b").pk])
    assert_refused(editor_client.get(other))
    assert_refused(
        editor_client.post(
            other, {"title": "Übernommen", "collection": sections.collections["Ausstellungen"].pk}
        )
    )
    assert snapshot() == before


def test_collections_are_not_listed_to_section_editors(editor_client, sections):
    assert_refused(editor_client.get(reverse("wagtailadmin_collections:index")))


def test_images_of_a_section_page_move_into_its_collection(sections):
    root = Collection.get_first_root_node()
    loose = make_image(plain_jpeg(40, 30), title="Noch ohne Sammlung")
    assert loose.collection_id == root.pk
    images = [loose.pk, sections.image_b.pk]
    # Pages outside any section move nothing; images already filed elsewhere stay there.
    assert collect_images(sections.homes["de"], images) == 0
    assert collect_images(sections.page_a, images) == 1
    loose.refresh_from_db()
    sections.image_b.refresh_from_db()
    assert loose.collection == sections.collections["Ausstellungen"]
    assert sections.image_b.collection == sections.collections["Aktuelles"]
    assert section_of(sections.index_a_en).pk == sections.index_a.pk


def test_the_explorer_leads_to_the_own_section_only(editor_client, sections):
    for url in (
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[sections.homes["de"].pk]),
    ):
        response = editor_client.get(url, follow=True)
        assert response.status_code == 200
        assert "Aktuelles" not in response.text
    home = editor_client.get(reverse("wagtailadmin_explore", args=[sections.homes["de"].pk]))
    assert "Ausstellungen" in home.text
