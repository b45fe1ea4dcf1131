"""Every URL and API operation of exchange, as every demo person (DESIGN.md §2).

The world: Botkyrka's published course and an unpublished draft; Amina, a Huddinge
resident accepted in the course; Sara, a Huddinge resident with protected personal
data, also accepted; Omar, a Huddinge resident whose request Botkyrka has not yet
answered; an import of Anna's. Huddinge (Anna, Hanna, Maja) sees its residents,
Botkyrka (Bengt, Britt) sees the people in its course but never Sara, Nacka (Eve,
Nils) and every other municipality see none of it, and the association sees
aggregates only.
"""

from __future__ import annotations

import datetime as dt

from samverkan.core.testing import ANONYMOUS, LOGGED_IN, ApiVisit, Visit, World, everyone, only

NOBODY_ELSE = everyone(404, **{ANONYMOUS: 302})
PEOPLE_ROLES = {"hanna", "anna", "petra", "maja", "britt", "bengt", "bo", "nils", "eve", "elsa", "tove", "vera"} | {
    "olof",
    "karin",
    "rut",
}
NOT_PEOPLE = {"cecilia", "stefan"}
# Case officers and municipal coordinators of a municipality (Karin's district is not one).
HOME_WRITERS = {"hanna", "anna", "britt", "bo", "nils", "eve", "elsa", "tove", "vera", "olof", "karin"}
PROVIDER_WRITERS = {"hanna", "petra", "britt", "bengt", "nils", "elsa", "tove", "vera", "olof", "karin"}
COORDINATORS = {"hanna", "britt", "nils", "elsa", "tove", "vera", "olof", "karin"}
SEES_AMINA = {"anna", "hanna", "maja", "bengt", "britt"}


def _people_page(status_for_allowed: int = 200) -> dict[str, int]:
    table = dict.fromkeys(PEOPLE_ROLES, status_for_allowed)
    table.update(dict.fromkeys(NOT_PEOPLE, 403), **{ANONYMOUS: 302})
    return table


def _seen_by(seers: dict[str, int], *, roles: set[str], role_denied: int = 403, unseen: int = 404) -> dict[str, int]:
    """Those with a role the view admits get `seers[name]` or `unseen`; the rest are refused by role."""
    table: dict[str, int] = {ANONYMOUS: 302}
    for name in LOGGED_IN:
        table[name] = seers.get(name, unseen) if name in roles else role_denied
    return table


def populate(world: World) -> None:
    from samverkan.accounts.models import User
    from samverkan.exchange import services
    from samverkan.exchange.models import ImportJob, Service, ServicePrice
    from samverkan.lib.identity import make
    from samverkan.lib.tz import today
    from samverkan.organisations.models import Organisation

    # The world is shared by every app's walk: exchange keeps its rows under world.exchange.
    x = world.exchange = World()
    botkyrka = Organisation.objects.get(code="0127")
    huddinge = Organisation.objects.get(code="0126")
    anna = User.objects.get(username="anna")
    start = today() - dt.timedelta(days=60)
    x.course = Service.objects.create(
        provider=botkyrka,
        name="Sfi för yrkesförare (walk)",
        category=Service.Category.SFI,
        price_model=Service.PriceModel.MONTH,
        capacity=10,
        languages=",ar,sv,",
        published=True,
    )
    ServicePrice.objects.create(service=x.course, valid_from=dt.date(2020, 1, 1), amount_ore=450_000)
    x.other = Service.objects.create(
        provider=botkyrka,
        name="Arbetsmarknadsintroduktion (walk)",
        category=Service.Category.LABOUR_MARKET,
        price_model=Service.PriceModel.DAY,
        capacity=10,
        published=True,
    )
    x.draft = Service.objects.create(
        provider=botkyrka,
        name="Utkast (walk)",
        category=Service.Category.OTHER,
        price_model=Service.PriceModel.HOUR,
        capacity=5,
    )

    def resident(serial: int, first: str, protected: bool = False):
        number = make(dt.date(1991, 2, 3), serial)
        person = services.register_participant(
            actor=None,
            identity_number=number.formatted,
            first_name=first,
            last_name="Walk",
            home_municipality=huddinge,
            reception_date=start - dt.timedelta(days=300),
            residence_status="refugee",
            protected=protected,
        )
        return person, number

    x.amina, x.amina_number = resident(901, "Amina")
    x.sara, _ = resident(902, "Sara", protected=True)
    x.omar, _ = resident(903, "Omar")
    x.placement = services.accept_placement(
        actor=None,
        placement=services.request_placement(actor=None, participant=x.amina, service=x.course, start=start),
    )
    x.hidden_placement = services.accept_placement(
        actor=None,
        placement=services.request_placement(actor=None, participant=x.sara, service=x.course, start=start),
    )
    x.requested = services.request_placement(actor=None, participant=x.omar, service=x.course, start=start)
    x.month = f"{today():%Y-%m}"
    x.new_number = make(dt.date(1991, 2, 3), 904).formatted
    x.job = ImportJob.objects.create(
        organisation=huddinge, kind="placements", original_name="walk.csv", file="imports/walk.dat", created_by=anna
    )


