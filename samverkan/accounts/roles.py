"""The roles of DESIGN.md §2. A user has one role in one organisation."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional samordnare")
    MUNICIPAL_COORDINATOR = "municipal_coordinator", _("Kommunal samordnare")
    CASE_OFFICER = "case_officer", _("Handläggare")
    PROVIDER_STAFF = "provider_staff", _("Personal hos anordnare")
    STEERING_MEMBER = "steering_member", _("Ledamot i styrgrupp")
    AUDITOR = "auditor", _("Granskare")


ROLE_DESCRIPTIONS: dict[str, Promise] = {
    Role.REGIONAL_COORDINATOR: _(
        "Förbundets personal: överenskommelser, remisser, styrning, handlingsplaner, prislistor och avräkningar. "
        "Ser alla kommuners sammanställda uppgifter men inga personuppgifter om deltagare."
    ),
    Role.MUNICIPAL_COORDINATOR: _(
        "Svarar på remisser, följer upp kommunens insatser, publicerar kommunens utbud och godkänner fakturor."
    ),
    Role.CASE_OFFICER: _(
        "Registrerar och följer kommunens invånares placeringar, i egna eller andra kommuners insatser."
    ),
    Role.PROVIDER_STAFF: _(
        "Ser deltagare som placerats i den egna kommunens insatser (namn, placering och närvaro) "
        "och rapporterar närvaro."
    ),
    Role.STEERING_MEMBER: _("Läser och följer upp handlingsplanen och styrgruppens möten."),
    Role.AUDITOR: _("Läser men ändrar aldrig. Varje läsning av personuppgifter loggas."),
}


def role_of(user: Any) -> str | None:
    return getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None


def is_regional(user: Any) -> bool:
    """Sees the whole county's aggregates: the association's coordinators and auditors."""
    role = role_of(user)
    if role == Role.REGIONAL_COORDINATOR:
        return True
    org = getattr(user, "organisation", None)
    return role in (Role.AUDITOR, Role.STEERING_MEMBER) and org is not None and org.kind == "association"


def may_write(user: Any) -> bool:
    """Auditors read and never change anything."""
    role = role_of(user)
    return role is not None and role != Role.AUDITOR
