"""Participants, consents, photos and pages for the consent tests."""

import datetime

from django.utils import timezone

from bs4 import BeautifulSoup

from exhibitions.models import GalleryPhoto
from stories.models import Consent, Participant, StoryIndexPage
from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from tools.form_values import posted_values
from website.demo.factories import StoryIndexPageFactory, StoryPageFactory

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
REAL_NAME = "Samira Geheimname-Echt"
CONTACT = "samira.geheim@example.org, 0170 9876543"


def make_participant(pseudonym, face=Consent.Face.VISIBLE, consent=True, **consent_fields):
    """A participant; with `consent`, a website consent given ten days ago."""
    participant = Participant(
        pseudonym=pseudonym, real_name=f"{REAL_NAME} {pseudonym}", contact=CONTACT
    )
    if consent:
        consent_fields.setdefault("given_on", TODAY - 10 * DAY)
        participant.consents.set(
            [Consent(scope=Consent.Scope.WEBSITE, face=face, **consent_fields)]
        )
    participant.save()
    return participant


def photo_of(*participants, faces_unrecognisable=False, title="Foto"):
    image = make_image(plain_jpeg(40, 30), title=title, faces_unrecognisable=faces_unrecognisable)
    image.participants.set(participants)
    return image


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def exhibition_with(home, *images, live=True, **fields):
    """An exhibition whose gallery shows the images, captioned "<title> im Atelier"."""
    index = home.get_children().type(ExhibitionIndexPageFactory._meta.model).first()
    if index is None:
        index = ExhibitionIndexPageFactory(parent=home)
    exhibition = ExhibitionPageFactory(parent=index, live=live, **fields)
    exhibition.gallery_photos.set(
        [
            GalleryPhoto(image=image, caption=f"{image.title} im Atelier", alt_text=image.title)
            for image in images
        ]
    )
    if live:
        return publish(exhibition)
    exhibition.save_revision()
    exhibition.refresh_from_db()
    return exhibition


def story_of(home, participant, live=True, **fields):
    index = home.get_children().type(StoryIndexPage).first()
    if index is None:
        index = publish(StoryIndexPageFactory(parent=home))
    story = StoryPageFactory(parent=index, participant=participant, live=live, **fields)
    if live:
        return publish(story)
    story.save_revision()
    story.refresh_from_db()
    return story


def form_data(response, form_id=None):
    """The values an admin form would post as it is: every input, select and textarea."""
    doc = BeautifulSoup(response.content, "html.parser")
    if form_id:
        form = doc.find("form", id=form_id)
    else:
        # The admin's edit form, not the search or account forms around it.
        form = max(doc.select("form[method=post]"), key=lambda f: len(f.find_all("input")))
    return posted_values(form.find_all(["input", "select", "textarea"]))
