"""Every URL and API operation of settlement, as every demo person.

The world: the small county of builders.py in March 2024 with a final run (its
Huddinge → Botkyrka invoice credited), and a preliminary run of April 2024.
"""

from __future__ import annotations

import datetime as dt

from samverkan.core.testing import (
    ANONYMOUS,
    BOTKYRKA,
    HUDDINGE,
    MUNICIPAL_COORDINATORS,
    ApiVisit,
    Visit,
    World,
    everyone,
    only,
)

READ = everyone(200, **{ANONYMOUS: 302})
API_READ = everyone(200, **{ANONYMOUS: 401})
COORDINATOR = {"cecilia"}
# The two parties of the Huddinge → Botkyrka pair: everyone in either municipality.
PARTIES = HUDDINGE | BOTKYRKA
PARTY_ONLY = everyone(404, **{ANONYMOUS: 302}, **dict.fromkeys(PARTIES, 200))
API_PARTY_ONLY = everyone(404, **{ANONYMOUS: 401}, **dict.fromkeys(PARTIES, 200))


def populate(world: World) -> None:
    from samverkan.settlement import services
    from samverkan.settlement.tests.builders import build_county, lock

    march, april = dt.date(2024, 3, 1), dt.date(2024, 4, 1)
    county = build_county(march, birth_offset=9000)
    for key in ("h0", "n0", "b0"):
        county.attend(key, april, days_enrolled=30, days_present=10, hours=3)
    lock(april)
    run = services.run_settlement(actor=None, period="2024-03", final=True)
    pair = run.pairs.get(payer__code="0126", payee__code="0127")
    world.settlement_run = run
    world.settlement_pair = pair
    world.settlement_credit_note = services.issue_credit_note(
        actor=None, pair=pair, reason="Walk", issued_on=dt.date(2024, 4, 10)
    )
    world.settlement_preliminary = services.run_settlement(actor=None, period="2024-04")
    world.settlement_job = services.start_job(actor=None, period="2024-04", final=False)
    world.settlement_regional = county.regional


def _run(w: World) -> list[int]:
    return [w.settlement_run.pk]


def _pair(w: World) -> list[int]:
    return [w.settlement_pair.pk]


VISITS = [
    Visit("settlement:run_list", READ),
    Visit(
        "settlement:run_start",
        only(COORDINATOR, 302),
        method="post",
        data={"period": "2024-04"},
    ),
    Visit("settlement:run_start", only(COORDINATOR, 400), method="post", data={"period": "mars"}, label="bad period"),
    Visit("settlement:job_detail", READ, args=lambda w: [w.settlement_job.pk]),
    Visit("settlement:run_detail", READ, args=_run),
    Visit("settlement:run_detail", everyone(404, **{ANONYMOUS: 302}), args=[999999], label="unknown"),
    Visit(
        "settlement:run_approve",
        only(COORDINATOR, 302),
        args=lambda w: [w.settlement_preliminary.pk],
        method="post",
    ),
    Visit("settlement:statement", READ, args=lambda w: [w.settlement_run.pk, "0126"]),
    # Huddinge's SIE file is Huddinge's alone: not even the association's.
    Visit(
        "settlement:run_sie",
        everyone(403, **{ANONYMOUS: 302}, **dict.fromkeys(HUDDINGE, 200)),
        args=lambda w: [w.settlement_run.pk, "0126"],
    ),
    Visit("settlement:pair_detail", READ, args=_pair),
    Visit("settlement:pair_invoice", PARTY_ONLY, args=_pair),
    Visit("settlement:pair_pdf", PARTY_ONLY, args=_pair),
    Visit(
        "settlement:credit_note_create",
        only(COORDINATOR, 302),
        args=_pair,
        method="post",
        data={"reason": "Igen"},
    ),
    Visit("settlement:credit_note_xml", PARTY_ONLY, args=lambda w: [w.settlement_credit_note.pk]),
    Visit("settlement:price_list_list", READ),
    Visit("settlement:price_list_detail", READ, args=lambda w: [w.settlement_regional.pk]),
    Visit("settlement:price_list_uplift", only(COORDINATOR), args=lambda w: [w.settlement_regional.pk]),
    Visit(
        "settlement:price_list_uplift",
        only(COORDINATOR, 302),
        args=lambda w: [w.settlement_regional.pk],
        method="post",
        data={"percent": "2.5", "valid_from": "2025-01-01"},
    ),
    Visit(
        "settlement:price_list_adopt",
        only(MUNICIPAL_COORDINATORS, 302),
        args=lambda w: [w.settlement_regional.pk],
        method="post",
        data={"decision": "KF"},
    ),
    Visit("settlement:account_mapping", only(MUNICIPAL_COORDINATORS)),
    Visit(
        "settlement:account_mapping",
        only(MUNICIPAL_COORDINATORS, 302),
        method="post",
        data={
            "receivable_account": "1510",
            "revenue_account": "3430",
            "cost_account": "4510",
            "payable_account": "2510",
            "voucher_series": "I",
        },
    ),
]

API_VISITS = [
    ApiVisit("get", "/api/settlement/runs/", API_READ),
    ApiVisit(
        "post",
        "/api/settlement/runs/",
        everyone(403, **{ANONYMOUS: 401}, cecilia=422),
        json={"period": "2024-03", "final": True},
        label="already final",
    ),
    ApiVisit("get", "/api/settlement/runs/{run_id}/", API_READ, params=lambda w: {"run_id": w.settlement_run.pk}),
    ApiVisit("get", "/api/settlement/runs/{run_id}/pairs/", API_READ, params=lambda w: {"run_id": w.settlement_run.pk}),
    ApiVisit(
        "get", "/api/settlement/runs/{run_id}/netting/", API_READ, params=lambda w: {"run_id": w.settlement_run.pk}
    ),
    ApiVisit(
        "get",
        "/api/settlement/runs/{run_id}/statements/{code}/",
        API_READ,
        params=lambda w: {"run_id": w.settlement_run.pk, "code": "0126"},
    ),
    ApiVisit(
        "get",
        "/api/settlement/pairs/{pair_id}/lines/",
        API_PARTY_ONLY,
        params=lambda w: {"pair_id": w.settlement_pair.pk},
    ),
    ApiVisit(
        "get",
        "/api/settlement/pairs/{pair_id}/invoice/",
        API_PARTY_ONLY,
        params=lambda w: {"pair_id": w.settlement_pair.pk},
    ),
    ApiVisit("get", "/api/settlement/price-lists/", API_READ),
]
