"""The start page's panel: the open follow-up rounds, and what one's own organisation still owes."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.roles import Role
from samverkan.actionplans import services
from samverkan.actionplans.models import FollowUpRound
from samverkan.core.startpage import Panel


def followup(request: HttpRequest) -> Panel | None:
    user = request.user
    if not getattr(user, "is_authenticated", False) or not getattr(user, "role", ""):
        return None
    rounds = list(
        FollowUpRound.objects.visible_to(user)
        .filter(closed_on__isnull=True)
        .select_related("plan")
        .order_by("deadline")[:3]
    )
    if not rounds:
        return None
    items = []
    for round_ in rounds:
        owed = []
        if user.role == Role.MUNICIPAL_COORDINATOR:
            owed = [
                (org, measures)
                for org, measures in services.missing_reports(round_)
                if org.pk in user.scope_organisation_ids
            ]
        items.append({"round": round_, "owed": owed})
    return Panel(_("Uppföljning av handlingsplanen"), "actionplans/panel.html", {"items": items}, order=30)
