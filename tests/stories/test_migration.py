"""Who a photo shows moved from the image's own table to the stories app's: a database made
before keeps every participant on every photo, and the image's old table goes."""

from django.db import connection, migrations, models

import pytest

from stories.models import Participant
from tests.migrations import migrate, state_at
from website.images.models import CustomImage

OLD_TABLE = "images_customimage_participants"
BEFORE = [("stories", "0003_body_clean_rich_text")]


@pytest.fixture
def old_models(django_db_serialized_rollback, transactional_db):
    """The database as it was while the image model had the participants field."""
    migrate(BEFORE)
    state = state_at(BEFORE)
    old_field = migrations.AddField(
        "customimage",
        "participants",
        models.ManyToManyField(blank=True, related_name="images", to="stories.participant"),
    )
    old_state = state.clone()
    old_field.state_forwards("images", old_state)
    with connection.schema_editor() as editor:
        old_field.database_forwards("images", editor, state, old_state)
    yield old_state.apps
    migrate()


def test_who_a_photo_shows_moves_to_the_stories_app(old_models):
    # The models as they were then: today's signal handlers expect today's tables.
    old_image = old_models.get_model("images", "CustomImage")
    old_participant = old_models.get_model("stories", "Participant")
    amal, noor = (old_participant.objects.create(pseudonym=name) for name in ("Amal", "Noor"))
    group, portrait = (
        old_image.objects.create(
            title=title, file=f"original_images/{title}.jpg", width=4, height=3
        )
        for title in ("Gruppe", "Amal")
    )
    group.participants.set([amal, noor])
    portrait.participants.set([amal])

    migrate()

    amal, noor = Participant.objects.get(pk=amal.pk), Participant.objects.get(pk=noor.pk)
    group, portrait = CustomImage.objects.get(pk=group.pk), CustomImage.objects.get(pk=portrait.pk)

    assert set(group.participants.all()) == {amal, noor}
    assert list(portrait.participants.all()) == [amal]
    assert set(amal.images.all()) == {group, portrait}
    assert OLD_TABLE not in connection.introspection.table_names()


def test_a_new_database_has_no_image_table_to_move(db):
    assert OLD_TABLE not in connection.introspection.table_names()
    assert "stories_participant_images" in connection.introspection.table_names()
