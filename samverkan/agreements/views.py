from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.decorators import role_required
from samverkan.accounts.roles import Role
from samverkan.accounts.tenancy import get_object_for
from samverkan.accounts.typing import AuthenticatedRequest
from samverkan.agreements import compilation as comp
from samverkan.agreements import exports, services
from samverkan.agreements.forms import (
    CloseRoundForm,
    CommentFormSet,
    ExtensionForm,
    ParagraphForm,
    ReviewForm,
    RoundForm,
    StepForm,
    UploadForm,
    VersionForm,
)
from samverkan.agreements.models import (
    Agreement,
    AgreementVersion,
    ConsultationResponse,
    ConsultationRound,
    Paragraph,
)
from samverkan.agreements.services import AgreementError, CommentInput
from samverkan.documents import extraction
from samverkan.documents import services as documents
from samverkan.documents.models import Document
from samverkan.lib.tz import today
from samverkan.organisations.models import Organisation
from samverkan.organisations.views import county_map

ANSWERING = (Role.REGIONAL_COORDINATOR, Role.MUNICIPAL_COORDINATOR)
PAGE_SIZE = 30


def _form_error(form: Any, error: AgreementError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


# --- agreements and versions -----------------------------------------------------------------------


@role_required()
def agreement_list(request: AuthenticatedRequest) -> HttpResponse:
    agreements = Agreement.objects.visible_to(request.user).select_related("county").order_by("title")
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("page"))
    rounds = (
        ConsultationRound.objects.visible_to(request.user)
        .filter(version__agreement__in=list(page.object_list))
        .select_related("version__agreement")
        .order_by("-sent_on")[:20]
    )
    return render(request, "agreements/agreement_list.html", {"page_obj": page, "rounds": rounds})


@role_required()
def agreement_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = get_object_for(request.user, Agreement, pk)
    versions = agreement.versions.order_by("-number").prefetch_related("rounds")
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "versions": versions,
            "may_manage": Agreement.objects.writable_by(request.user).filter(pk=agreement.pk).exists(),
        },
    )


