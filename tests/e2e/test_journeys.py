"""Each role's main journeys, in a real browser against the production server.

Every page on the way is screenshotted and checked with axe-core (see browser.py).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_everyone_logs_in_and_out(visitor_for):
    visitor = visitor_for(None, who="login")
    visitor.open("/logga-in/")
    page = visitor.page
    page.get_by_label("Användarnamn").fill("hanna")
    page.get_by_label("Lösenord").fill("fel lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Användarnamnet eller lösenordet är fel")
    visitor.check("login-error")
    visitor.login("hanna")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen, Hanna")
    visitor.check("start")
    page.get_by_role("button", name="Logga ut").click()
    expect(page).to_have_url(re.compile(r"/logga-in/"))
    assert not visitor.problems, "\n".join(visitor.problems)


def test_a_municipal_coordinator_answers_a_consultation_and_sees_it_in_the_compilation(visitor_for):
    hanna = visitor_for("hanna")
    page = hanna.page
    hanna.check("start")
    page.get_by_role("link", name="[Demo] Remiss: justerat förslag").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Huddinge")
    hanna.check("response")
    page.get_by_role("link", name="Registrera beslutssteg för hand").click()
    hanna.check("step-form")

    # First without the body: the form says what is missing, and nothing is saved.
    page.get_by_label("Dokumenttyp").select_option(label="Beslut")
    page.get_by_role("button", name="Spara").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Välj organet, eller skriv dess namn.")
    hanna.check("step-form-errors")

    page.get_by_label("Organ, om det inte finns i listan").fill("Kommunfullmäktige")
    page.get_by_label("Datum").fill((dt.date.today() - dt.timedelta(days=1)).isoformat())
    page.get_by_label("Ställningstagande").select_option(label="Tillstyrker")
    page.get_by_label("Detta är organisationens slutliga svar").check()
    page.locator("#id_c-0-paragraph").select_option(index=4)
    page.locator("#id_c-0-excerpt").fill("Huddinge vill att § 4 också nämner e2e-provet.")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Beslutssteget är registrerat")
    hanna.check("response-answered")

    page.get_by_role("link", name="[Demo] Remiss: justerat förslag").first.click()
    hanna.check("round")
    page.get_by_role("link", name="Remissammanställning").first.click()
    expect(page.locator("main")).to_contain_text("Huddinge vill att § 4 också nämner e2e-provet.")
    hanna.check("compilation")
    assert not hanna.problems, "\n".join(hanna.problems)


def test_the_regional_coordinator_sees_the_answer_in_the_compilation(visitor_for):
    cecilia = visitor_for("cecilia")
    page = cecilia.page
    page.get_by_role("link", name="Överenskommelser", exact=True).first.click()
    cecilia.check("agreements")
    page.get_by_role("link", name=re.compile(r"\[Demo\] Remiss: justerat förslag")).first.click()
    cecilia.check("round")
    page.get_by_role("link", name="Remissammanställning").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    cecilia.check("compilation")
    assert not cecilia.problems, "\n".join(cecilia.problems)
