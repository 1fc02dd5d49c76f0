"""Tools some tests need beyond Python: Chromium, Java with the Nu HTML checker, axe-core."""

import os
import shutil
from pathlib import Path

import pytest


def require(path_or_tool, reason):
    """Skips the test when a file or program is missing; in CI (CI set) that is a failure."""
    path = Path(path_or_tool)
    found = path.exists() if path.is_absolute() else shutil.which(str(path_or_tool))
    if found:
        return
    message = f"{path_or_tool} is missing: {reason}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI installs every tool and runs every check)")
    pytest.skip(message)
