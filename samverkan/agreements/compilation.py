"""The compilation of a round (remissammanställning): per paragraph, per organisation, counts.

Built with a fixed number of queries whatever the number of organisations, and
shared by the page, the PDF, the Excel workbook and the API.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from samverkan.agreements.models import (
    ConsultationResponse,
    ConsultationRound,
    DecisionStep,
    Paragraph,
    ParagraphComment,
)
from samverkan.lib.dates import working_days_between

# Map classes (sv-map--status-a … e in the CSS) and their meaning, in legend order.
STATUS_CLASSES = {
    "answered": ("a", _("Besvarad")),
    "in_progress": ("b", _("Under beredning")),
    "extended": ("c", _("Anstånd")),
    "late": ("d", _("Försenad")),
    "pending": ("none", _("Inte besvarad")),
    "outside": ("e", _("Inte med i remissen")),
}
DUE_SOON_WORKING_DAYS = 10


@dataclass
class OrganisationRow:
    response: ConsultationResponse
    status_key: str
    deadline: dt.date
    working_days_left: int | None  # None when the deadline is more than a few weeks away or past
    steps: list[DecisionStep]
    comment_count: int
    late: bool = False

    @property
    def organisation(self):
        return self.response.organisation

    @property
    def status_label(self) -> str:
        return str(STATUS_CLASSES[self.status_key][1])

    @property
    def css_letter(self) -> str:
        return STATUS_CLASSES[self.status_key][0]


@dataclass
class ParagraphRow:
    paragraph: Paragraph
    comments: list[ParagraphComment] = field(default_factory=list)


@dataclass
class Compilation:
    round: ConsultationRound
    today: dt.date
    organisations: list[OrganisationRow]
    paragraphs: list[ParagraphRow]
    status_counts: dict[str, int]
    stance_counts: dict[str, int]

    @property
    def late(self) -> list[OrganisationRow]:
        return [row for row in self.organisations if row.response.is_late(self.today)]

    @property
    def unanswered(self) -> list[OrganisationRow]:
        return [row for row in self.organisations if row.response.status != ConsultationResponse.Status.ANSWERED]

    @property
    def due_soon(self) -> list[OrganisationRow]:
        return sorted(
            (
                row
                for row in self.unanswered
                if not row.response.is_late(self.today)
                and row.working_days_left is not None
                and row.working_days_left <= DUE_SOON_WORKING_DAYS
            ),
            key=lambda row: row.deadline,
        )

    @property
    def legend(self) -> list[tuple[str, str, int]]:
        return [
            (letter, str(label), self.status_counts.get(key, 0))
            for key, (letter, label) in STATUS_CLASSES.items()
            if key != "outside"
        ]

    @property
    def stance_table(self) -> list[tuple[str, int]]:
        labels = dict(ConsultationResponse.Stance.choices)
        rows = [(str(labels[key]), self.stance_counts.get(key, 0)) for key in ConsultationResponse.Stance.values]
        rows.append((str(_("Inget ställningstagande än")), self.stance_counts.get("", 0)))
        return rows


def working_days_left(today: dt.date, deadline: dt.date) -> int | None:
    """Working days until the deadline, counted only when it is near (the count walks day by day)."""
    if abs((deadline - today).days) > 45:
        return None
    return working_days_between(today, deadline)


def fingerprint(round: ConsultationRound, today: dt.date) -> str:
    """Changes whenever the compilation would: any response saved (steps, comments and
    extensions all save their response), the round closed, or another day."""
    from django.db.models import Count, Max

    latest = round.responses.aggregate(
        changed=Max("updated_at"),
        n=Count("id", distinct=True),
        steps=Count("steps", distinct=True),
        comments=Count("comments", distinct=True),
    )
    changed = latest["changed"].isoformat() if latest["changed"] else "-"
    counts = f"{latest['n']}:{latest['steps']}:{latest['comments']}"
    return f"{round.pk}:{round.closed_on}:{today.isoformat()}:{counts}:{changed}"


def status_key(response: ConsultationResponse, today: dt.date) -> str:
    # An organisation whose bodies are already handling the matter shows as in progress on the
    # map even past its deadline; it is listed among the late all the same (Compilation.late).
    if response.status == ConsultationResponse.Status.ANSWERED:
        return "answered"
    if response.status == ConsultationResponse.Status.IN_PROGRESS:
        return "in_progress"
    if response.is_late(today):
        return "late"
    if response.extended_deadline:
        return "extended"
    return "pending"


def responses_for(round: ConsultationRound):
    return (
        round.responses.select_related("organisation", "organisation__parent", "round")
        .prefetch_related(
            Prefetch("steps", queryset=DecisionStep.objects.select_related("document").order_by("order", "id")),
        )
        # Municipalities first, then districts; each by name.
        .order_by("-organisation__kind", "organisation__name")
    )


def build(round: ConsultationRound, today: dt.date) -> Compilation:
    responses = list(responses_for(round))
    comments = list(
        ParagraphComment.objects.filter(response__round=round)
        .select_related("response__organisation", "step", "paragraph")
        .order_by("paragraph__number", "response__organisation__name", "id")
    )
    per_paragraph: dict[int, list[ParagraphComment]] = {}
    per_response: Counter[int] = Counter()
    for comment in comments:
        per_paragraph.setdefault(comment.paragraph_id, []).append(comment)
        per_response[comment.response_id] += 1
    rows = []
    for response in responses:
        key = status_key(response, today)
        rows.append(
            OrganisationRow(
                response=response,
                status_key=key,
                deadline=response.deadline,
                working_days_left=working_days_left(today, response.deadline),
                steps=list(response.steps.all()),
                comment_count=per_response[response.pk],
                late=response.is_late(today),
            )
        )
    paragraphs = [ParagraphRow(p, per_paragraph.get(p.pk, [])) for p in round.version.paragraphs.order_by("number")]
    return Compilation(
        round=round,
        today=today,
        organisations=rows,
        paragraphs=paragraphs,
        status_counts=dict(Counter(row.status_key for row in rows)),
        stance_counts=dict(Counter(row.response.stance for row in rows)),
    )
