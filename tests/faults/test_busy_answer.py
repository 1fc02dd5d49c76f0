"""The "busy, try again" answer of website.core.busy, for every kind of request."""

import json

from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import escape

from wagtail.users.models import UserProfile

import pytest
from bs4 import BeautifulSoup

from website.core.busy import BUSY, BUSY_FORM, BusyDatabaseMiddleware

LOCKED = OperationalError("database is locked")


def answer(request, exception=LOCKED, user=None):
    request.user = user or AnonymousUser()
    middleware = BusyDatabaseMiddleware(lambda request: HttpResponse())
    return middleware.process_exception(request, exception)


def test_a_visitor_gets_503_with_retry_after_in_the_page_language():
    with translation.override("en"):
        response = answer(RequestFactory().get("/en/ausstellungen/"))
        expected = escape(str(BUSY))
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"
    assert expected in response.content.decode()
    assert '<html lang="en" dir="ltr">' in response.content.decode()


def test_arabic_pages_answer_right_to_left():
    with translation.override("ar"):
        response = answer(RequestFactory().get("/ar/"))
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_a_submitted_form_comes_back_without_passwords():
    request = RequestFactory().post(
        "/admin/login/", {"username": "anna", "password": "geheim", "next": "/admin/"}
    )
    with translation.override("de"):
        response = answer(request)
        assert escape(str(BUSY_FORM)) in response.content.decode()
    form = BeautifulSoup(response.content, "html.parser").find("form")
    assert form["action"] == "/admin/login/"
    fields = {field["name"]: field["value"] for field in form.find_all("input")}
    assert fields == {"username": "anna", "next": "/admin/"}
    assert "geheim" not in response.content.decode()


def test_markup_in_the_submitted_form_stays_text():
    request = RequestFactory().post("/admin/pages/3/edit/", {"title": '"><script>x()</script>'})
    response = answer(request)
    assert "<script>" not in response.content.decode()
    [field] = BeautifulSoup(response.content, "html.parser").find_all("input")
    assert field["value"] == '"><script>x()</script>'


@pytest.mark.django_db
def test_an_editor_reads_it_in_their_admin_language(admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    with translation.override("de"):
        response = answer(RequestFactory().post("/admin/pages/3/edit/"), user=admin_user)
    assert '<html lang="en"' in response.content.decode()


def test_scripts_that_ask_for_json_get_json():
    request = RequestFactory().post(
        "/admin/images/multiple/add/", headers={"accept": "application/json"}
    )
    response = answer(request)
    assert response.status_code == 503
    assert json.loads(response.content)["error_code"] == "busy"


def test_other_database_errors_are_left_alone():
    assert answer(RequestFactory().get("/"), OperationalError("no such table: x")) is None