@role_required(Role.REGIONAL_COORDINATOR, write=True)
def version_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = get_object_for(request.user, Agreement, pk, write=True)
    form = VersionForm(request.POST if request.method == "POST" else None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        version = services.create_version(
            actor=request.user,
            agreement=agreement,
            title=form.cleaned_data["title"],
            dated=form.cleaned_data["dated"],
            registration_number=form.cleaned_data["registration_number"],
            copy_from=form.cleaned_data["copy_from"],
        )
        messages.success(request, _("Ett utkast till ny version är skapat."))
        return redirect("agreements:version_detail", pk=version.pk)
    return render(
        request,
        "agreements/version_form.html",
        {"form": form, "agreement": agreement},
        status=400 if form.errors else 200,
    )


@role_required()
def version_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = get_object_for(request.user, AgreementVersion.objects.select_related("agreement"), pk)
    may_manage = AgreementVersion.objects.writable_by(request.user).filter(pk=version.pk).exists()
    return render(
        request,
        "agreements/version_detail.html",
        {
            "version": version,
            "paragraphs": version.paragraphs.order_by("number"),
            "rounds": version.rounds.order_by("-sent_on"),
            "may_edit": may_manage and not version.is_locked,
            "may_send": may_manage,
        },
    )


@role_required(Role.REGIONAL_COORDINATOR, write=True)
def paragraph_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = get_object_for(request.user, AgreementVersion, pk, write=True)
    return _paragraph_form(request, version, None)


@role_required(Role.REGIONAL_COORDINATOR, write=True)
def paragraph_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    paragraph = get_object_for(request.user, Paragraph.objects.select_related("version"), pk, write=True)
    return _paragraph_form(request, paragraph.version, paragraph)


def _paragraph_form(
    request: AuthenticatedRequest, version: AgreementVersion, paragraph: Paragraph | None
) -> HttpResponse:
    form = ParagraphForm(request.POST if request.method == "POST" else None, instance=paragraph)
    status = 200
    if version.is_locked:
        form.add_error(None, _("Versionen har skickats på remiss och kan inte ändras. Skapa en ny version."))
        status = 409
    elif request.method == "POST" and form.is_valid():
        try:
            services.save_paragraph(
                actor=request.user,
                version=version,
                paragraph=paragraph,
                number=form.cleaned_data["number"],
                heading=form.cleaned_data["heading"],
                text=form.cleaned_data["text"],
            )
        except AgreementError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Paragrafen är sparad."))
            return redirect("agreements:version_detail", pk=version.pk)
    if form.errors and status == 200:
        status = 400
    return render(
        request,
        "agreements/paragraph_form.html",
        {"form": form, "version": version, "paragraph": paragraph},
        status=status,
    )


# --- rounds ----------------------------------------------------------------------------------------


@role_required(Role.REGIONAL_COORDINATOR, write=True)
def round_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = get_object_for(request.user, AgreementVersion, pk, write=True)
    form = RoundForm(
        request.POST if request.method == "POST" else None,
        today=today(),
        initial={"title": _("Remiss: %(title)s") % {"title": version.title}, "sent_on": today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.send_round(
                actor=request.user,
                version=version,
                title=form.cleaned_data["title"],
                sent_on=form.cleaned_data["sent_on"],
                deadline=form.cleaned_data["deadline"],
                organisations=form.cleaned_data["organisations"],
            )
        except AgreementError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("Remissen är skickad till %(n)s organisationer.") % {"n": round_.responses.count()}
            )
            return redirect("agreements:round_detail", pk=round_.pk)
    return render(
        request, "agreements/round_form.html", {"form": form, "version": version}, status=400 if form.errors else 200
    )


@role_required()
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, ConsultationRound.objects.select_related("version__agreement"), pk)
    compilation = comp.build(round_, today())
    writable = set(
        ConsultationResponse.objects.writable_by(request.user).filter(round=round_).values_list("pk", flat=True)
    )
    return render(
        request,
        "agreements/round_detail.html",
        {
            "round": round_,
            "c": compilation,
            "writable": writable,
            "may_manage": ConsultationRound.objects.writable_by(request.user).filter(pk=round_.pk).exists(),
            "close_form": CloseRoundForm(initial={"closed_on": today()}),
            **_status_map(round_, compilation),
        },
    )


def _status_map(round_: ConsultationRound, compilation: comp.Compilation) -> dict[str, Any]:
    in_round = {row.organisation.pk: row for row in compilation.organisations}
    municipalities = list(
        Organisation.objects.municipalities().in_county(round_.version.agreement.county).order_by("name")
    )
    classes = {}
    for m in municipalities:
        row = in_round.get(m.pk)
        letter = row.css_letter if row else "e"
        if letter != "none":
            classes[m.scb_code] = f"sv-map--status-{letter}"
    return county_map(municipalities, classes, _("Karta: kommunernas svar på remissen."))


@require_POST
@role_required(Role.REGIONAL_COORDINATOR, write=True)
def round_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, ConsultationRound, pk, write=True)
    form = CloseRoundForm(request.POST)
    if form.is_valid():
        try:
            services.close_round(actor=request.user, round=round_, closed_on=form.cleaned_data["closed_on"])
        except AgreementError as error:
            messages.error(request, error.message)
            return redirect("agreements:round_detail", pk=round_.pk)
        messages.success(request, _("Remissomgången är stängd."))
    else:
        messages.error(request, _("Ange ett giltigt datum då omgången stängs."))
    return redirect("agreements:round_detail", pk=round_.pk)


@role_required()
def round_compilation(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, ConsultationRound.objects.select_related("version__agreement"), pk)
    compilation = comp.build(round_, today())
    return render(
        request, "agreements/compilation.html", {"round": round_, "c": compilation, **_status_map(round_, compilation)}
    )


@role_required()
def round_compilation_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, ConsultationRound.objects.select_related("version__agreement"), pk)
    pdf = _cached(round_, "pdf", exports.compilation_pdf)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="remissammanstallning-{round_.pk}.pdf"'
    return response


