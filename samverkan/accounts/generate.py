"""Generated people: a coordinator, case officers and provider staff per municipality."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from samverkan.accounts.models import User
from samverkan.accounts.roles import Role
from samverkan.core.demo import DEMO_PASSWORD
from samverkan.core.generation import GenerateContext, batched
from samverkan.organisations.models import Organisation

ROLES = [Role.MUNICIPAL_COORDINATOR, Role.CASE_OFFICER, Role.PROVIDER_STAFF, Role.CASE_OFFICER]


def generate(ctx: GenerateContext) -> None:
    # One hash for everyone: hashing 1,000 passwords with Argon2 would take minutes.
    password = make_password(DEMO_PASSWORD)
    municipalities = Organisation.objects.municipalities()
    if ctx.county_code:
        municipalities = municipalities.in_county(ctx.county_code)
    per = ctx.size["staff_per_municipality"]
    users = (
        User(
            username=f"gen-{m.scb_code}-{i}",
            first_name="Genererad",
            last_name=f"{m.name} {i}",
            email=f"gen-{m.scb_code}-{i}@generated.samverkan.example",
            organisation=m,
            role=ROLES[i % len(ROLES)],
            password=password,
        )
        for m in municipalities.order_by("scb_code")
        for i in range(per)
    )
    for batch in batched(ctx.progress(users, desc="användare")):
        User.objects.bulk_create(batch, ignore_conflicts=True)
    if not User.objects.filter(username="cecilia").exists():
        from samverkan.accounts import demo
        from samverkan.core.demo import DemoContext

        demo.load(DemoContext(today=ctx.today))
