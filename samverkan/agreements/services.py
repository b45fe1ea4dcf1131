"""Operations on agreements, rounds and responses. Each one is atomic and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.agreements.models import (
    Agreement,
    AgreementVersion,
    ConsultationResponse,
    ConsultationRound,
    DecisionStep,
    Paragraph,
    ParagraphComment,
)
from samverkan.audit.services import record, snapshot
from samverkan.documents.models import Document
from samverkan.documents.services import publish
from samverkan.lib.dates import is_working_day, public_holidays
from samverkan.lib.tz import today as local_today
from samverkan.organisations.models import Body, Organisation


class AgreementError(Exception):
    """A refused operation; `field` names the form field the message belongs to (None: the whole form)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _working_day_problem(day: dt.date) -> str | None:
    if is_working_day(day):
        return None
    holiday = public_holidays(day.year).get(day)
    if holiday:
        return _("%(day)s är en helgdag (%(name)s). Välj en arbetsdag.") % {"day": day.isoformat(), "name": holiday}
    return _("%(day)s är en lördag eller söndag. Välj en arbetsdag.") % {"day": day.isoformat()}


# --- versions and paragraphs ---------------------------------------------------------------------------


def create_version(
    *,
    actor: Any,
    agreement: Agreement,
    title: str,
    dated: dt.date,
    registration_number: str = "",
    copy_from: AgreementVersion | None = None,
) -> AgreementVersion:
    """A new draft version, with the paragraphs of `copy_from` to start from."""
    with transaction.atomic():
        # Two coordinators creating versions at once would otherwise take the same number.
        Agreement.objects.select_for_update().get(pk=agreement.pk)
        last = agreement.versions.order_by("-number").first()
        version = AgreementVersion.objects.create(
            agreement=agreement,
            number=(last.number + 1) if last else 1,
            title=title,
            dated=dated,
            registration_number=registration_number,
        )
        if copy_from is not None:
            Paragraph.objects.bulk_create(
                Paragraph(version=version, number=p.number, heading=p.heading, text=p.text, is_demo_text=p.is_demo_text)
                for p in copy_from.paragraphs.all()
            )
        record(actor=actor, action="agreement.version.create", obj=version, after=snapshot(version))
    return version


def save_paragraph(
    *,
    actor: Any,
    version: AgreementVersion,
    number: int,
    heading: str,
    text: str,
    paragraph: Paragraph | None = None,
) -> Paragraph:
    """Add or change a paragraph of a draft version; a version that has been sent never changes."""
    with transaction.atomic():
        # Sending locks the version; the row lock makes an edit racing the sending see it sent.
        version = AgreementVersion.objects.select_for_update().get(pk=version.pk)
        if version.is_locked:
            raise AgreementError(
                _("Versionen har skickats på remiss och kan inte ändras. Skapa en ny version för att ändra texten.")
            )
        clash = version.paragraphs.filter(number=number)
        if paragraph is not None:
            clash = clash.exclude(pk=paragraph.pk)
        if clash.exists():
            raise AgreementError(_("Versionen har redan en § %(n)s.") % {"n": number}, "number")
        # The form may already have changed the instance in memory: "before" comes from the database.
        before = snapshot(Paragraph.objects.get(pk=paragraph.pk)) if paragraph else None
        if paragraph is None:
            paragraph = Paragraph(version=version)
        paragraph.number = number
        paragraph.heading = heading
        paragraph.text = text
        paragraph.is_demo_text = False
        paragraph.save()
        record(
            actor=actor,
            action="agreement.paragraph.save",
            obj=paragraph,
            before=before,
            after=snapshot(paragraph),
        )
    return paragraph


# --- rounds -----------------------------------------------------------------------------------------------


