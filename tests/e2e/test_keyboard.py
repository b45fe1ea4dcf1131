"""A whole journey with the keyboard alone: Tab, Shift+Tab, Enter and Space, focus always visible.

Tove (Tyresö) logs in, opens the consultation her municipality has to answer, records a
step (choosing from lists with the arrow keys, ticking a box with Space) and opens
the compilation; no mouse, no click(), no fill() on the way.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

# True when the focused element is visibly marked: an outline, a box-shadow or GOV.UK's yellow.
FOCUS_VISIBLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    const yellow = style.backgroundColor === 'rgb(255, 221, 0)';
    return outline || shadow || yellow;
}"""
DESCRIBE = "() => { const e = document.activeElement; return e ? e.outerHTML.slice(0, 120) : '' }"


def tab_to(page: Page, matches: str, *, limit: int = 120) -> None:
    """Press Tab until the focused element matches the JS predicate; each stop must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => !document.activeElement || document.activeElement === document.body"):
            continue  # focus passed through the browser's own controls, out of the page
        assert page.evaluate(FOCUS_VISIBLE), f"focus is not visible on {page.evaluate(DESCRIBE)}"
        if page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({matches}); }}"):
            return
    raise AssertionError(f"Tab never reached {matches} on {page.url}")


def by_text(text: str) -> str:
    return f"e.textContent.trim().startsWith({text!r})"


def by_label(label: str) -> str:
    return f"e.labels && e.labels.length && e.labels[0].textContent.trim().startsWith({label!r})"


def type_into(page: Page, label: str, text: str) -> None:
    tab_to(page, by_label(label))
    page.keyboard.type(text)


def test_a_coordinator_answers_a_consultation_with_the_keyboard_alone(visitor_for):
    tove = visitor_for(None, who="keyboard")  # Tove, Tyresö: a response no other test answers
    page = tove.page
    tove.open("/logga-in/")
    type_into(page, "Användarnamn", "tove")
    type_into(page, "Lösenord", "samverkan-demo")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen, Tove")
    tove.check("start")

    tab_to(page, by_text("[Demo] Remiss: justerat förslag"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tyresö")
    tab_to(page, by_text("Registrera beslutssteg för hand"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beslutssteg")
    tove.check("step-form")

    tab_to(page, by_label("Dokumenttyp"))
    page.keyboard.press("End")  # the last kind: a decision
    type_into(page, "Organ, om det inte finns i listan", "Kommunstyrelsen")
    tab_to(page, by_label("Ställningstagande"))
    page.keyboard.press("ArrowDown")
    tab_to(page, by_label("Detta är organisationens slutliga svar"))
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked")
    page.keyboard.press("Space")  # not final after all: a final answer needs a date
    assert not page.evaluate("() => document.activeElement.checked")
    tab_to(page, by_text("Spara"))
    page.keyboard.press("Space")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Beslutssteget är registrerat")
    tove.check("answered")

    tab_to(page, by_text("[Demo] Remiss: justerat förslag"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, by_text("Remissammanställning"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Tyresö")
    tove.check("compilation")
    assert not tove.problems, "\n".join(tove.problems)


def test_the_error_summary_links_to_the_fields_and_each_field_names_its_error(visitor_for):
    visitor = visitor_for(None, who="form-errors")
    page = visitor.page
    visitor.open("/logga-in/")
    tab_to(page, by_text("Logga in") + " && e.tagName === 'BUTTON'")
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("[role=alert]")).to_have_count(1)
    links = summary.locator("a[href^='#']")
    assert links.count() >= 1, "the summary links to the fields"
    for i in range(links.count()):
        target = links.nth(i).get_attribute("href")[1:]
        field = page.locator(f"#{target}")
        expect(field).to_have_count(1)
        described = (field.get_attribute("aria-describedby") or "").split()
        assert f"{target}_error" in described, f"#{target} does not point at its error message"
        expect(page.locator(f"#{target}_error")).to_be_visible()
    visitor.check("login-errors")
    assert not visitor.problems, "\n".join(visitor.problems)
