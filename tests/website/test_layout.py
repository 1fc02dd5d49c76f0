"""site/ is a folder on the import path, not a package: the standard library owns `site`."""

from pathlib import Path

import website

CHECKOUT = Path(__file__).resolve().parents[2]


def test_site_folder_is_not_a_package():
    assert (CHECKOUT / "site").is_dir()
    assert not (CHECKOUT / "site" / "__init__.py").exists()


def test_website_package_resolves_inside_site_folder():
    assert Path(website.__file__).resolve().parent == CHECKOUT / "site" / "website"


def test_media_folder_holds_only_its_gitignore():
    assert (CHECKOUT / "media" / ".gitignore").read_text().split() == ["*", "!.gitignore"]