@role_required()
def round_compilation_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, ConsultationRound.objects.select_related("version__agreement"), pk)
    data = _cached(round_, "xlsx", exports.compilation_xlsx)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="remissammanstallning-{round_.pk}.xlsx"'
    return response


def _cached(round_: ConsultationRound, kind: str, render: Any) -> bytes:
    """The same compilation is downloaded by many before a meeting: it is rendered once per change."""
    key = f"agreements:compilation:{kind}:{comp.fingerprint(round_, today())}"
    data = cache.get(key)
    if data is None:
        data = render(comp.build(round_, today()))
        cache.set(key, data, 60 * 60)
    return data


# --- responses --------------------------------------------------------------------------------------


@role_required()
def response_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    response = get_object_for(
        request.user, ConsultationResponse.objects.select_related("organisation", "round__version"), pk
    )
    return render(
        request,
        "agreements/response_detail.html",
        {
            "response": response,
            "steps": response.steps.select_related("document", "body").order_by("order", "id"),
            "comments": response.comments.select_related("paragraph").order_by("paragraph__number", "id"),
            "may_answer": ConsultationResponse.objects.writable_by(request.user).filter(pk=response.pk).exists(),
            "may_extend": ConsultationRound.objects.writable_by(request.user).filter(pk=response.round_id).exists(),
            "deadline": response.deadline,
            "late": response.is_late(today()),
        },
    )


@role_required(Role.REGIONAL_COORDINATOR, write=True)
def response_extend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    response = get_object_for(request.user, ConsultationResponse.objects.select_related("round", "organisation"), pk)
    form = ExtensionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_extension(
                actor=request.user,
                response=response,
                deadline=form.cleaned_data["deadline"],
                reason=form.cleaned_data["reason"],
                granted_on=today(),
            )
        except AgreementError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Anståndet är registrerat."))
            return redirect("agreements:response_detail", pk=response.pk)
    return render(
        request,
        "agreements/extension_form.html",
        {"form": form, "response": response},
        status=400 if form.errors else 200,
    )


def _paragraphs(round_: ConsultationRound) -> list[Paragraph]:
    return list(round_.version.paragraphs.order_by("number"))


def _comments(formset: Any) -> list[CommentInput]:
    return [
        CommentInput(f.cleaned_data["paragraph"], f.cleaned_data["excerpt"])
        for f in formset.forms
        if f.cleaned_data.get("paragraph") and f.cleaned_data.get("excerpt")
    ]


@role_required(*ANSWERING, write=True)
def step_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    response = get_object_for(
        request.user, ConsultationResponse.objects.select_related("organisation", "round__version"), pk, write=True
    )
    paragraphs = _paragraphs(response.round)
    form = StepForm(request.POST if request.method == "POST" else None, organisations=[response.organisation])
    formset = CommentFormSet(
        request.POST if request.method == "POST" else None, prefix="c", form_kwargs={"paragraphs": paragraphs}
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            services.record_step(
                actor=request.user,
                response=response,
                kind=data["kind"],
                body=data["body"],
                body_name=data["body_name"],
                meeting_date=data["meeting_date"],
                decision_text=data["decision_text"],
                registration_number=data["registration_number"],
                case_officer=data["case_officer"],
                stance=data["stance"],
                comments=_comments(formset),
                final=data["final"],
            )
        except AgreementError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Beslutssteget är registrerat."))
            return redirect("agreements:response_detail", pk=response.pk)
    return render(
        request,
        "agreements/step_form.html",
        {"form": form, "formset": formset, "response": response},
        status=400 if (form.errors or any(formset.errors)) else 200,
    )


def _answerable(request: AuthenticatedRequest, round_: ConsultationRound) -> list[Organisation]:
    responses = (
        ConsultationResponse.objects.writable_by(request.user).filter(round=round_).select_related("organisation")
    )
    return [r.organisation for r in responses]


@role_required(*ANSWERING, write=True)
def round_upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, ConsultationRound.objects.select_related("version"), pk)
    if not _answerable(request, round_):
        raise PermissionDenied
    form = UploadForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > settings.UPLOAD_MAX_BYTES:
                raise extraction.UnreadableDocument(
                    _("Filen är för stor (%(size)s MB). Största tillåtna storlek är %(max)s MB.")
                    % {
                        "size": round(upload.size / 1024 / 1024, 1),
                        "max": round(settings.UPLOAD_MAX_BYTES / 1024 / 1024),
                    }
                )
            document = documents.receive(
                actor=request.user, organisation=request.user.organisation, name=upload.name, data=upload.read()
            )
        except extraction.UnreadableDocument as error:
            form.add_error("file", str(error))
        else:
            return redirect("agreements:document_review", pk=round_.pk, document=document.pk)
    return render(
        request,
        "agreements/upload.html",
        {"form": form, "round": round_, "ocr_problem": extraction.ocr_problem()},
        status=400 if form.errors else 200,
    )


