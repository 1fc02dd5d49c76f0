"""A test that flushes the database leaves the next one what the migrations made (conftest).

The three run in this order on one worker: each flush after the first two runs post_migrate,
which makes content types again under new ids and caches them.
"""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Collection, Page

import pytest


def assert_migrated_rows_and_usable_content_types():
    assert Collection.get_first_root_node() is not None
    content_type = ContentType.objects.get_for_model(Page)
    assert ContentType.objects.filter(pk=content_type.pk, model="page").exists()


@pytest.mark.django_db(transaction=True)
def test_a_flushing_test_may_come_first():
    assert Page.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_next_finds_what_the_conftest_put_back():
    assert_migrated_rows_and_usable_content_types()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_test_that_restores_itself_finds_the_same():
    assert_migrated_rows_and_usable_content_types()
