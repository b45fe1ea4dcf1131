"""Every URL and API operation of agreements and documents, as every demo person."""

from __future__ import annotations

import datetime as dt

from samverkan.core.testing import ANONYMOUS, LOGGED_IN, ApiVisit, Visit, World, everyone, only

REGIONAL_WRITER = {"cecilia"}
READ = everyone(200, **{ANONYMOUS: 302})
# Coordinators who answer: the association's, and each municipality's (or district's) own.
ANSWERERS = {"cecilia", "hanna", "britt", "nils", "elsa", "tove", "vera", "olof", "karin"}
API_READ = everyone(200, **{ANONYMOUS: 401})


def populate(world: World) -> None:
    from samverkan.accounts.models import User
    from samverkan.agreements import demo
    from samverkan.agreements.models import Agreement, AgreementVersion
    from samverkan.core.demo import DemoContext

    ctx = DemoContext(today=dt.date(2014, 1, 15))
    ctx.users = {u.username: u for u in User.objects.all()}
    demo.load(ctx)
    round_ = ctx.objects["round_2013"]
    world.agreement = Agreement.objects.get(pk=ctx.objects["agreement"].pk)
    world.round = round_
    world.version = round_.version
    world.sent_paragraph = round_.version.paragraphs.first()
    world.draft = AgreementVersion.objects.create(
        agreement=world.agreement, number=99, title="Utkast (walk)", dated=dt.date(2014, 1, 1)
    )
    world.draft_paragraph = world.draft.paragraphs.create(number=1, heading="Syfte", text="Text")
    responses = {r.organisation.code: r for r in round_.responses.select_related("organisation")}
    world.huddinge = responses["0126"]
    world.danderyd = responses["0162"]
    world.hagersten = responses["sdn-hagersten-liljeholmen"]
    world.huddinge_document = world.huddinge.steps.first().document
    from samverkan.documents.models import Document

    world.draft_upload = Document.objects.create(
        organisation=world.hagersten.organisation,
        original_name="utkast.txt",
        sha256="1" * 64,
        size=1,
        content_type="text/plain",
        format="text",
        status="read",
    )


# A document attached to a decision is a public record: everyone logged in reads it.
HUDDINGE_DOCUMENT = READ
STEP_POST = {
    "kind": "decision",
    "body_name": "Kommunfullmäktige",
    "meeting_date": "2013-12-10",
    "stance": "support",
    "final": "on",
    "c-TOTAL_FORMS": "0",
    "c-INITIAL_FORMS": "0",
}

VISITS = [
    Visit("agreements:agreement_list", READ),
    Visit("agreements:agreement_detail", READ, args=lambda w: [w.agreement.pk]),
    Visit("agreements:agreement_detail", everyone(404, **{ANONYMOUS: 302}), args=[999999], label="unknown"),
    Visit("agreements:version_detail", READ, args=lambda w: [w.version.pk]),
    Visit("agreements:version_create", only(REGIONAL_WRITER), args=lambda w: [w.agreement.pk]),
    Visit(
        "agreements:version_create",
        only(REGIONAL_WRITER, 302),
        args=lambda w: [w.agreement.pk],
        method="post",
        data={"title": "Nytt förslag", "dated": "2014-02-01"},
    ),
    Visit("agreements:paragraph_create", only(REGIONAL_WRITER), args=lambda w: [w.draft.pk]),
    Visit(
        "agreements:paragraph_create",
        only(REGIONAL_WRITER, 409),
        args=lambda w: [w.version.pk],
        method="post",
        data={"number": 9, "heading": "Ny", "text": "Text"},
        label="a sent version never changes",
    ),
    Visit("agreements:paragraph_update", only(REGIONAL_WRITER), args=lambda w: [w.draft_paragraph.pk]),
    Visit(
        "agreements:paragraph_update",
        only(REGIONAL_WRITER, 302),
        args=lambda w: [w.draft_paragraph.pk],
        method="post",
        data={"number": 1, "heading": "Syfte och mål", "text": "Ny text"},
    ),
    Visit("agreements:round_create", only(REGIONAL_WRITER), args=lambda w: [w.draft.pk]),
    Visit(
        "agreements:round_create",
        only(REGIONAL_WRITER, 302),
        args=lambda w: [w.draft.pk],
        method="post",
        data=lambda w: {
            "title": "Remiss",
            "sent_on": "2014-02-03",
            "working_days": "20",
            "organisations": [w.huddinge.organisation_id],
        },
    ),
    Visit("agreements:round_detail", READ, args=lambda w: [w.round.pk]),
    Visit("agreements:round_detail", everyone(404, **{ANONYMOUS: 302}), args=[999999], label="unknown"),
    Visit(
        "agreements:round_close",
        only(REGIONAL_WRITER, 302, anonymous=302),
        args=lambda w: [w.round.pk],
        method="post",
        data={"closed_on": "2014-01-10"},
    ),
    Visit("agreements:round_compilation", READ, args=lambda w: [w.round.pk]),
    Visit("agreements:round_compilation_pdf", READ, args=lambda w: [w.round.pk]),
    Visit("agreements:round_compilation_xlsx", READ, args=lambda w: [w.round.pk]),
    Visit("agreements:round_upload", only(ANSWERERS), args=lambda w: [w.round.pk]),
    Visit(
        "agreements:round_upload",
        only(ANSWERERS, 400),
        args=lambda w: [w.round.pk],
        method="post",
        data={},
        label="no file",
    ),
    # Hanna's document: the association and Huddinge may review it; to others it does not exist.
    Visit(
        "agreements:document_review",
        everyone(403, **{ANONYMOUS: 302}, cecilia=302, hanna=302),
        args=lambda w: [w.round.pk, w.huddinge_document.pk],
        label="already registered",
    ),
    Visit("agreements:response_detail", READ, args=lambda w: [w.huddinge.pk]),
    Visit(
        "agreements:step_create",
        everyone(403, **{ANONYMOUS: 302}, cecilia=200, hanna=200),
        args=lambda w: [w.huddinge.pk],
    ),
    Visit(
        "agreements:step_create",
        everyone(403, **{ANONYMOUS: 302}, cecilia=302, hanna=302),
        args=lambda w: [w.huddinge.pk],
        method="post",
        data=STEP_POST,
    ),
    # Stockholm's coordinator answers for its districts; the district's coordinator for the district only.
    Visit(
        "agreements:step_create",
        everyone(403, **{ANONYMOUS: 302}, cecilia=200, olof=200, karin=200),
        args=lambda w: [w.hagersten.pk],
        label="a district",
    ),
    Visit("agreements:response_extend", only(REGIONAL_WRITER), args=lambda w: [w.danderyd.pk]),
    Visit(
        "agreements:response_extend",
        only(REGIONAL_WRITER, 400),
        args=lambda w: [w.danderyd.pk],
        method="post",
        data={"deadline": "2013-12-24", "reason": "Julafton är ingen arbetsdag"},
        label="refused on a holiday",
    ),
    Visit("documents:document_detail", HUDDINGE_DOCUMENT, args=lambda w: [w.huddinge_document.pk]),
    Visit("documents:document_download", HUDDINGE_DOCUMENT, args=lambda w: [w.huddinge_document.pk]),
    Visit(
        "documents:document_detail",
        everyone(404, **{ANONYMOUS: 302}, cecilia=200, rut=200, olof=200, karin=200),
        args=lambda w: [w.draft_upload.pk],
        label="a district's upload before it is confirmed",
    ),
]