SERVICE_POST = {
    "name": "Samhällsorientering på dari",
    "category": "civic_orientation",
    "price_model": "course",
    "capacity": "12",
    "language_codes": ["prs"],
}

VISITS = [
    # The public catalogue: everyone, without login.
    Visit("exchange:catalogue", everyone(200)),
    Visit("exchange:catalogue", everyone(200), query="q=sfi&language=ar&near=0126&distance=30", label="search"),
    Visit("exchange:catalogue_detail", everyone(200), args=lambda w: [w.exchange.course.code]),
    Visit(
        "exchange:catalogue_detail",
        everyone(404, cecilia=200, britt=200, bengt=200, bo=200),
        args=lambda w: [w.exchange.draft.code],
        label="unpublished",
    ),
    Visit("exchange:import_template", everyone(200), args=["placements"]),
    # The municipality's own services.
    Visit("exchange:service_list", everyone(200, **{ANONYMOUS: 302})),
    Visit("exchange:service_create", only(COORDINATORS - {"karin"})),
    Visit("exchange:service_create", only(COORDINATORS - {"karin"}, 302), method="post", data=SERVICE_POST),
    Visit("exchange:service_update", only({"britt"}), args=lambda w: [w.exchange.course.code]),
    Visit(
        "exchange:service_update",
        _seen_by({"britt": 200}, roles=COORDINATORS),
        args=lambda w: [w.exchange.draft.code],
        label="unpublished",
    ),
    Visit("exchange:service_price", only({"britt"}), args=lambda w: [w.exchange.course.code]),
    Visit(
        "exchange:service_price",
        only({"britt"}, 302),
        args=lambda w: [w.exchange.course.code],
        method="post",
        data={"valid_from": "2030-01-01", "amount": "4 800"},
    ),
    Visit("exchange:service_start", only({"britt"}), args=lambda w: [w.exchange.course.code]),
    # Participants: the home municipality, and the provider for a placement in its own service.
    Visit("exchange:participant_list", _people_page()),
    Visit("exchange:participant_create", only(HOME_WRITERS - {"karin"})),
    Visit(
        "exchange:participant_find",
        _seen_by(dict.fromkeys(SEES_AMINA, 302), roles=PEOPLE_ROLES),
        method="post",
        data=lambda w: {"identity_number": w.exchange.amina_number.formatted},
    ),
    Visit(
        "exchange:participant_detail",
        _seen_by(dict.fromkeys(SEES_AMINA, 200), roles=PEOPLE_ROLES),
        args=lambda w: [w.exchange.amina.code],
    ),
    Visit(
        "exchange:participant_detail",
        _seen_by({"anna": 200}, roles=PEOPLE_ROLES),
        args=lambda w: [w.exchange.sara.code],
        label="protected",
    ),
    Visit(
        "exchange:participant_detail",
        _seen_by({}, roles=PEOPLE_ROLES),
        args=["D-UNKNOWN"],
        label="unknown",
    ),
    Visit(
        "exchange:participant_reveal",
        _seen_by(
            {"anna": 200, "hanna": 200, "maja": 200, "britt": 403},
            roles=PEOPLE_ROLES - {"petra", "bengt"},
        ),
        args=lambda w: [w.exchange.amina.code],
        method="post",
    ),
    Visit(
        "exchange:participant_move",
        _seen_by({"anna": 200, "hanna": 200, "britt": 403}, roles=HOME_WRITERS),
        args=lambda w: [w.exchange.amina.code],
    ),
    Visit(
        "exchange:participant_move",
        _seen_by({"anna": 400, "hanna": 400, "britt": 403}, roles=HOME_WRITERS),
        args=lambda w: [w.exchange.amina.code],
        method="post",
        data={"municipality": "", "moved_on": "2030-01-01"},
        label="no municipality",
    ),
    Visit(
        "exchange:participant_export",
        _seen_by({"anna": 200, "hanna": 200, "britt": 403}, roles=HOME_WRITERS),
        args=lambda w: [w.exchange.amina.code],
    ),
    Visit(
        "exchange:placement_create",
        _seen_by({"anna": 200, "hanna": 200, "britt": 403}, roles=HOME_WRITERS),
        args=lambda w: [w.exchange.amina.code],
    ),
    # Placements.
    Visit("exchange:placement_list", _people_page()),
    Visit("exchange:placement_list", _people_page(), query="sida=anordnare&status=accepted", label="filtered"),
    Visit(
        "exchange:placement_detail",
        _seen_by(dict.fromkeys(SEES_AMINA, 200), roles=PEOPLE_ROLES),
        args=lambda w: [w.exchange.placement.code],
    ),
    Visit(
        "exchange:placement_detail",
        _seen_by({"anna": 200, "bengt": 200, "britt": 200}, roles=PEOPLE_ROLES),
        args=lambda w: [w.exchange.hidden_placement.code],
        label="protected person",
    ),
    Visit(
        "exchange:placement_accept",
        _seen_by({"bengt": 302, "britt": 302, "hanna": 403}, roles=PROVIDER_WRITERS),
        args=lambda w: [w.exchange.requested.code],
        method="post",
    ),
    Visit(
        "exchange:placement_decline",
        _seen_by({"bengt": 200, "britt": 200, "hanna": 403}, roles=PROVIDER_WRITERS),
        args=lambda w: [w.exchange.requested.code],
    ),
    Visit(
        "exchange:placement_decline",
        _seen_by({"bengt": 302, "britt": 302, "hanna": 403}, roles=PROVIDER_WRITERS),
        args=lambda w: [w.exchange.requested.code],
        method="post",
        data={"reason": "Kursen är full i praktiken"},
    ),
    Visit(
        "exchange:placement_withdraw",
        _seen_by({"anna": 302, "hanna": 302, "britt": 403}, roles=HOME_WRITERS),
        args=lambda w: [w.exchange.requested.code],
        method="post",
    ),
    Visit(
        "exchange:placement_end",
        _seen_by({"anna": 200, "hanna": 200, "bengt": 200, "britt": 200}, roles=HOME_WRITERS | PROVIDER_WRITERS),
        args=lambda w: [w.exchange.placement.code],
    ),
    Visit(
        "exchange:placement_interrupt",
        _seen_by({"bengt": 200, "britt": 200, "hanna": 403}, roles=PROVIDER_WRITERS),
        args=lambda w: [w.exchange.placement.code],
    ),
    # Attendance.
    Visit(
        "exchange:attendance_report",
        _seen_by({"bengt": 200, "britt": 200, "hanna": 403}, roles=PROVIDER_WRITERS),
        args=lambda w: [w.exchange.placement.code],
    ),
    Visit(
        "exchange:attendance_report",
        _seen_by({"bengt": 302, "britt": 302, "hanna": 403}, roles=PROVIDER_WRITERS),
        args=lambda w: [w.exchange.placement.code],
        method="post",
        data=lambda w: {"month": w.exchange.month, "days_present": "1", "hours": "3", "reason": ""},
    ),
    Visit("exchange:attendance_month", _people_page()),
    # Bulk import.
    Visit("exchange:import_create", only((HOME_WRITERS | PROVIDER_WRITERS) - {"karin"})),
    Visit(
        "exchange:import_create",
        only((HOME_WRITERS | PROVIDER_WRITERS) - {"karin"}, 400),
        method="post",
        data={"kind": "placements"},
        label="no file",
    ),
    Visit(
        "exchange:import_detail",
        _seen_by({"anna": 200, "hanna": 200, "petra": 200}, roles=HOME_WRITERS | PROVIDER_WRITERS),
        args=lambda w: [w.exchange.job.pk],
    ),
    # County figures: aggregates, for everyone logged in.
    Visit("exchange:statistics", everyone(200, **{ANONYMOUS: 302})),
]

