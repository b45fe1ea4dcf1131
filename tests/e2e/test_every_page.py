"""Every page each role can reach, in a real browser: axe-core finds no WCAG 2.1 AA violation.

For each role the test starts at the start page and follows every link on the
site (breadth first), so a page that lands in the menu or in a list is checked
without being named here; PAGES adds pages no link leads to. Each distinct URL
shape (digits replaced by {id}) is checked once per role, with a screenshot.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest

from tests.e2e.browser import Visitor

pytestmark = pytest.mark.e2e

# One person per role, and a district's coordinator (see samverkan/accounts/demo.py).
ROLES = [None, "cecilia", "rut", "hanna", "anna", "bengt", "stefan", "karin"]
# Pages that no link leads to, visited by everyone.
PAGES = ["/logga-in/", "/tillganglighet/", "/finns-inte/"]
STATUS = {"/finns-inte/": 404}
# Not pages of ours, or not HTML: the operator's admin, the API (its own test), SSO, files.
SKIP = re.compile(
    r"^/(api|forvaltning|oidc|i18n|static|media)/|/logga-ut/|\.(pdf|xlsx|csv|xml|zip|ics|json|txt)$|/(ladda-ned|fil)/$"
)
MAX_PAGES = 120


def shape(target: str) -> str:
    """The URL with digits as {id} and only the names of its query parameters (page=1, page=2: one shape)."""
    path, _, query = target.partition("?")
    names = sorted({name for name, _ in parse_qsl(query, keep_blank_values=True)})
    return re.sub(r"\d+", "{id}", path) + ("?" + "&".join(names) if names else "")


def crawl(visitor: Visitor) -> list[str]:
    """Every same-site page reachable by links from the start page, one per URL shape."""
    queue = deque(["/", *PAGES])
    seen_shapes: set[str] = set()
    checked: list[str] = []
    while queue and len(checked) < MAX_PAGES:
        path = queue.popleft()
        if shape(path) in seen_shapes:
            continue
        seen_shapes.add(shape(path))
        if not visitor.open(path, expect_status=STATUS.get(path, 200)):
            continue
        checked.append(path)
        for href in visitor.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(urljoin(visitor.page.url, href))
            if f"{parts.scheme}://{parts.netloc}" != visitor.base_url:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.query.startswith("?") or "%3F" in parts.query.split("=")[0]:
                visitor.problems.append(f"{visitor.page.url}: a link with a doubled query string: {href}")
            if SKIP.search(parts.path) or shape(target) in seen_shapes:
                continue
            queue.append(target)
    return checked


@pytest.mark.parametrize("username", ROLES, ids=lambda u: u or "anonymous")
def test_every_page_a_role_reaches_passes_axe(visitor_for, username):
    visitor = visitor_for(username)
    checked = crawl(visitor)
    assert len(checked) >= 3, f"the crawl found too few pages: {checked}"
    assert not visitor.problems, "\n".join(visitor.problems)
