from __future__ import annotations

import datetime as dt

import pytest

from samverkan.agreements import services
from samverkan.agreements.models import AgreementVersion
from samverkan.agreements.services import AgreementError
from samverkan.audit.models import AuditEvent


def test_a_new_version_starts_as_a_draft_with_the_paragraphs_of_the_one_it_copies(demo, person):
    sent = demo.version
    last = sent.agreement.versions.order_by("-number").first().number
    draft = services.create_version(
        actor=person("cecilia"),
        agreement=sent.agreement,
        title="Förslag 2015",
        dated=dt.date(2015, 3, 2),
        copy_from=sent,
    )
    assert draft.status == AgreementVersion.Status.DRAFT and draft.number == last + 1
    assert list(draft.paragraphs.values_list("number", "heading")) == list(
        sent.paragraphs.values_list("number", "heading")
    )
    assert AuditEvent.objects.filter(action="agreement.version.create", object_id=str(draft.pk)).exists()


def test_a_version_sent_out_never_changes(demo, person):
    paragraph = demo.version.paragraphs.get(number=3)
    with pytest.raises(AgreementError, match="skickats på remiss"):
        services.save_paragraph(
            actor=person("cecilia"), version=demo.version, paragraph=paragraph, number=3, heading="X", text="Y"
        )
    paragraph.refresh_from_db()
    assert paragraph.heading == "Åtaganden gentemot invånare i andra kommuner"


def test_the_edit_page_of_a_sent_version_says_so_and_changes_nothing(demo, client_for):
    paragraph = demo.version.paragraphs.get(number=2)
    response = client_for("cecilia").post(
        f"/overenskommelser/paragrafer/{paragraph.pk}/andra/", {"number": 2, "heading": "Ändrad", "text": "Ny"}
    )
    assert response.status_code == 409
    assert "kan inte ändras" in response.content.decode()
    paragraph.refresh_from_db()
    assert paragraph.heading == "Förhållande till andra avtal"


def test_a_draft_paragraph_is_changed_and_audited(demo, client_for):
    draft = services.create_version(
        actor=None, agreement=demo.version.agreement, title="Utkast", dated=dt.date(2015, 1, 1), copy_from=demo.version
    )
    paragraph = draft.paragraphs.get(number=5)
    response = client_for("cecilia").post(
        f"/overenskommelser/paragrafer/{paragraph.pk}/andra/",
        {"number": 5, "heading": "Åtgärder vid brister", "text": "En enskild kommun kan också agera."},
    )
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.text == "En enskild kommun kan också agera." and not paragraph.is_demo_text
    event = AuditEvent.objects.get(action="agreement.paragraph.save", object_id=str(paragraph.pk))
    assert event.before["text"] != event.after["text"]


def test_two_paragraphs_can_not_share_a_number(demo, client_for):
    draft = services.create_version(
        actor=None, agreement=demo.version.agreement, title="Utkast", dated=dt.date(2015, 1, 1), copy_from=demo.version
    )
    response = client_for("cecilia").post(
        f"/overenskommelser/versioner/{draft.pk}/ny-paragraf/", {"number": 4, "heading": "Dubblett", "text": "x"}
    )
    assert response.status_code == 400
    assert "redan en § 4" in response.content.decode()
