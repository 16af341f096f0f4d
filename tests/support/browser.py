"""A headless browser for the tests: playwright driving the system's chromium.

Playwright never downloads a browser here: it starts Debian's ``/usr/bin/chromium``. Where
either is missing the test is skipped, unless ``PACKGEN_REQUIRE_BROWSER=1`` (CI) makes it fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("PACKGEN_CHROMIUM", "/usr/bin/chromium"))
"""The browser the tests drive."""


def missing(why: str) -> None:
    """Skip the test, or fail it where CI requires the browser."""
    if os.environ.get("PACKGEN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{why} (PACKGEN_REQUIRE_BROWSER=1 requires the browser tests)")
    pytest.skip(why)


@contextmanager
def chromium() -> Iterator[Any]:
    """Yield a playwright Browser on the system's chromium; skip (or fail) without one."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.is_file():
        missing(f"chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()