@role_required(*ANSWERING, write=True)
def document_review(request: AuthenticatedRequest, pk: int, document: int) -> HttpResponse:
    round_ = get_object_for(request.user, ConsultationRound.objects.select_related("version"), pk)
    doc = get_object_for(request.user, Document, document, write=True)
    organisations = _answerable(request, round_)
    if not organisations:
        raise PermissionDenied
    if not doc.is_finished or doc.status == Document.Status.REFUSED:
        return render(request, "agreements/document_progress.html", {"round": round_, "document": doc})
    if doc.decision_steps.exists():
        messages.info(request, _("Dokumentet är redan registrerat."))
        return redirect("agreements:round_detail", pk=round_.pk)
    proposal = doc.proposal or {}
    proposed_id = proposal.get("organisation_id")
    proposed = Organisation.objects.filter(pk=proposed_id).first() if proposed_id else None
    in_round = proposed is not None and round_.responses.filter(organisation=proposed).exists()
    paragraphs = _paragraphs(round_)
    initial = _initial_from(proposal, proposed if proposed in organisations else None, organisations)
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        proposed=proposed,
        initial=initial,
    )
    comments_initial = [
        {"paragraph": c["paragraph"], "excerpt": c["excerpt"]}
        for c in proposal.get("paragraph_comments", [])
        if c["paragraph"] in {p.number for p in paragraphs}
    ]
    formset = CommentFormSet(
        request.POST if request.method == "POST" else None,
        prefix="c",
        initial=comments_initial,
        form_kwargs={"paragraphs": paragraphs},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            response = services.response_in_round(round_, data["organisation"])
            services.record_step(
                actor=request.user,
                response=response,
                kind=data["kind"],
                body=data["body"],
                body_name=data["body_name"],
                meeting_date=data["meeting_date"],
                decision_text=data["decision_text"],
                registration_number=data["registration_number"],
                case_officer=data["case_officer"],
                stance=data["stance"],
                comments=_comments(formset),
                final=data["final"],
                document=doc,
            )
        except AgreementError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Svaret är registrerat och dokumentet bifogat."))
            return redirect("agreements:response_detail", pk=response.pk)
    return render(
        request,
        "agreements/document_review.html",
        {
            "round": round_,
            "document": doc,
            "proposal": proposal,
            "proposed": proposed,
            "proposed_in_round": in_round,
            "proposed_answerable": proposed in organisations,
            "form": form,
            "formset": formset,
        },
        status=400 if (form.errors or any(formset.errors)) else 200,
    )


def _initial_from(proposal: dict[str, Any], organisation: Organisation | None, organisations: list) -> dict[str, Any]:
    from samverkan.organisations.models import Body

    chosen = organisation or (organisations[0] if len(organisations) == 1 else None)
    initial: dict[str, Any] = {
        "organisation": chosen.pk if chosen else None,
        "kind": proposal.get("document_type") or "",
        "meeting_date": proposal.get("date"),
        "registration_number": proposal.get("registration_number") or "",
        "case_officer": proposal.get("case_officer") or "",
        "stance": proposal.get("stance") or "",
        "body_name": proposal.get("body") or "",
    }
    if chosen and proposal.get("body"):
        body = Body.objects.filter(organisation_id__in=[chosen.pk, chosen.parent_id], name=proposal["body"]).first()
        if body:
            initial["body"] = body.pk
            initial["body_name"] = ""
    return initial
