"""Demo people: one per role, in several municipalities. Tests use the same names."""

from __future__ import annotations

from samverkan.accounts.models import User
from samverkan.accounts.roles import Role
from samverkan.accounts.services import create_user
from samverkan.core.demo import DEMO_PASSWORD, DemoContext
from samverkan.organisations.models import Organisation

# username, first name, last name, role, organisation code, may see protected identities
PEOPLE = [
    ("cecilia", "Cecilia", "Berg", Role.REGIONAL_COORDINATOR, "ksl", False),
    ("rut", "Rut", "Holm", Role.AUDITOR, "ksl", False),
    ("hanna", "Hanna", "Lind", Role.MUNICIPAL_COORDINATOR, "0126", False),
    ("anna", "Anna", "Ek", Role.CASE_OFFICER, "0126", True),
    ("petra", "Petra", "Falk", Role.PROVIDER_STAFF, "0126", False),
    ("britt", "Britt", "Nord", Role.MUNICIPAL_COORDINATOR, "0127", False),
    ("bengt", "Bengt", "Sjöberg", Role.PROVIDER_STAFF, "0127", False),
    ("bo", "Bo", "Strand", Role.CASE_OFFICER, "0127", False),
    ("nils", "Nils", "Dahl", Role.MUNICIPAL_COORDINATOR, "0182", False),
    ("eve", "Eve", "Nyström", Role.CASE_OFFICER, "0182", False),
    ("elsa", "Elsa", "Gran", Role.MUNICIPAL_COORDINATOR, "0125", False),
    ("tove", "Tove", "Ahl", Role.MUNICIPAL_COORDINATOR, "0138", False),
    ("vera", "Vera", "Lund", Role.MUNICIPAL_COORDINATOR, "0120", False),
    ("olof", "Olof", "Brandt", Role.MUNICIPAL_COORDINATOR, "0180", False),
    ("karin", "Karin", "Wall", Role.MUNICIPAL_COORDINATOR, "sdn-hagersten-liljeholmen", False),
    ("stefan", "Stefan", "Alm", Role.STEERING_MEMBER, "0181", False),
    ("maja", "Maja", "Ros", Role.AUDITOR, "0126", False),
]


def load(ctx: DemoContext) -> None:
    organisations = {o.code: o for o in Organisation.objects.filter(code__in={p[4] for p in PEOPLE})}
    for username, first, last, role, org_code, protected in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = create_user(
                actor=None,
                username=username,
                organisation=organisations[org_code],
                role=role,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                email=f"{username}@demo.samverkan.example",
                may_see_protected=protected,
            )
        ctx.users[username] = user
        ctx.logins.append((username, user.get_role_display(), user.organisation.name))
