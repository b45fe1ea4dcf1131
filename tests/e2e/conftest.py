"""One production server and one browser for the whole e2e session.

Debian's Chromium (/usr/bin/chromium, `make e2e` installs it when missing);
never a browser downloaded by Playwright.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.browser import Visitor
from tests.e2e.server import ARTIFACTS, Server, start

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    # The server's logs are read after every journey has written to them.
    items.sort(key=lambda item: item.fspath.basename == "test_server_logs.py")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    shutil.rmtree(ARTIFACTS / "screenshots", ignore_errors=True)
    running = start(Path(tmp_path_factory.mktemp("e2e")))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make e2e` (it installs Debian's chromium) or apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def visitor_for(server: Server, browser):
    """`visitor_for("hanna")`: a fresh browser context logged in as Hanna (None: not logged in)."""
    contexts = []

    def make(username: str | None, *, who: str = "") -> Visitor:
        context = browser.new_context(
            locale="sv-SE", timezone_id="Europe/Stockholm", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        visitor = Visitor(page=context.new_page(), who=who or username or "anonymous", base_url=server.url)
        if username:
            visitor.login(username)
        return visitor

    yield make
    for context in contexts:
        context.close()
