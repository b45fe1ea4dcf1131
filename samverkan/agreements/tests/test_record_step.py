"""Recording a step of an organisation's decision: what is refused, in Swedish, with nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan.agreements import services
from samverkan.agreements.models import ConsultationResponse, DecisionStep, ParagraphComment
from samverkan.agreements.services import AgreementError, CommentInput
from samverkan.organisations.models import Organisation

TODAY = dt.date(2014, 1, 15)


def _record(response, **kwargs):
    args = {"actor": None, "response": response, "kind": "decision", "body_name": "Kommunfullmäktige", "today": TODAY}
    return services.record_step(**{**args, **kwargs})


def test_a_final_decision_answers_with_its_stance_and_comments(response_of):
    danderyd = response_of("0162")
    _record(
        danderyd,
        meeting_date=dt.date(2013, 11, 11),
        stance="support_with_comments",
        final=True,
        comments=[CommentInput(4, "Kommunen vill att KSL samordnar avtalen.")],
    )
    danderyd.refresh_from_db()
    assert (danderyd.status, danderyd.stance, danderyd.answered_on) == (
        "answered",
        "support_with_comments",
        dt.date(2013, 11, 11),
    )
    assert ParagraphComment.objects.get(response=danderyd).paragraph.number == 4


def test_a_step_that_is_not_final_leaves_the_response_in_progress(response_of):
    danderyd = response_of("0162")
    _record(danderyd, kind="official_report", body_name="Socialnämnden")
    danderyd.refresh_from_db()
    assert danderyd.status == ConsultationResponse.Status.IN_PROGRESS


def test_an_organisation_not_in_the_round_can_not_answer(demo):
    with pytest.raises(AgreementError, match="Kommunförbundet Stockholms Län finns inte med i remissomgången"):
        services.response_in_round(demo, Organisation.objects.get(code="ksl"))


def test_a_decision_dated_after_the_round_closed_is_refused(demo, response_of):
    services.close_round(actor=None, round=demo, closed_on=dt.date(2013, 12, 31))
    with pytest.raises(AgreementError, match="stängdes 2013-12-31"):
        _record(response_of("0162"), meeting_date=dt.date(2014, 1, 8), stance="support", final=True)
    # A decision taken before the round closed may still be registered afterwards.
    _record(response_of("0162"), meeting_date=dt.date(2013, 12, 10), stance="support", final=True)
    assert DecisionStep.objects.filter(response=response_of("0162")).count() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"meeting_date": dt.date(2014, 2, 1)}, "ligger i framtiden"),
        ({"meeting_date": dt.date(2013, 1, 10)}, "före förslaget"),
        ({"comments": [CommentInput(12, "x")]}, "ingen § 12"),
        ({"final": True, "meeting_date": dt.date(2013, 11, 11)}, "ställningstagande"),
        ({"final": True, "stance": "support"}, "behöver ett datum"),
        ({"body_name": " "}, "vilket organ"),
        ({"stance": "yes"}, "Okänt ställningstagande"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(response_of, kwargs, message):
    danderyd = response_of("0162")
    with pytest.raises(AgreementError, match=message):
        _record(danderyd, **kwargs)
    assert not DecisionStep.objects.filter(response=danderyd).exists()
    danderyd.refresh_from_db()
    assert danderyd.status == "pending"


def test_a_body_of_another_municipality_is_refused(response_of):
    from samverkan.organisations.models import Body

    with pytest.raises(AgreementError, match="hör inte till Danderyd"):
        _record(response_of("0162"), body=Body.objects.get(organisation__scb_code="0126", name="Socialnämnden"))


def test_the_manual_form_records_a_step_for_ones_own_municipality(response_of, client_for):
    huddinge = response_of("0126")
    page = client_for("hanna").post(
        f"/overenskommelser/remissvar/{huddinge.pk}/nytt-beslutssteg/",
        {
            "kind": "decision",
            "body_name": "Kommunfullmäktige",
            "meeting_date": "2013-12-09",
            "stance": "support_with_comments",
            "final": "on",
            "c-TOTAL_FORMS": "1",
            "c-INITIAL_FORMS": "0",
            "c-0-paragraph": "5",
            "c-0-excerpt": "En enskild kommun måste kunna agera på egen hand.",
        },
    )
    assert page.status_code == 302
    huddinge.refresh_from_db()
    assert huddinge.status == "answered" and huddinge.steps.count() == 2


def test_a_comment_without_a_paragraph_is_an_error_on_its_row(response_of, client_for):
    huddinge = response_of("0126")
    page = client_for("hanna").post(
        f"/overenskommelser/remissvar/{huddinge.pk}/nytt-beslutssteg/",
        {
            "kind": "decision",
            "body_name": "Kommunfullmäktige",
            "c-TOTAL_FORMS": "1",
            "c-INITIAL_FORMS": "0",
            "c-0-excerpt": "Synpunkt utan paragraf",
        },
    )
    assert page.status_code == 400
    assert "Välj vilken paragraf synpunkten gäller." in page.content.decode()
    assert huddinge.steps.count() == 1


def test_another_municipalitys_coordinator_may_not_answer(response_of, client_for):
    page = client_for("britt").get(f"/overenskommelser/remissvar/{response_of('0126').pk}/nytt-beslutssteg/")
    assert page.status_code == 403
