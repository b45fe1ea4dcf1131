"""What every browser test does on a page: look, record, check.

`Visitor.open(url)` loads a page, waits for it, writes a screenshot to
test-artifacts/screenshots/<who>/, runs axe-core on it (WCAG 2.0 and 2.1, A
and AA) and remembers any Content-Security-Policy violation the browser
reported. The test asserts on `visitor.problems` at the end, so one run lists
every page that fails instead of stopping at the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from tests.e2e.server import ARTIFACTS

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "samverkan-demo"


def slug(url: str) -> str:
    parts = urlsplit(url)
    text = (parts.path + ("_" + parts.query if parts.query else "")).strip("/") or "start"
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text)[:120]


@dataclass
class Visitor:
    page: Page
    who: str
    base_url: str
    problems: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("console", self._console)

    def _console(self, message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.problems.append(f"{self.page.url}: CSP violation: {text}")

    def url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.base_url}{path}"

    def open(self, path: str, *, expect_status: int | None = 200) -> bool:
        """Load and check a page; False when the URL is a file download, not a page."""
        try:
            response = self.page.goto(self.url(path))
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                return False
            raise
        status = response.status if response else 0
        if expect_status is not None and status != expect_status:
            self.problems.append(f"{path}: HTTP {status} (expected {expect_status})")
        self.check()
        return True

    def check(self, name: str = "") -> None:
        """Screenshot and axe-core for the page as it is now."""
        self.page.wait_for_load_state("load")
        url = self.page.url
        self.visited.append(url)
        folder = ARTIFACTS / "screenshots" / self.who
        folder.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(folder / f"{name or slug(url)}.png"), full_page=True)
        for violation in axe(self.page):
            nodes = "; ".join(n["target"][0] if n["target"] else "?" for n in violation["nodes"][:5])
            self.problems.append(f"{url}: axe {violation['id']} ({violation['impact']}): {violation['help']} — {nodes}")

    def login(self, username: str) -> None:
        self.page.goto(self.url("/logga-in/"))
        self.page.get_by_label("Användarnamn").fill(username)
        self.page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name="Logga in").click()
        self.page.wait_for_load_state("load")
        assert "/logga-in/" not in self.page.url, f"{username} could not log in"


def axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations at WCAG 2.0/2.1 A and AA.

    The script goes in through the DevTools protocol (page.evaluate), which the
    page's Content-Security-Policy does not block, so the policy stays as strict
    in the tests as in production.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    return page.evaluate(
        """async (tags) => {
            const result = await window.axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html}))}));
        }""",
        AXE_TAGS,
    )