def send_round(
    *,
    actor: Any,
    version: AgreementVersion,
    title: str,
    sent_on: dt.date,
    deadline: dt.date,
    organisations: Iterable[Organisation],
    is_demo: bool = False,
) -> ConsultationRound:
    """Send a version for consultation: the round, one pending response per organisation, the version locked."""
    recipients = list(organisations)
    if not recipients:
        raise AgreementError(_("Välj minst en kommun eller stadsdelsnämnd som remissen ska gå till."), "organisations")
    if deadline < sent_on:
        raise AgreementError(_("Sista svarsdag kan inte ligga före dagen då remissen skickas."), "deadline")
    problem = _working_day_problem(deadline)
    if problem:
        raise AgreementError(problem, "deadline")
    wrong = [o.name for o in recipients if o.kind not in (Organisation.Kind.MUNICIPALITY, Organisation.Kind.DISTRICT)]
    if wrong:
        raise AgreementError(
            _("Remisser går till kommuner och stadsdelsnämnder, inte till %(names)s.") % {"names": ", ".join(wrong)},
            "organisations",
        )
    with transaction.atomic():
        version = AgreementVersion.objects.select_for_update().get(pk=version.pk)
        if not version.paragraphs.exists():
            raise AgreementError(_("Versionen har inga paragrafer att skicka."))
        round_ = ConsultationRound.objects.create(
            version=version, title=title, sent_on=sent_on, deadline=deadline, created_by=_user(actor), is_demo=is_demo
        )
        ConsultationResponse.objects.bulk_create(
            ConsultationResponse(round=round_, organisation=o, is_demo=is_demo) for o in recipients
        )
        if version.status == AgreementVersion.Status.DRAFT:
            version.status = AgreementVersion.Status.SENT
            version.sent_at = timezone.now()
            version.save(update_fields=["status", "sent_at"])
        record(
            actor=actor,
            action="agreement.round.send",
            obj=round_,
            after={**snapshot(round_), "organisations": [o.code for o in recipients]},
        )
    return round_


def close_round(*, actor: Any, round: ConsultationRound, closed_on: dt.date) -> ConsultationRound:
    with transaction.atomic():
        round_ = ConsultationRound.objects.select_for_update().get(pk=round.pk)
        if round_.is_closed:
            raise AgreementError(
                _("Remissomgången stängdes redan %(day)s.") % {"day": round_.closed_on.isoformat()}  # type: ignore[union-attr]
            )
        if closed_on < round_.sent_on:
            raise AgreementError(_("Remissen kan inte stängas före dagen då den skickades."), "closed_on")
        round_.closed_on = closed_on
        round_.save(update_fields=["closed_on"])
        record(actor=actor, action="agreement.round.close", obj=round_, after={"closed_on": closed_on})
    return round_


def grant_extension(
    *, actor: Any, response: ConsultationResponse, deadline: dt.date, reason: str, granted_on: dt.date | None = None
) -> ConsultationResponse:
    """An extension (anstånd): the organisation's own deadline, after the round's."""
    with transaction.atomic():
        response = ConsultationResponse.objects.select_for_update().select_related("round").get(pk=response.pk)
        round_ = response.round
        if round_.is_closed:
            raise AgreementError(_("Remissomgången är stängd; anstånd kan inte längre ges."))
        if response.status == ConsultationResponse.Status.ANSWERED:
            raise AgreementError(_("Organisationen har redan svarat; anstånd behövs inte."))
        if deadline <= round_.deadline:
            raise AgreementError(
                _("Anståndet måste gå ut efter remissens sista svarsdag %(day)s.")
                % {"day": round_.deadline.isoformat()},
                "deadline",
            )
        problem = _working_day_problem(deadline)
        if problem:
            raise AgreementError(problem, "deadline")
        before = snapshot(response, ["extended_deadline", "extension_reason", "extension_granted_on"])
        response.extended_deadline = deadline
        response.extension_reason = reason
        response.extension_granted_on = granted_on
        response.save(update_fields=["extended_deadline", "extension_reason", "extension_granted_on", "updated_at"])
        record(
            actor=actor,
            action="agreement.response.extend",
            obj=response,
            before=before,
            after=snapshot(response, ["extended_deadline", "extension_reason", "extension_granted_on"]),
        )
    return response


# --- responses ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentInput:
    paragraph_number: int
    excerpt: str


def response_in_round(round: ConsultationRound, organisation: Organisation) -> ConsultationResponse:
    """The organisation's response in the round; refused when the organisation is not in it."""
    response = round.responses.filter(organisation=organisation).select_related("organisation", "round").first()
    if response is None:
        raise AgreementError(
            _("%(name)s finns inte med i remissomgången ”%(round)s” och kan inte svara på den.")
            % {"name": organisation.name, "round": round.title},
            "organisation",
        )
    return response


