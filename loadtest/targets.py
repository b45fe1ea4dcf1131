"""Writes what the load test's users need to know, as JSON on stdout: who logs in as
which role, and the ids of the rows their journeys open.

    DATABASE_URL=… .venv/bin/python loadtest/targets.py > var/loadtest/targets.json

Run against the generated database the server serves (`make loadtest` does it).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
os.environ.setdefault("TESTING", "true")


def collect() -> dict:
    import django

    django.setup()
    from django.db.models import Count

    from samverkan.accounts.models import User
    from samverkan.agreements.models import ConsultationResponse, ConsultationRound
    from samverkan.core.demo import DEMO_PASSWORD

    rounds = {
        county: pk
        for pk, county in ConsultationRound.objects.annotate(n=Count("responses"))
        .filter(n__gt=0)
        .order_by("n", "pk")
        .values_list("pk", "version__agreement__county__code")
    }
    responses = {
        org: pk
        for pk, org in ConsultationResponse.objects.filter(round_id__in=rounds.values()).values_list(
            "pk", "organisation_id"
        )
    }
    people = []
    for user in (
        User.objects.filter(username__startswith="gen-", is_active=True)
        .select_related("organisation__county")
        .order_by("username")
    ):
        org = user.organisation
        county = org.county.code if org and org.county else None
        people.append(
            {
                "username": user.username,
                "role": user.role,
                "organisation": org.code if org else None,
                "scb_code": org.scb_code if org else None,
                "county": county,
                "round": rounds.get(county),
                "response": responses.get(org.pk) if org else None,
            }
        )
    return {"password": DEMO_PASSWORD, "people": people, **_other_apps()}


def _other_apps() -> dict:
    """Rows of the apps that landed later; absent ones leave their journeys out."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    found: dict = {"urls": []}
    for name in (
        "exchange:catalogue",
        "exchange:participant_list",
        "exchange:placement_list",
        "exchange:attendance_month",
        "actionplans:plan_list",
        "settlement:run_list",
    ):
        try:
            reverse(name)
        except NoReverseMatch:
            continue
        found["urls"].append(name)
    try:
        from samverkan.settlement.models import SettlementRun

        run = SettlementRun.objects.order_by("-period_start", "-pk").first()
        found["settlement_run"] = run.pk if run and "settlement:run_list" in found["urls"] else None
    except ImportError:
        pass
    try:
        from samverkan.actionplans.models import FollowUpRound

        round_ = FollowUpRound.objects.annotate(n=Count("reports")).order_by("-n", "pk").first()
        found["followup_round"] = round_.pk if round_ else None
        found["action_plan"] = round_.plan_id if round_ else None
    except ImportError:
        pass
    return found


if __name__ == "__main__":
    json.dump(collect(), sys.stdout, ensure_ascii=False)