STEP_JSON = {
    "kind": "decision",
    "body": "Kommunfullmäktige",
    "meeting_date": "2013-12-10",
    "stance": "support",
    "final": True,
}

API_VISITS = [
    ApiVisit("get", "/api/agreements/", API_READ),
    ApiVisit("get", "/api/agreements/{agreement_id}/", API_READ, params=lambda w: {"agreement_id": w.agreement.pk}),
    ApiVisit("get", "/api/agreements/versions/{version_id}/", API_READ, params=lambda w: {"version_id": w.version.pk}),
    ApiVisit("get", "/api/agreements/rounds/", API_READ),
    ApiVisit("get", "/api/agreements/rounds/{round_id}/", API_READ, params=lambda w: {"round_id": w.round.pk}),
    ApiVisit(
        "get", "/api/agreements/rounds/{round_id}/responses/", API_READ, params=lambda w: {"round_id": w.round.pk}
    ),
    ApiVisit(
        "get", "/api/agreements/rounds/{round_id}/compilation/", API_READ, params=lambda w: {"round_id": w.round.pk}
    ),
    ApiVisit(
        "get", "/api/agreements/responses/{response_id}/", API_READ, params=lambda w: {"response_id": w.huddinge.pk}
    ),
    ApiVisit(
        "post",
        "/api/agreements/rounds/{round_id}/responses/{organisation_code}/steps/",
        everyone(403, **{ANONYMOUS: 401}, cecilia=201, hanna=201),
        params=lambda w: {"round_id": w.round.pk, "organisation_code": "0126"},
        json=STEP_JSON,
    ),
    ApiVisit(
        "post",
        "/api/agreements/rounds/{round_id}/responses/{organisation_code}/steps/",
        everyone(
            403,
            **{ANONYMOUS: 401},
            cecilia=400,
            hanna=400,
            britt=400,
            nils=400,
            elsa=400,
            tove=400,
            vera=400,
            olof=400,
            karin=400,
        ),
        params=lambda w: {"round_id": w.round.pk, "organisation_code": "ksl"},
        json=STEP_JSON,
        label="an organisation not in the round",
    ),
    ApiVisit(
        "post",
        "/api/agreements/responses/{response_id}/extension/",
        everyone(403, **{ANONYMOUS: 401}, cecilia=200),
        params=lambda w: {"response_id": w.danderyd.pk},
        json={"deadline": "2013-12-19", "reason": "Fullmäktige i december"},
    ),
    ApiVisit(
        "get",
        "/api/documents/{document_id}/",
        API_READ,
        params=lambda w: {"document_id": w.huddinge_document.pk},
    ),
]

assert LOGGED_IN  # the groups above are spelled out per person
