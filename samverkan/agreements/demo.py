"""Demo data: the 2009 agreement, the revised proposal of 2013-05-06 (KSL/12/0053) and the 2013 round.

What the source documents state is entered as stated: the three decision documents in
refdata/seeds/ (Hägersten-Liljeholmen, Värmdö, Huddinge) are attached to their responses,
and Ekerö's extension and Tyresö's proposal come from DESIGN.md §1. Paragraph texts
that are not known, and the answers of a few other municipalities, are invented and
marked as demo data (`is_demo_text`, `is_demo`) wherever users see them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings

from samverkan.agreements import services
from samverkan.agreements.models import Agreement, AgreementVersion, ConsultationResponse, Paragraph
from samverkan.agreements.services import CommentInput
from samverkan.core.demo import DemoContext
from samverkan.documents import services as documents
from samverkan.documents.reading import read_decision
from samverkan.lib.dates import add_working_days
from samverkan.organisations.models import Body, County, Organisation

SEEDS = Path(settings.BASE_DIR) / "refdata" / "seeds"
TITLE = "Överenskommelse om samverkan mellan kommuner i Stockholms län gällande nyanlända"
DEMO = "[Demotext: den verkliga lydelsen är inte känd.]"

PARAGRAPHS_2013 = [
    (
        1,
        "Syfte och mål",
        f"{DEMO} Nyanlända vuxna och barn ska erbjudas ett effektivt stöd så att integrationen "
        "underlättas och individerna blir självförsörjande (syftet så som det återges i remissvaren).",
    ),
    (
        2,
        "Förhållande till andra avtal",
        "Känt ur remissvaren: ”Den utgör inget hinder mot att undertecknad kommun "
        "sluter avtal med andra kommuner eller myndigheter i sådana frågor som regleras i detta avtal”. " + DEMO,
    ),
    (
        3,
        "Åtaganden gentemot invånare i andra kommuner",
        "Känt ur remissvaren: ”Denna överenskommelse är grunden "
        "för kommande avtal eller överenskommelser med andra regionala och nationella aktörer.” ”Kommunerna åtar sig "
        "att aktivt bidra med insatser till såväl boende i den egna kommunen som boende i kommuner med stort "
        "mottagande”. " + DEMO,
    ),
    (
        4,
        "Avtal mellan kommuner",
        f"{DEMO} Kommuner kan sluta avtal med varandra om introduktionsinsatser för varandras invånare.",
    ),
    (
        5,
        "Åtgärder vid brister",
        f"{DEMO} Parterna agerar gemensamt om överenskommelsen inte följs eller om missförhållanden uppstår.",
    ),
    (
        6,
        "Styrning och uppföljning",
        f"{DEMO} En styrgrupp med förvaltningschefer beslutar om årliga handlingsplaner och följer upp dem.",
    ),
    (7, "Giltighet", f"{DEMO} Överenskommelsen gäller tills vidare från det att kommunen har antagit den."),
]

# Invented answers of some municipalities, marked as demo data: code, status, stance, body, comment.
INVENTED = [
    ("0127", "answered", "support", "Kommunfullmäktige", None),
    (
        "0182",
        "answered",
        "support_with_comments",
        "Kommunfullmäktige",
        (
            3,
            "Kommunen ställer sig bakom förslaget men vill att § 3 förtydligas när det gäller ersättningen för "
            "insatser till boende i andra kommuner.",
        ),
    ),
    ("0181", "answered", "support", "Kommunfullmäktige", None),
    ("0184", "in_progress", "support", "Socialnämnden", None),
    ("0136", "answered", "neutral", "Kommunstyrelsen", None),
]


def _current_round(ctx: DemoContext, agreement: Agreement, previous: AgreementVersion):
    """An invented round running today, so that deadlines, extensions and what is due show in the demo."""
    cecilia = ctx.users.get("cecilia")
    sent = add_working_days(ctx.today, -15)
    version = services.create_version(
        actor=cecilia,
        agreement=agreement,
        title="[Demo] Justerat förslag (påhittat)",
        dated=add_working_days(sent, -10),
        registration_number="DEMO/1",
        copy_from=previous,
    )
    codes = ["0126", "0127", "0182", "0125", "0138", "0120", "0180", "0181", "0184", "0123"]
    organisations = list(Organisation.objects.filter(scb_code__in=codes).order_by("name"))
    round_ = services.send_round(
        actor=cecilia,
        version=version,
        title="[Demo] Remiss: justerat förslag",
        sent_on=sent,
        deadline=add_working_days(ctx.today, 7),
        organisations=organisations,
        is_demo=True,
    )
    responses = {r.organisation.scb_code: r for r in round_.responses.select_related("organisation")}
    services.grant_extension(
        actor=cecilia,
        response=responses["0125"],
        deadline=add_working_days(ctx.today, 25),
        reason="[Demo] Beslut i kommunfullmäktige nästa månad.",
        granted_on=ctx.today,
    )
    for code, final in (("0127", True), ("0182", False)):
        services.record_step(
            actor=cecilia,
            response=responses[code],
            kind="decision" if final else "official_report",
            body_name="Kommunfullmäktige" if final else "Socialnämnden",
            meeting_date=add_working_days(ctx.today, -3) if final else None,
            decision_text="[Demodata] Påhittat beslut för demonstrationen.",
            stance="support",
            final=final,
            is_demo=True,
            today=ctx.today,
        )
    return round_


def load(ctx: DemoContext) -> None:
    if Agreement.objects.filter(title=TITLE).exists():
        return
    cecilia = ctx.users.get("cecilia")
    county = County.objects.get(code="01")
    agreement = Agreement.objects.create(
        county=county,
        title=TITLE,
        short_title="Överenskommelsen om nyanlända",
        description="Samverkan kring introduktion m.m. av personer som nyligen kommit till Sverige: den första "
        "överenskommelsen från 2009 och det reviderade förslaget 2013.",
    )
    v2009 = services.create_version(
        actor=cecilia, agreement=agreement, title="Samverkansöverenskommelse 2009 (SOK)", dated=dt.date(2009, 1, 1)
    )
    for number, heading, text in PARAGRAPHS_2013[:5]:
        Paragraph.objects.create(version=v2009, number=number, heading=heading, text=text, is_demo_text=True)
    AgreementVersion.objects.filter(pk=v2009.pk).update(
        status=AgreementVersion.Status.SENT,
        source="Överenskommelsen som funnits sedan 2009 (enligt remissvaren 2013); exakt datum och text är inte "
        "kända, datumet 2009-01-01 står för året.",
    )
    v2013 = services.create_version(
        actor=cecilia,
        agreement=agreement,
        title="Reviderat förslag 2013-05-06",
        dated=dt.date(2013, 5, 6),
        registration_number="KSL/12/0053",
    )
    for number, heading, text in PARAGRAPHS_2013:
        Paragraph.objects.create(version=v2013, number=number, heading=heading, text=text, is_demo_text=True)
    AgreementVersion.objects.filter(pk=v2013.pk).update(
        recommended_on=dt.date(2013, 6, 5),
        source="KSL:s reviderade förslag 2013-05-06, dnr KSL/12/0053, rekommenderat kommunerna 2013-06-05. "
        "Paragrafernas ämnen (§ 2–§ 5) enligt remissvaren; lydelserna är demotext utom där de citeras.",
    )

    sent = dt.date(2013, 6, 5)
    municipalities = list(Organisation.objects.municipalities().in_county(county).order_by("name"))
    districts = list(Organisation.objects.districts().filter(parent__scb_code="0180").active_on(sent).order_by("name"))
    round_ = services.send_round(
        actor=cecilia,
        version=v2013,
        title="Remiss 2013: reviderad överenskommelse om nyanlända",
        sent_on=sent,
        deadline=dt.date(2013, 11, 15),
        organisations=[*municipalities, *districts],
    )
    responses = {r.organisation.code: r for r in round_.responses.select_related("organisation")}

    def seed(name: str, filename: str, response: ConsultationResponse):
        data = (SEEDS / filename).read_bytes()
        return documents.receive(actor=None, organisation=response.organisation, name=name, data=data)

    def body(response: ConsultationResponse, name: str) -> Body | None:
        return Body.objects.filter(organisation=response.organisation, name=name).first()

    # Hägersten-Liljeholmen: the district committee's positive opinion to the city's executive board.
    hl = responses["sdn-hagersten-liljeholmen"]
    document = seed("Hägersten-Liljeholmen remissyttrande 2013-09-26.txt", "000_c9d36541caa8243d.txt", hl)
    services.record_step(
        actor=ctx.users.get("karin"),
        response=hl,
        kind="consultation_opinion",
        body=body(hl, "Hägersten-Liljeholmens stadsdelsnämnd"),
        body_name="Hägersten-Liljeholmens stadsdelsnämnd",
        meeting_date=dt.date(2013, 9, 26),
        decision_text="Hägersten-Liljeholmens stadsdelsnämnd godkänner förvaltningens tjänsteutlåtande och "
        "översänder det som yttrande till kommunstyrelsen.",
        case_officer="Inger Nilsson",
        document=document,
        stance="support",
        final=True,
        today=ctx.today,
    )

    # Värmdö: the social committee's official report proposes that the municipality signs.
    vd = responses["0120"]
    document = seed("Värmdö tjänsteutlåtande socialnämnden.txt", "001_f31b7b253f84cf17.txt", vd)
    services.record_step(
        actor=ctx.users.get("vera"),
        response=vd,
        kind="official_report",
        body=body(vd, "Socialnämnden"),
        body_name="Socialnämnden",
        decision_text="Värmdö kommun tecknar överenskommelse med Kommunförbundet Stockholms län (KSL) om samverkan "
        "mellan kommuner gällande nyanlända. Beslutsnivå: Kommunstyrelsen.",
        registration_number="13SCN/0",
        case_officer="Marie Lindström",
        document=document,
        stance="support",
        today=ctx.today,
    )

    # Huddinge: the social committee's opinion asks for clarification of §§ 2–5.
    hu = responses["0126"]
    document = seed("Huddinge yttrande socialnämnden.txt", "002_fc9987c3ec8f5b60.txt", hu)
    reading = read_decision(document.text)
    services.record_step(
        actor=ctx.users.get("hanna"),
        response=hu,
        kind="consultation_opinion",
        body=body(hu, "Socialnämnden"),
        body_name="Socialnämnden",
        decision_text="Socialnämnden beslutar att godkänna förvaltningens tjänsteutlåtande i ärendet och överlämna "
        "det som sitt yttrande till kommunstyrelsen.",
        case_officer="Berit Knutmejer",
        document=document,
        stance="critical",
        comments=[CommentInput(c.paragraph, c.excerpt) for c in reading.paragraph_comments],
        today=ctx.today,
    )

    # Ekerö: an extension to 2013-12-19; the executive board proposes that the council adopts.
    ek = responses["0125"]
    services.grant_extension(
        actor=cecilia,
        response=ek,
        deadline=dt.date(2013, 12, 19),
        reason="Anstånd för beslut i kommunfullmäktige (skälet anges inte i källorna).",
    )
    services.record_step(
        actor=ctx.users.get("elsa"),
        response=ek,
        kind="proposal_to_council",
        body=body(ek, "Kommunstyrelsen"),
        body_name="Kommunstyrelsen",
        decision_text="Kommunstyrelsen föreslår kommunfullmäktige att anta överenskommelsen.",
        stance="support",
        today=ctx.today,
    )

    # Tyresö: the administration proposes adoption.
    ty = responses["0138"]
    services.record_step(
        actor=ctx.users.get("tove"),
        response=ty,
        kind="official_report",
        body=body(ty, "Socialförvaltningen"),
        body_name="Socialförvaltningen",
        decision_text="Förvaltningen föreslår att överenskommelsen antas.",
        stance="support",
        today=ctx.today,
    )

    # Invented answers, marked as demo data.
    for code, status, stance, body_name, comment in INVENTED:
        response = responses[code]
        ConsultationResponse.objects.filter(pk=response.pk).update(is_demo=True)
        services.record_step(
            actor=cecilia,
            response=response,
            kind="decision" if status == "answered" else "official_report",
            body=body(response, body_name),
            body_name=body_name,
            meeting_date=dt.date(2013, 11, 12) if status == "answered" else None,
            decision_text="[Demodata] Påhittat beslut för demonstrationen.",
            stance=stance,
            comments=[CommentInput(*comment)] if comment else [],
            final=status == "answered",
            is_demo=True,
            today=ctx.today,
        )
    ctx.objects["agreement"] = agreement
    ctx.objects["round_2013"] = round_
    ctx.objects["round_current"] = _current_round(ctx, agreement, v2013)
    ctx.log.append(f"Överenskommelser: 2 versioner, remiss 2013 till {len(responses)} organisationer")
