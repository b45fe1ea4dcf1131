from __future__ import annotations

import datetime as dt

import time_machine


def test_a_municipal_coordinator_sees_the_own_pending_consultation_and_its_deadline(demo, client_for):
    with time_machine.travel(dt.datetime(2013, 12, 2, 9, 0), tick=False):
        page = client_for("elsa").get("/").content.decode()
    assert "Remisser om överenskommelsen" in page
    assert "sista svarsdag 2013-12-19" in page  # Ekerö's extension


def test_the_regional_coordinator_sees_counts_of_the_open_round(demo, client_for):
    with time_machine.travel(dt.datetime(2013, 12, 9, 9, 0), tick=False):
        page = client_for("cecilia").get("/").content.decode()
    assert "5 av 40 har svarat" in page
    assert "1 ska svara inom tio arbetsdagar" in page


def test_a_case_officer_has_no_consultation_panel(demo, client_for):
    assert "Remisser om överenskommelsen" not in client_for("anna").get("/").content.decode()


def test_the_menu_has_the_agreements(demo, client_for):
    assert 'href="/overenskommelser/"' in client_for("bengt").get("/").content.decode()
