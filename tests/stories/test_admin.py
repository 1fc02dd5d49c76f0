"""The consent team alone sees consent records and forms; every editor sees the status."""

import datetime

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from wagtail.users.models import UserProfile

import pytest
from bs4 import BeautifulSoup

from stories.models import Consent, Participant
from tests.factories import build_site
from website.projects.models import ProjectPage

from .consent_helpers import (
    DAY,
    REAL_NAME,
    TODAY,
    exhibition_with,
    form_data,
    make_participant,
    photo_of,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% signed consent form\n"


def user_in(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    # The admin speaks English to them, so that the tests read its English labels.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(user_in(django_user_model, "Editors", "redakteurin"))
    return client


@pytest.fixture
def consent_team(client, django_user_model):
    client.force_login(user_in(django_user_model, "consent", "einwilligungen"))
    return client


@pytest.fixture
def zuhal():
    participant = make_participant("Zuhal")
    consent = participant.consents.get()
    consent.form.save("Zuhal Echtname Einwilligung.pdf", ContentFile(PDF))
    return participant


def edit_url(participant):
    return reverse("wagtailsnippets_stories_participant:edit", args=[participant.pk])


def list_url():
    return reverse("wagtailsnippets_stories_participant:list")


def form_url(consent):
    return reverse("stories_consent_form", args=[consent.pk])


def test_editors_see_the_status_but_no_consent_record_or_internal_field(editor, zuhal):
    response = editor.get(edit_url(zuhal))

    assert response.status_code == 200
    text = response.content.decode()
    doc = BeautifulSoup(text, "html.parser")
    assert doc.select_one("[data-consent-status=valid]") is not None
    assert doc.find(attrs={"name": "consents-TOTAL_FORMS"}) is None
    assert doc.find(attrs={"name": "real_name"}) is None
    assert doc.find(attrs={"name": "contact"}) is None
    assert REAL_NAME not in text
    assert "signed form" not in text and form_url(zuhal.consents.get()) not in text


def test_editors_cannot_change_consent_or_internal_fields_by_posting_them(editor, zuhal):
    consent = zuhal.consents.get()
    data = form_data(editor.get(edit_url(zuhal)))
    data.update(
        {
            "languages": "Kurdisch, Deutsch",
            "real_name": "Überschrieben",
            "consents-TOTAL_FORMS": "1",
            "consents-INITIAL_FORMS": "1",
            "consents-0-id": str(consent.pk),
            "consents-0-scope": "website",
            "consents-0-face": "visible",
            "consents-0-name_shown": "real",
            "consents-0-given_on": str(TODAY - 10 * DAY),
            "consents-0-withdrawn_on": str(TODAY),
            "consents-0-DELETE": "",
        }
    )

    response = editor.post(edit_url(zuhal), data)

    assert response.status_code == 302
    zuhal.refresh_from_db()
    assert zuhal.languages == "Kurdisch, Deutsch"
    assert zuhal.real_name.startswith(REAL_NAME)
    consent.refresh_from_db()
    assert consent.withdrawn_on is None and consent.name_shown == "pseudonym"


def test_editors_cannot_download_signed_forms(editor, zuhal):
    response = editor.get(form_url(zuhal.consents.get()))
    assert response.status_code == 403


def test_signed_forms_are_private_and_named_by_no_one(client, admin_client, zuhal):
    consent = zuhal.consents.get()
    assert consent.form.name.startswith("consent-forms/")
    assert "Zuhal" not in consent.form.name and "Echtname" not in consent.form.name
    # The storage's URL leads to the image view, which serves no such file to anyone.
    assert client.get(consent.form.url).status_code == 404
    assert admin_client.get(consent.form.url).status_code == 404
    assert client.get(form_url(consent)).status_code == 302  # to the admin's login


def test_the_consent_team_sees_and_edits_consents_and_forms(
    consent_team, zuhal, django_capture_on_commit_callbacks
):
    consent = zuhal.consents.get()
    download = consent_team.get(form_url(consent))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "no-store" in download["Cache-Control"]
    assert "attachment" in download["Content-Disposition"]
    assert "Zuhal" not in download["Content-Disposition"]

    page = consent_team.get(edit_url(zuhal))
    text = page.content.decode()
    assert REAL_NAME in text
    assert form_url(consent) in text

    data = form_data(page)
    data.update(
        {
            "consents-TOTAL_FORMS": "2",
            "consents-1-id": "",
            "consents-1-scope": "press",
            "consents-1-face": "unrecognisable",
            "consents-1-name_shown": "pseudonym",
            "consents-1-given_on": str(TODAY),
            "consents-1-expires_on": "",
            "consents-1-withdrawn_on": "",
            "consents-1-notes": "Nur Lokalpresse",
            "consents-1-ORDER": "2",
            "consents-1-DELETE": "",
            "consents-1-form": SimpleUploadedFile("Zuhal Presse.pdf", PDF),
            "consents-0-withdrawn_on": str(TODAY),
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = consent_team.post(edit_url(zuhal), data)

    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY
    press = zuhal.consents.get(scope=Consent.Scope.PRESS)
    assert press.notes == "Nur Lokalpresse" and press.form.name.startswith("consent-forms/")
    assert Participant.objects.get(pk=zuhal.pk).status == "withdrawn"


def test_forms_must_be_pdf_or_scans(consent_team, zuhal):
    data = form_data(consent_team.get(edit_url(zuhal)))
    data["consents-0-form"] = SimpleUploadedFile("formular.html", b"<script>alert(1)</script>")
    response = consent_team.post(edit_url(zuhal), data)
    assert response.status_code == 200  # the form again, with its error
    assert zuhal.consents.get().form.name.endswith(".pdf")


def test_the_list_shows_status_and_filters_by_it_and_sub_project(editor):
    home = build_site()["de"]
    women = ProjectPage(title="Connecting Women", slug="connecting-women")
    home.add_child(instance=women)
    make_participant("Amal")
    make_participant("Dara", expires_on=TODAY + 10 * DAY)
    make_participant("Lin", expires_on=TODAY - DAY)
    make_participant("Nour", withdrawn_on=TODAY)
    make_participant("Sami", consent=False)
    Participant.objects.filter(pseudonym__in=["Amal", "Nour"]).update(sub_project=women)

    def rows(**params):
        doc = BeautifulSoup(editor.get(list_url(), params).content, "html.parser")
        return {
            row.select("td")[1].get_text(" ", strip=True).split(" ")[0]: row.get_text(" ")
            for row in doc.select("table.listing tbody tr")
        }

    everyone = rows()
    assert set(everyone) == {"Amal", "Dara", "Lin", "Nour", "Sami"}
    assert "valid" in everyone["Amal"]
    assert "expiring soon" in everyone["Dara"]
    assert "expired" in everyone["Lin"]
    assert "withdrawn" in everyone["Nour"]
    assert "no consent" in everyone["Sami"]
    assert set(rows(status="expiring")) == {"Dara"}
    assert set(rows(status="withdrawn")) == {"Nour"}
    assert set(rows(sub_project=women.pk)) == {"Amal", "Nour"}
    assert set(rows(sub_project=women.pk, status="valid")) == {"Amal"}
    assert set(rows(q="Dara")) == {"Dara"}
    # Nobody is found by their real name.
    assert rows(q="Geheimname") == {}


def test_the_report_lists_website_consents_expiring_within_30_days(consent_team, django_user_model):
    make_participant("Dara", expires_on=TODAY + 10 * DAY)
    make_participant("Elif", expires_on=TODAY + 30 * DAY)
    make_participant("Fadi", expires_on=TODAY + 31 * DAY)
    make_participant("Lin", expires_on=TODAY - DAY)
    make_participant("Nour", expires_on=TODAY + 5 * DAY, withdrawn_on=TODAY)
    press = make_participant("Pia", consent=False)
    press.consents.create(scope="press", given_on=TODAY - DAY, expires_on=TODAY + 3 * DAY)
    url = reverse("stories_expiring_consents")

    response = consent_team.get(url)

    doc = BeautifulSoup(response.content, "html.parser")
    rows = doc.select("table.listing tbody tr")
    names = [row.select_one("td").get_text(strip=True) for row in rows]
    assert names == ["Dara", "Elif"]
    with translation.override("en"):
        assert date_format(TODAY + 10 * DAY) in rows[0].get_text()
    home = consent_team.get(reverse("wagtailadmin_home")).content.decode()
    assert "Consents expiring soon" in home

    other = consent_team  # the same browser, now logged in as an editor outside the team
    other.force_login(user_in(django_user_model, "Editors", "andere"))
    # Wagtail sends those without permission back to the dashboard.
    refused = other.get(url)
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    assert "Consents expiring soon" not in other.get(reverse("wagtailadmin_home")).content.decode()


def test_image_form_records_who_a_photo_shows(admin_client):
    build_site()
    amal = make_participant("Amal")
    photo = photo_of()
    url = reverse("wagtailimages:edit", args=[photo.pk])
    data = form_data(admin_client.get(url))
    data.update({"participants": [str(amal.pk)], "faces_unrecognisable": "on"})

    response = admin_client.post(url, data)

    assert response.status_code == 302
    photo.refresh_from_db()
    assert list(photo.participants.all()) == [amal]
    assert photo.faces_unrecognisable


def test_an_exhibition_editor_learns_why_publishing_failed(admin_client):
    home = build_site()["de"]
    amal = make_participant("Amal", consent=False)
    exhibition = exhibition_with(home, photo_of(amal), live=False)
    from .test_consent import error_messages, publish_in_admin

    [message] = error_messages(publish_in_admin(admin_client, exhibition))
    assert "Amal" in message


def test_a_deleted_or_replaced_form_leaves_no_file_behind(
    zuhal, django_capture_on_commit_callbacks
):
    consent = zuhal.consents.get()
    first = consent.form.name
    with django_capture_on_commit_callbacks(execute=True):
        consent.form.save("neu.pdf", ContentFile(PDF))
    second = consent.form.name
    storage = consent.form.storage
    assert not storage.exists(first) and storage.exists(second)

    with django_capture_on_commit_callbacks(execute=True):
        consent.delete()

    assert not storage.exists(second)


@pytest.fixture
def four_consents():
    """Four people, one per kind of consent an editor meets when choosing someone."""
    until = datetime.date(TODAY.year + 2, 12, 31)
    return {
        "Amal": make_participant("Amal", expires_on=until),
        "Bilal": make_participant("Bilal", face=Consent.Face.UNRECOGNISABLE, expires_on=until),
        "Chadi": make_participant("Chadi", withdrawn_on=TODAY - DAY),
        "Dunja": make_participant("Dunja", expires_on=TODAY - DAY),
    }


def expected_german(until):
    return {
        "Amal": f"Einwilligung gültig bis 31.12.{until.year}",
        "Bilal": f"Einwilligung gültig bis 31.12.{until.year}, nur unkenntlich",
        "Chadi": "Einwilligung widerrufen",
        "Dunja": "Einwilligung abgelaufen",
    }


def test_each_consent_is_summed_up_in_the_editors_language(four_consents):
    until = four_consents["Amal"].consents.get().expires_on
    with translation.override("de"):
        summaries = {name: p.consent_summary for name, p in four_consents.items()}
        nobody = make_participant("Emre", consent=False).consent_summary
    assert summaries == expected_german(until)
    assert nobody == "Keine Einwilligung"
    with translation.override("en"):
        assert four_consents["Bilal"].consent_summary == (
            f"Consent valid until {date_format(until, 'SHORT_DATE_FORMAT')}, only unrecognisable"
        )


def test_the_participant_chooser_shows_each_persons_consent(admin_client, four_consents):
    until = four_consents["Amal"].consents.get().expires_on
    response = admin_client.get(reverse("wagtailsnippetchoosers_stories_participant:choose"))
    rows = BeautifulSoup(response.json()["html"], "html.parser").select("tbody tr")
    shown = {
        row.select_one("a").get_text(strip=True): row.get_text(" ", strip=True) for row in rows
    }
    # Withdrawn and expired consents are not offered at all (stories.sections).
    assert sorted(shown) == ["Amal", "Bilal"]
    for name in shown:
        assert expected_german(until)[name] in shown[name]


def test_the_image_form_shows_each_persons_consent_beside_the_name(admin_client, four_consents):
    until = four_consents["Amal"].consents.get().expires_on
    photo = photo_of(four_consents["Chadi"], four_consents["Dunja"])
    response = admin_client.get(reverse("wagtailimages:edit", args=[photo.pk]))
    doc = BeautifulSoup(response.content, "html.parser")
    labels = [label.get_text(" ", strip=True) for label in doc.select("#id_participants label")]
    assert labels == [f"{name} – {summary}" for name, summary in expected_german(until).items()]
