"""An image block in a draft may lack alternative text; to publish it needs one."""

from django.core.exceptions import ValidationError

import pytest

from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from website.core.blocks import BaseStreamBlock

pytestmark = pytest.mark.django_db


def stream_with_image(**fields):
    block = BaseStreamBlock()
    image = make_image(plain_jpeg(40, 30))
    value = {"image": image.pk, "alt_text": "", "decorative": False, **fields}
    return block, block.to_python([{"type": "image", "value": value}])


def test_a_draft_keeps_an_image_block_without_alt_text():
    block, value = stream_with_image()

    assert block.clean_deferred(value)[0].value["alt_text"] == ""


def test_publishing_needs_alt_text_or_decorative():
    block, value = stream_with_image()
    with pytest.raises(ValidationError):
        block.clean(value)

    block, value = stream_with_image(decorative=True)
    assert block.clean(value)[0].value["decorative"] is True