def record_step(
    *,
    actor: Any,
    response: ConsultationResponse,
    kind: str,
    body_name: str,
    body: Body | None = None,
    meeting_date: dt.date | None = None,
    decision_text: str = "",
    registration_number: str = "",
    case_officer: str = "",
    document: Document | None = None,
    stance: str = "",
    comments: Sequence[CommentInput] = (),
    final: bool = False,
    is_demo: bool = False,
    today: dt.date | None = None,
) -> DecisionStep:
    """Record one step of an organisation's decision, its stance and paragraph comments, all or nothing."""
    today = today or local_today()
    if kind not in DecisionStep.Kind.values:
        raise AgreementError(_("Okänd dokumenttyp."), "kind")
    if stance and stance not in ConsultationResponse.Stance.values:
        raise AgreementError(_("Okänt ställningstagande."), "stance")
    if not body_name.strip():
        raise AgreementError(_("Ange vilket organ beslutet eller yttrandet kommer från."), "body_name")
    if final and not stance:
        raise AgreementError(_("Ett slutligt svar behöver ett ställningstagande."), "stance")
    if final and meeting_date is None:
        raise AgreementError(_("Ett slutligt svar behöver ett datum."), "meeting_date")
    with transaction.atomic():
        # Two officers of the same organisation may register at the same time; the lock orders them.
        response = (
            ConsultationResponse.objects.select_for_update()
            .select_related("round__version", "organisation")
            .get(pk=response.pk)
        )
        round_ = response.round
        if meeting_date is not None:
            if meeting_date > today:
                raise AgreementError(
                    _("Datumet %(day)s ligger i framtiden.") % {"day": meeting_date.isoformat()}, "meeting_date"
                )
            if round_.closed_on and meeting_date > round_.closed_on:
                raise AgreementError(
                    _(
                        "Remissomgången stängdes %(closed)s. Ett beslut daterat %(day)s kom efter det och kan inte "
                        "registreras i den här omgången."
                    )
                    % {"closed": round_.closed_on.isoformat(), "day": meeting_date.isoformat()},
                    "meeting_date",
                )
            if meeting_date < round_.version.dated:
                raise AgreementError(
                    _("Datumet %(day)s ligger före förslaget (%(dated)s) som remissen gäller.")
                    % {"day": meeting_date.isoformat(), "dated": round_.version.dated.isoformat()},
                    "meeting_date",
                )
        elif round_.is_closed:
            raise AgreementError(
                _("Remissomgången är stängd. Ange beslutsdatum: bara beslut fattade innan den stängdes tas emot."),
                "meeting_date",
            )
        if body is not None and body.organisation_id not in {response.organisation_id, response.organisation.parent_id}:
            raise AgreementError(_("Organet hör inte till %(name)s.") % {"name": response.organisation.name}, "body")
        paragraphs = {p.number: p for p in round_.version.paragraphs.all()}
        unknown = sorted({c.paragraph_number for c in comments} - set(paragraphs))
        if unknown:
            raise AgreementError(
                _("Versionen som remissen gäller har ingen § %(numbers)s.") % {"numbers": ", ".join(map(str, unknown))},
                "comments",
            )
        if document is not None and document.status != Document.Status.READ:
            raise AgreementError(_("Dokumentet är inte färdigläst."), "document")
        if document is not None and document.decision_steps.exists():
            raise AgreementError(_("Dokumentet är redan bifogat ett beslut."), "document")
        before = snapshot(response, ["status", "stance", "answered_on"])
        step = DecisionStep.objects.create(
            response=response,
            order=response.steps.count() + 1,
            body=body,
            body_name=body_name.strip(),
            kind=kind,
            meeting_date=meeting_date,
            decision_text=decision_text,
            registration_number=registration_number,
            case_officer=case_officer,
            document=document,
            is_demo=is_demo,
            created_by=_user(actor),
        )
        ParagraphComment.objects.bulk_create(
            ParagraphComment(
                response=response,
                paragraph=paragraphs[c.paragraph_number],
                step=step,
                excerpt=c.excerpt.strip(),
                is_demo=is_demo,
            )
            for c in comments
            if c.excerpt.strip()
        )
        if stance:
            response.stance = stance
        if final:
            response.status = ConsultationResponse.Status.ANSWERED
            response.answered_on = meeting_date
        elif response.status == ConsultationResponse.Status.PENDING:
            response.status = ConsultationResponse.Status.IN_PROGRESS
        response.save(update_fields=["stance", "status", "answered_on", "updated_at"])
        if document is not None:
            publish(document, response.organisation)
        record(
            actor=actor,
            action="agreement.response.step",
            obj=response,
            before=before,
            after={
                **snapshot(response, ["status", "stance", "answered_on"]),
                "step": snapshot(step, ["kind", "body_name", "meeting_date", "registration_number", "document_id"]),
                "comments": [c.paragraph_number for c in comments],
            },
        )
    return step


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
