"""Each role's main journeys, in a real browser against the production server.

Every page on the way is screenshotted and checked with axe-core (see browser.py);
downloads are kept in test-artifacts/downloads/<person>/ and checked for what they hold.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from lxml import etree
from playwright.sync_api import expect
from pypdf import PdfReader

from samverkan.lib import identity
from tests.e2e.browser import Visitor
from tests.e2e.server import ARTIFACTS

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


# --- downloads ---------------------------------------------------------------------------------


def download(visitor: Visitor, link_name: str, *, exact: bool = False) -> bytes:
    """Click a download link as a person does; the file is kept in test-artifacts/downloads/<who>/."""
    page = visitor.page
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name, exact=exact).first.click()
    folder = ARTIFACTS / "downloads" / visitor.who
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-"), f"not a PDF: {data[:20]!r}"
    assert len(data) > 2_000, f"a PDF of {len(data)} bytes holds nothing"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def stockholm_today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/Stockholm")).date()


# --- the action plan's follow-up ---------------------------------------------------------------


def test_the_steering_group_reads_the_follow_up_report_and_downloads_it_as_pdf(visitor_for):
    stefan = visitor_for("stefan")
    page = stefan.page
    page.get_by_role("link", name="Handlingsplaner", exact=True).first.click()
    stefan.check("plans")
    page.get_by_role("link", name="Handlingsplan 2013–2014").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Handlingsplan 2013–2014")
    stefan.check("plan")
    page.get_by_role("link", name="Uppföljningsrapport").first.click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Uppföljningsrapport: Uppföljning")
    round_title = heading.inner_text().split(": ", 1)[1].strip()
    expect(page.locator("main table").first).to_be_visible()
    stefan.check("followup-report")

    text = pdf_text(download(stefan, "Rapporten som PDF"))
    # The PDF is the same report: its round and plan, in Swedish.
    flat = " ".join(text.split())
    assert round_title in flat, f"the PDF does not name the round {round_title!r}"
    assert "Handlingsplan 2013–2014" in flat
    assert not stefan.problems, "\n".join(stefan.problems)


# --- a placement, its attendance, the settlement and the invoice --------------------------------

RESIDENT = ("Elin", "Placerad-E2e")


def test_a_placement_is_attended_settled_approved_and_invoiced(visitor_for, server):
    today = stockholm_today()
    month = f"{today:%Y-%m}"
    first, last = RESIDENT

    # Anna (case officer, Huddinge) registers a resident and places her in a Botkyrka service.
    anna = visitor_for("anna")
    page = anna.page
    page.get_by_role("link", name="Placeringar", exact=True).first.click()
    page.get_by_role("link", name="Deltagare", exact=True).first.click()
    page.get_by_role("link", name="Registrera deltagare").click()
    page.get_by_label("Personnummer eller samordningsnummer").fill(identity.make(dt.date(1991, 4, 12), 731).formatted)
    page.get_by_label("Förnamn").fill(first)
    page.get_by_label("Efternamn").fill(last)
    page.get_by_label("Mottagen i kommunen").fill((today - dt.timedelta(days=60)).isoformat())
    page.get_by_label("Uppehållsstatus").select_option(label="Flykting")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Deltagaren är registrerad")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{first} {last}")
    anna.check("participant")
    page.get_by_role("link", name="Begär placering").click()
    anna.check("placement-form")
    page.get_by_label("Insats").select_option(label="Arbetsmarknadsintroduktion Botkyrka – Botkyrka")
    page.get_by_label("Startdatum").fill(today.isoformat())
    page.get_by_label("Anmärkning till anordnaren").fill("Börjar så snart som möjligt.")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Placeringen är begärd")
    expect(page.locator(".govuk-caption-l")).to_contain_text("Arbetsmarknadsintroduktion Botkyrka – Botkyrka")
    anna.check("placement-requested")
    placement_url = page.url
    placement_code = placement_url.rstrip("/").rsplit("/", 1)[1]

    # Bengt (provider staff, Botkyrka) finds it among his placements, accepts it and reports the month.
    bengt = visitor_for("bengt")
    page = bengt.page
    page.get_by_role("link", name="Placeringar", exact=True).first.click()
    page.locator(f"a[href='{placement_url.removeprefix(server.url)}']").first.click()
    expect(page.locator(".govuk-caption-l")).to_contain_text("Arbetsmarknadsintroduktion Botkyrka")
    bengt.check("placement")
    page.get_by_role("button", name="Anta").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Placeringen är antagen")
    page.get_by_role("link", name="Rapportera närvaro").click()
    bengt.check("attendance-form")
    page.get_by_label("Månad").fill(month)
    page.get_by_label("Närvarodagar").fill("1")
    page.get_by_label("Timmar").fill("6")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Närvaron är rapporterad")
    bengt.check("attendance-reported")

    # The month is locked. No page locks a month: the documented service does, as a set-up step.
    server.manage(
        "shell",
        "-c",
        "from samverkan.accounts.models import User; from samverkan.exchange.services import lock_month; "
        "from samverkan.lib.tz import today; lock_month(today(), by=User.objects.get(username='cecilia'))",
    )

    # Cecilia (regional coordinator) starts the run, watches it finish, inspects the pairs, approves.
    cecilia = visitor_for("cecilia", who="cecilia-settlement")
    page = cecilia.page
    page.get_by_role("link", name="Avräkning", exact=True).first.click()
    page.get_by_label("Period").fill(month)
    cecilia.check("run-form")
    page.get_by_role("button", name="Starta avräkningen").click()
    # The job page refreshes itself every 2 s until the worker is done.
    expect(page.get_by_role("heading", level=1)).to_have_text("Avräkningen är klar", timeout=90_000)
    cecilia.check("run-done")
    page.get_by_role("link", name="Visa avräkningen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{month} Preliminär")
    invoice = f"IKE-{month}-0127-0126"
    pair_link = page.get_by_role("link", name=f"{invoice}-P", exact=True)
    expect(pair_link).to_be_visible()
    cecilia.check("run-preliminary")
    pair_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Huddinge betalar Botkyrka")
    # The association sees the amount, never the people.
    expect(page.locator("main")).to_contain_text("visas bara för de två kommunerna")
    expect(page.locator("main")).not_to_contain_text(last)
    cecilia.check("pair")
    page.go_back()
    page.get_by_role("button", name="Godkänn som slutlig").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{month} Slutlig")
    expect(page.get_by_role("link", name=invoice, exact=True)).to_be_visible()
    cecilia.check("run-final")

    # Hanna (Huddinge, the payer) downloads the invoice and the specification from the pages.
    hanna = visitor_for("hanna", who="hanna-invoice")
    page = hanna.page
    page.get_by_role("link", name="Avräkning", exact=True).first.click()
    page.get_by_role("link", name=month, exact=True).first.click()
    page.get_by_role("link", name=invoice, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Huddinge betalar Botkyrka")
    expect(page.locator("main table")).to_contain_text(f"{first} {last}")
    hanna.check("pair")
    # Our own server's file, parsed without entities or network all the same.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    xml = etree.fromstring(download(hanna, "Faktura i PEPPOL-format (UBL XML)"), parser)
    assert xml.tag == "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice"
    number = xml.findtext("{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}ID")
    assert number == invoice, f"the invoice says {number!r}"
    # The specification names people by code: the new placement's line is in it.
    specification = pdf_text(download(hanna, "Specifikation per deltagare (PDF)"))
    assert invoice in specification
    assert placement_code in specification, f"the placement {placement_code} is not in the specification"
    for person in (anna, bengt, cecilia, hanna):
        assert not person.problems, "\n".join(person.problems)


# --- the public catalogue ------------------------------------------------------------------------


def test_a_visitor_searches_the_catalogue_and_opens_a_service(visitor_for):
    visitor = visitor_for(None, who="catalogue")
    visitor.open("/")
    page = visitor.page
    page.get_by_role("link", name="Katalog", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("katalog")
    page.get_by_role("textbox", name="Sök (frivilligt)").fill("arbetsmarknad")
    page.get_by_label("Språk").select_option(label="tigrinja")
    page.get_by_label("Anordnande kommun").select_option(label="Botkyrka")
    page.get_by_role("button", name="Sök", exact=True).click()
    rows = page.locator("main table tbody tr")
    expect(rows.first).to_contain_text("Arbetsmarknadsintroduktion Botkyrka")
    for i in range(rows.count()):
        expect(rows.nth(i)).to_contain_text("Botkyrka")
        expect(rows.nth(i)).to_contain_text("tigrinja")
    expect(page.get_by_role("status")).to_contain_text("hittades")
    visitor.check("search")

    # Another language the service is not given in: it is gone.
    page.get_by_label("Språk").select_option(label="somaliska")
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.get_by_role("link", name="Arbetsmarknadsintroduktion Botkyrka")).to_have_count(0)
    visitor.check("search-other-language")

    page.get_by_label("Språk").select_option(label="tigrinja")
    page.get_by_role("button", name="Sök", exact=True).click()
    page.get_by_role("link", name="Arbetsmarknadsintroduktion Botkyrka").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Arbetsmarknadsintroduktion Botkyrka")
    expect(page.locator(".govuk-caption-l")).to_have_text("Botkyrka")
    visitor.check("service")
    assert not visitor.problems, "\n".join(visitor.problems)
