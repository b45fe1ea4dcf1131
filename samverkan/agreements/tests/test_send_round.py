from __future__ import annotations

import datetime as dt

import pytest

from samverkan.agreements import services
from samverkan.agreements.models import AgreementVersion, ConsultationRound
from samverkan.agreements.services import AgreementError
from samverkan.organisations.models import Organisation


@pytest.fixture
def draft(demo):
    return services.create_version(
        actor=None,
        agreement=demo.version.agreement,
        title="Förslag 2015",
        dated=dt.date(2015, 1, 5),
        copy_from=demo.version,
    )


def _form(draft, **extra):
    huddinge = Organisation.objects.get(scb_code="0126")
    district = Organisation.objects.get(code="sdn-skarholmen")
    return {"title": "Remiss 2015", "sent_on": "2015-02-02", "organisations": [huddinge.pk, district.pk], **extra}


def test_sending_creates_a_pending_response_per_organisation_and_locks_the_version(draft, client_for):
    response = client_for("cecilia").post(
        f"/overenskommelser/versioner/{draft.pk}/skicka-pa-remiss/", _form(draft, deadline="2015-04-30")
    )
    assert response.status_code == 302
    round_ = ConsultationRound.objects.get(title="Remiss 2015")
    assert sorted(round_.responses.values_list("organisation__code", "status")) == [
        ("0126", "pending"),
        ("sdn-skarholmen", "pending"),
    ]
    draft.refresh_from_db()
    assert draft.status == AgreementVersion.Status.SENT and draft.is_locked


def test_a_deadline_in_working_days_skips_weekends_and_holidays(draft, client_for):
    # 2015-03-27 (Friday) + 5 working days: Easter Monday 2015-04-06 and Good Friday are holidays.
    client_for("cecilia").post(
        f"/overenskommelser/versioner/{draft.pk}/skicka-pa-remiss/",
        {**_form(draft), "sent_on": "2015-03-27", "working_days": "5"},
    )
    assert ConsultationRound.objects.get(title="Remiss 2015").deadline == dt.date(2015, 4, 7)


def test_a_deadline_on_a_holiday_is_refused_in_swedish(draft, client_for):
    response = client_for("cecilia").post(
        f"/overenskommelser/versioner/{draft.pk}/skicka-pa-remiss/", _form(draft, deadline="2015-06-19")
    )
    assert response.status_code == 400
    assert "Midsommarafton" in response.content.decode()
    assert not ConsultationRound.objects.filter(title="Remiss 2015").exists()
    draft.refresh_from_db()
    assert draft.status == AgreementVersion.Status.DRAFT


def test_a_round_needs_a_deadline_and_organisations(draft, client_for):
    response = client_for("cecilia").post(
        f"/overenskommelser/versioner/{draft.pk}/skicka-pa-remiss/", {"title": "Remiss", "sent_on": "2015-02-02"}
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Ange sista svarsdag eller antal arbetsdagar." in text and "Välj minst en kommun" in text


def test_a_round_goes_only_to_municipalities_and_districts(draft):
    with pytest.raises(AgreementError, match="inte till Kommunförbundet"):
        services.send_round(
            actor=None,
            version=draft,
            title="Remiss",
            sent_on=dt.date(2015, 2, 2),
            deadline=dt.date(2015, 4, 30),
            organisations=[Organisation.objects.get(code="ksl")],
        )
