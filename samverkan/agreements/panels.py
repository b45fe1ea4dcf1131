"""The start page's panel: open consultations, one's own answers and deadlines."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.roles import Role, is_regional
from samverkan.agreements import compilation as comp
from samverkan.agreements.models import ConsultationResponse, ConsultationRound
from samverkan.core.startpage import Panel
from samverkan.lib.tz import today


def consultations(request: HttpRequest) -> Panel | None:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    day = today()
    context: dict = {"own": [], "rounds": []}
    if user.role == Role.MUNICIPAL_COORDINATOR:
        own = (
            ConsultationResponse.objects.writable_by(user)
            .filter(round__closed_on__isnull=True)
            .select_related("round", "organisation")
            .order_by("round__deadline")[:10]
        )
        for response in own:
            key = comp.status_key(response, day)
            context["own"].append(
                comp.OrganisationRow(
                    response,
                    key,
                    response.deadline,
                    comp.working_days_left(day, response.deadline),
                    [],
                    0,
                    late=response.is_late(day),
                )
            )
    elif is_regional(user):
        for round_ in (
            ConsultationRound.objects.visible_to(user).filter(closed_on__isnull=True).order_by("-sent_on")[:3]
        ):
            responses = list(round_.responses.select_related("round"))
            keys = [comp.status_key(r, day) for r in responses]
            context["rounds"].append(
                {
                    "round": round_,
                    "total": len(responses),
                    "answered": keys.count("answered"),
                    "late": sum(1 for r in responses if r.is_late(day)),
                    "due_soon": sum(
                        1
                        for r, k in zip(responses, keys, strict=True)
                        if k != "answered"
                        and not r.is_late(day)
                        and (left := comp.working_days_left(day, r.deadline)) is not None
                        and left <= comp.DUE_SOON_WORKING_DAYS
                    ),
                }
            )
    else:
        return None
    if not context["own"] and not context["rounds"]:
        return None
    return Panel(_("Remisser om överenskommelsen"), "agreements/panel.html", context, order=20)
