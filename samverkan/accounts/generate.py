"""Generated people: per municipality a coordinator, case officers and provider staff;
per county association a regional coordinator, a steering-group member and an auditor.

Every generated person logs in with the demo password, as `gen-<code>-<n>`
(e.g. `gen-0126-1`, `gen-forbund-12-0`); the load test logs in as them.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from samverkan.accounts.models import User
from samverkan.accounts.roles import Role
from samverkan.core.demo import DEMO_PASSWORD
from samverkan.core.generation import GenerateContext
from samverkan.organisations.models import Organisation

ROLES = [Role.MUNICIPAL_COORDINATOR, Role.CASE_OFFICER, Role.PROVIDER_STAFF, Role.CASE_OFFICER]
REGIONAL_ROLES = [Role.REGIONAL_COORDINATOR, Role.STEERING_MEMBER, Role.AUDITOR]


def staff_roles(index: int, per: int) -> list[Role]:
    """The roles of the `per` people generated for the municipality at `index`.

    With fewer people per municipality than there are municipal roles (smoke scale: one
    each), the municipalities take the roles in turn, so that every role the load test
    simulates has people at every scale; with enough people each municipality has them all.
    """
    if per >= len(set(ROLES)):
        return [ROLES[i % len(ROLES)] for i in range(per)]
    return [ROLES[(index * per + i) % len(ROLES)] for i in range(per)]


def username(organisation: Organisation, n: int) -> str:
    return f"gen-{organisation.scb_code or organisation.code}-{n}"


def generate(ctx: GenerateContext) -> None:
    # One hash for everyone: hashing 1,000 passwords with Argon2 would take minutes.
    password = make_password(DEMO_PASSWORD)
    per = ctx.size["staff_per_municipality"]
    municipalities = ctx.municipalities()
    associations = list(
        Organisation.objects.filter(
            kind=Organisation.Kind.ASSOCIATION, county__in={m.county_id for m in municipalities}
        ).order_by("code")
    )
    people = [(m, i, role) for j, m in enumerate(municipalities) for i, role in enumerate(staff_roles(j, per))]
    people += [(a, i, role) for a in associations for i, role in enumerate(REGIONAL_ROLES)]
    existing = set(User.objects.filter(username__startswith="gen-").values_list("username", flat=True))
    ctx.insert(
        User,
        (
            User(
                username=username(org, i),
                first_name="Genererad",
                last_name=f"{org.short_name or org.name} {i}",
                email=f"{username(org, i)}@generated.samverkan.example",
                organisation=org,
                role=role,
                password=password,
            )
            for org, i, role in people
            if username(org, i) not in existing
        ),
        desc="användare",
    )
    if not User.objects.filter(username="cecilia").exists():
        from samverkan.accounts import demo
        from samverkan.core.demo import DemoContext

        demo.load(DemoContext(today=ctx.today))
