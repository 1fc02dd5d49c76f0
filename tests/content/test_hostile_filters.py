"""Every filter of every listing ignores a value it cannot use, the same way, and says so."""

from django.db import transaction

import pytest
from bs4 import BeautifulSoup

from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, build_site
from tests.news.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    make_news,
    make_project,
    publish,
)
from tests.stories.consent_helpers import StoryIndexPageFactory, StoryPageFactory, make_participant
from tests.toolbox.factories import MethodPageFactory, ToolboxPageFactory

PARAMETERS = {
    "news": ["tag", "project"],
    "stories": ["tag", "project", "language"],
    "exhibitions": ["tag"],
    "toolbox": ["target_group", "group_size", "duration"],
}
VALUES = {
    "nul": "\x00",
    "long": "x" * 5_000,
    "markup": "<script>alert(1)</script>",
    "sql": "' OR 1=1 --",
    "negative": "-1",
    "huge": "99999999999999999999",
    "unknown slug": "unbekannt",
    "unpublished sub-project": "entwurf-projekt",
    "tag of a draft only": "nur-im-entwurf",
}
IGNORED = "Einige Filterwerte konnten nicht verwendet werden und wurden ignoriert."


def tagged(page, *tags):
    page.tags.add(*tags)
    return publish(page)


def draft(factory, parent, **fields):
    page = factory(parent=parent, live=False, **fields)
    page.tags.add("Nur im Entwurf")
    page.save_revision()
    return page


@pytest.fixture(scope="module")
def listings(django_db_setup, django_db_blocker):
    """Four listings, each with something to offer for every filter, built once and rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = build_site()["de"]
        women = make_project(home, "Connecting Women", "connecting-women")
        hidden = make_project(home, "Entwurf-Projekt", "entwurf-projekt")
        hidden.unpublish()
        news = publish(NewsIndexPageFactory(parent=home))
        stories = publish(StoryIndexPageFactory(parent=home))
        exhibitions = publish(ExhibitionIndexPageFactory(parent=home))
        toolbox = publish(ToolboxPageFactory(parent=home))

        make_news(news, title="Nachricht Mode", tags=["Mode"], projects=[women])
        make_news(news, title="Nachricht Entwurf-Projekt", projects=[hidden])
        draft(StoryPageFactory, stories, participant=make_participant("Nadia"))
        teller = make_participant("Mira")
        teller.sub_project = women
        teller.save()
        bilingual = {"text": "<p>Deutsch</p>", "language": "ar", "own_text": "<p>عربي</p>"}
        tagged(
            StoryPageFactory(
                parent=stories,
                participant=teller,
                title="Geschichte Mode",
                body=[{"type": "bilingual", "value": bilingual}],
            ),
            "Mode",
        )
        publish(StoryPageFactory(parent=stories, participant=make_participant("Lin")))
        draft(NewsPageFactory, news)
        tagged(ExhibitionPageFactory(parent=exhibitions, title="Ausstellung Mode"), "Mode")
        publish(ExhibitionPageFactory(parent=exhibitions, title="Ausstellung ohne Thema"))
        draft(ExhibitionPageFactory, exhibitions)
        publish(MethodPageFactory(parent=toolbox, title="Methode kurz", duration_minutes=20))
        publish(MethodPageFactory(parent=toolbox, title="Methode lang", duration_minutes=120))

        yield {
            "news": news.url,
            "stories": stories.url,
            "exhibitions": exhibitions.url,
            "toolbox": toolbox.url,
        }
        transaction.set_rollback(True)


def titles(response):
    assert response.status_code == 200
    doc = BeautifulSoup(response.content, "html.parser")
    return doc, [a.get_text(strip=True) for a in doc.select(".card__title a")]


def offers(doc, parameter):
    """Whether the listing offers this filter, as a control of its form or as links."""
    controls = doc.select(f'.listing-filters [name="{parameter}"]')
    links = [a for a in doc.select(".listing-filters a") if f"{parameter}=" in a["href"]]
    return bool(controls or links)


@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
@pytest.mark.parametrize(
    ("listing", "parameter"),
    [
        (listing, parameter)
        for listing, parameters in PARAMETERS.items()
        for parameter in parameters
    ],
)
def test_a_value_a_listing_cannot_use_is_ignored_and_said_so(
    client, db, listings, listing, parameter, value
):
    url = listings[listing]
    doc, everything = titles(client.get(url))
    assert len(everything) == 2, everything
    assert offers(doc, parameter)
    assert doc.select_one(".listing-filters__notice") is None

    response = client.get(url, {parameter: value})
    assert b"<script>alert(1)" not in response.content
    doc, shown = titles(response)
    assert shown == everything
    notice = doc.select_one(".listing-filters__notice")
    assert notice is not None and notice.get_text(strip=True) == IGNORED