API_ALL = everyone(200, **{ANONYMOUS: 401})


def _api_seen_by(seers: dict[str, int], *, roles: set[str] | None = None, unseen: int = 404) -> dict[str, int]:
    table: dict[str, int] = {ANONYMOUS: 401}
    for name in LOGGED_IN:
        table[name] = seers.get(name, unseen) if roles is None or name in roles else 403
    return table


API_VISITS = [
    ApiVisit("get", "/api/catalogue/services/", everyone(200)),
    ApiVisit("get", "/api/catalogue/services/", everyone(400), query="near=9999", label="unknown municipality"),
    ApiVisit("get", "/api/catalogue/services.csv", everyone(200)),
    ApiVisit("get", "/api/exchange/services/", API_ALL),
    ApiVisit("get", "/api/exchange/services/{code}/", API_ALL, params=lambda w: {"code": w.exchange.course.code}),
    ApiVisit(
        "post",
        "/api/exchange/participants/",
        _api_seen_by(dict.fromkeys(HOME_WRITERS - {"karin"}, 201), roles=HOME_WRITERS - {"karin"}),
        json=lambda w: {
            "identity_number": w.exchange.new_number,
            "first_name": "Nya",
            "last_name": "Walk",
            "reception_date": "2024-01-02",
        },
    ),
    ApiVisit("get", "/api/exchange/placements/", API_ALL),
    ApiVisit(
        "get",
        "/api/exchange/placements/{code}/",
        _api_seen_by(dict.fromkeys(SEES_AMINA, 200)),
        params=lambda w: {"code": w.exchange.placement.code},
    ),
    ApiVisit(
        "post",
        "/api/exchange/placements/",
        _api_seen_by({"anna": 201, "hanna": 201}, roles=HOME_WRITERS),
        json=lambda w: {"participant": w.exchange.amina.code, "service": w.exchange.other.code, "start": "2031-01-01"},
    ),
    ApiVisit(
        "post",
        "/api/exchange/placements/{code}/accept/",
        _api_seen_by({"bengt": 200, "britt": 200, "anna": 403, "hanna": 403, "maja": 403}),
        params=lambda w: {"code": w.exchange.requested.code},
    ),
    ApiVisit(
        "post",
        "/api/exchange/placements/{code}/decline/",
        _api_seen_by({"bengt": 200, "britt": 200, "anna": 403, "hanna": 403, "maja": 403}),
        params=lambda w: {"code": w.exchange.requested.code},
        json={"reason": "Ingen plats"},
    ),
    ApiVisit(
        "post",
        "/api/exchange/placements/{code}/end/",
        _api_seen_by({"anna": 200, "hanna": 200, "bengt": 200, "britt": 200, "maja": 403}),
        params=lambda w: {"code": w.exchange.placement.code},
        json=lambda w: {"end": dt.date.today().isoformat()},
    ),
    ApiVisit("get", "/api/exchange/attendance/", API_ALL),
    ApiVisit("get", "/api/exchange/adjustments/", API_ALL),
    ApiVisit(
        "post",
        "/api/exchange/attendance/",
        _api_seen_by({"bengt": 201, "britt": 201, "hanna": 403}, roles=PROVIDER_WRITERS),
        json=lambda w: {
            "placement": w.exchange.placement.code,
            "month": w.exchange.month,
            "days_present": 1,
            "hours": "2.5",
        },
    ),
]
