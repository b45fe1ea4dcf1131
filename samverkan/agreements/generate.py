"""Generated consultation data: an agreement sent to every municipality in scope (26 or 290),
with answers, decision paths and paragraph comments drawn from the seed."""

from __future__ import annotations

import datetime as dt

from samverkan.agreements.models import (
    Agreement,
    AgreementVersion,
    ConsultationResponse,
    ConsultationRound,
    DecisionStep,
    Paragraph,
    ParagraphComment,
)
from samverkan.core.generation import GenerateContext, batched
from samverkan.organisations.models import County, Organisation

TITLE = "[Genererad] Överenskommelse om samverkan kring nyanlända"
STANCES = ["support", "support", "support_with_comments", "critical", "neutral"]
BODIES = ["Socialnämnden", "Kommunstyrelsen", "Kommunfullmäktige"]
KINDS = ["official_report", "proposal_to_council", "decision"]


def generate(ctx: GenerateContext) -> None:
    counties = County.objects.filter(code=ctx.county_code) if ctx.county_code else County.objects.all()
    for county in counties.order_by("code"):
        if Agreement.objects.filter(county=county, title=TITLE).exists():
            continue
        municipalities = list(Organisation.objects.municipalities().in_county(county).order_by("scb_code"))
        if municipalities:
            _generate_round(ctx, county, municipalities)


def _generate_round(ctx: GenerateContext, county: County, municipalities: list[Organisation]) -> None:
    rng = ctx.rng
    agreement = Agreement.objects.create(county=county, title=TITLE, short_title="[Genererad]")
    version = AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        title="[Genererad] Förslag",
        dated=dt.date(2013, 5, 6),
        status=AgreementVersion.Status.SENT,
    )
    paragraphs = Paragraph.objects.bulk_create(
        Paragraph(version=version, number=n, heading=f"Paragraf {n}", text="[Genererad text]", is_demo_text=True)
        for n in range(1, 8)
    )
    round_ = ConsultationRound.objects.create(
        version=version,
        title=f"[Genererad] Remiss, {county.name}",
        sent_on=dt.date(2013, 6, 5),
        deadline=dt.date(2013, 11, 15),
        is_demo=True,
    )
    responses = []
    for municipality in municipalities:
        status = rng.choice(["answered", "answered", "in_progress", "pending"])
        responses.append(
            ConsultationResponse(
                round=round_,
                organisation=municipality,
                status=status,
                stance=rng.choice(STANCES) if status != "pending" else "",
                answered_on=dt.date(2013, 11, rng.randint(1, 28)) if status == "answered" else None,
                extended_deadline=dt.date(2013, 12, 19) if rng.random() < 0.05 else None,
                is_demo=True,
            )
        )
    ConsultationResponse.objects.bulk_create(responses)
    steps = []
    for response in responses:
        if response.status == "pending":
            continue
        count = 3 if response.status == "answered" else rng.randint(1, 2)
        for order in range(count):
            steps.append(
                DecisionStep(
                    response=response,
                    order=order + 1,
                    body_name=BODIES[order],
                    kind=KINDS[order],
                    meeting_date=dt.date(2013, 9 + order, rng.randint(1, 28)),
                    decision_text="[Genererad]",
                    is_demo=True,
                )
            )
    for batch in batched(ctx.progress(steps, desc="beslutssteg"), 2000):
        DecisionStep.objects.bulk_create(batch)
    comments = [
        ParagraphComment(
            response=response,
            paragraph=paragraph,
            excerpt=f"[Genererad synpunkt på § {paragraph.number}]",
            is_demo=True,
        )
        for response in responses
        if response.stance in ("support_with_comments", "critical")
        for paragraph in rng.sample(paragraphs, rng.randint(1, 3))
    ]
    ParagraphComment.objects.bulk_create(comments)
