"""Every URL and API operation of statecomp, as every demo person."""

from __future__ import annotations

import datetime as dt

from samverkan.core.testing import ANONYMOUS, ApiVisit, Visit, World, everyone, only

READ = everyone(200, **{ANONYMOUS: 302})
API_READ = everyone(200, **{ANONYMOUS: 401})
# Huddinge's own people who see its figures unsuppressed (not provider staff).
HUDDINGE_OWN = {"hanna", "anna", "maja"}
# Who enters Huddinge's receptions, payments and applications: its officers and the association's coordinator.
HUDDINGE_WRITERS = {"cecilia", "hanna", "anna"}


def _writers(status: int) -> dict[str, int]:
    return only(HUDDINGE_WRITERS, status)


def _applied(status: int, *, api: bool) -> dict[str, int]:
    """Marking Huddinge's application as sent: officers elsewhere do not find it (404); the web refuses
    auditors, provider staff and steering members by role (403), the API only the auditors, who find it."""
    table = dict.fromkeys(("britt", "bo", "nils", "eve", "elsa", "tove", "vera", "olof", "karin"), 404)
    by_role = ("rut", "maja") if api else ("rut", "maja", "petra", "bengt", "stefan")
    table.update(dict.fromkeys(("petra", "bengt", "stefan"), 404))
    table.update(dict.fromkeys(by_role, 403))
    return {**table, **dict.fromkeys(HUDDINGE_WRITERS, status)}


def populate(world: World) -> None:
    from django.conf import settings

    from samverkan.accounts.models import User
    from samverkan.exchange.services import register_participant
    from samverkan.lib.identity import make
    from samverkan.organisations.models import Network, Organisation
    from samverkan.statecomp.models import CompensationKind
    from samverkan.statecomp.services import create_application, load_rates, record_payment

    load_rates(settings.BASE_DIR / "refdata")
    huddinge = Organisation.objects.get(scb_code="0126")
    hanna = User.objects.get(username="hanna")
    for serial, (day, birth) in enumerate(((4, 1993), (11, 2016), (19, 1980)), start=700):
        register_participant(
            actor=None, identity_number=make(dt.date(birth, 1, 2), serial).formatted, first_name="Walk",
            last_name="Person", home_municipality=huddinge, reception_date=dt.date(2024, 3, day),
            residence_status="refugee",
        )  # fmt: skip
    record_payment(
        actor=hanna, municipality=huddinge, kind=CompensationKind.objects.get(code="schablon"), year=2024,
        month=dt.date(2024, 3, 1), amount_ore=33_000_000, count=2, paid_on=dt.date(2024, 5, 20),
    )  # fmt: skip
    applied = CompensationKind.objects.create(
        code="walk-ansokan", name="Ersättning att söka (walk)", needs_application=True, per_person=False,
        deadline_months=6, legal_source="walk",
    )  # fmt: skip
    world.statecomp_huddinge = huddinge
    world.statecomp_application = create_application(
        actor=hanna, municipality=huddinge, kind=applied, period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 6, 30),
    )  # fmt: skip
    world.statecomp_network = Network.objects.order_by("code").first()


HUDDINGE = ["0126"]

VISITS = [
    Visit("statecomp:overview", READ),
    Visit("statecomp:overview_xlsx", READ),
    Visit("statecomp:network_detail", READ, args=lambda w: [w.statecomp_network.code]),
    Visit("statecomp:rate_list", READ),
    Visit("statecomp:rate_create", only({"cecilia"})),
    Visit(
        "statecomp:rate_create",
        only({"cecilia"}, 302),
        method="post",
        data=lambda w: {
            "kind": w.statecomp_application.kind.pk,
            "year": "2026",
            "age_group": "0-",
            "amount": "1 000",
            "source": "walk",
        },
    ),
    Visit("statecomp:application_list", READ),
    Visit(
        "statecomp:application_applied",
        {**_applied(302, api=False), ANONYMOUS: 302},
        args=lambda w: [w.statecomp_application.pk],
        method="post",
        data={"applied_on": "2024-07-01"},
    ),
    Visit("statecomp:municipality_detail", READ, args=HUDDINGE),
    Visit("statecomp:municipality_detail", everyone(404, **{ANONYMOUS: 302}), args=["9999"], label="unknown"),
    Visit("statecomp:municipality_detail", READ, args=HUDDINGE, query="ar=2024", label="a year"),
    Visit("statecomp:municipality_xlsx", READ, args=HUDDINGE),
    Visit("statecomp:payment_list", only(HUDDINGE_OWN, otherwise=404), args=HUDDINGE),
    Visit("statecomp:payment_create", _writers(200), args=HUDDINGE),
    Visit(
        "statecomp:payment_create",
        _writers(302),
        args=HUDDINGE,
        method="post",
        data=lambda w: {
            "kind": w.statecomp_application.kind.pk,
            "year": "2024",
            "amount": "1 000",
            "paid_on": "2024-06-01",
        },
    ),
    Visit("statecomp:payment_import", _writers(200), args=HUDDINGE),
    Visit("statecomp:reception_import", _writers(200), args=HUDDINGE),
    Visit("statecomp:application_create", _writers(200), args=HUDDINGE),
]

API_VISITS = [
    ApiVisit("get", "/api/statecomp/kinds/", API_READ),
    ApiVisit("get", "/api/statecomp/rates/", API_READ),
    ApiVisit(
        "post",
        "/api/statecomp/rates/",
        everyone(403, cecilia=201, **{ANONYMOUS: 401}),
        json={"kind": "schablon", "year": 2026, "age_from": 0, "age_to": 65, "amount_ore": 100, "source": "walk"},
    ),
    ApiVisit("get", "/api/statecomp/county/", API_READ),
    ApiVisit("get", "/api/statecomp/municipalities/{code}/", API_READ, params={"code": "0126"}),
    ApiVisit(
        "get",
        "/api/statecomp/municipalities/{code}/persons/",
        {**everyone(403, **{ANONYMOUS: 401}), **dict.fromkeys(HUDDINGE_OWN, 200)},
        params={"code": "0126"},
        query="year=2024",
    ),
    ApiVisit("get", "/api/statecomp/payments/", API_READ),
    ApiVisit(
        "post",
        "/api/statecomp/municipalities/{code}/payments/",
        {**everyone(403, **{ANONYMOUS: 401}), **dict.fromkeys(HUDDINGE_WRITERS, 201)},
        params={"code": "0126"},
        json={"kind": "schablon", "year": 2024, "amount_ore": 100, "paid_on": "2024-06-01"},
    ),
    ApiVisit("get", "/api/statecomp/applications/", API_READ),
    ApiVisit(
        "post",
        "/api/statecomp/applications/{application_id}/applied/",
        {**_applied(200, api=True), ANONYMOUS: 401},
        params=lambda w: {"application_id": w.statecomp_application.pk},
        json={"applied_on": "2024-07-01"},
    ),
]
