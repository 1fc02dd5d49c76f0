import pytest

from tests.factories import build_site
from tests.toolbox.factories import ToolboxPageFactory


@pytest.fixture
def toolbox():
    return ToolboxPageFactory(parent=build_site()["de"])
