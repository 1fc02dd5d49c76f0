import pytest
from bs4 import BeautifulSoup


@pytest.fixture
def html():
    """Parses a response's HTML, failing on anything but 200."""

    def parse(response):
        assert response.status_code == 200, response.status_code
        return BeautifulSoup(response.content, "html.parser")

    return parse
