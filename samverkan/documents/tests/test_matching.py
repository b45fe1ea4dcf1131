from __future__ import annotations

import pytest

from samverkan.documents.matching import skeleton


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Sédertilie", "Södertälje"),
        ("Sodertalje", "Södertälje"),
        ("Hudinge", "Huddinge"),
        ("HUDDINGE", "Huddinge"),
        ("Värmdös", "Värmdö"),
        ("Varmdo", "Värmdö"),
        ("Upplands Vasby", "Upplands Väsby"),
        ("Täby", "Täby"),
        ("Nacka", "Nacka"),
        ("Hägersten-Liljeholmens", "Hägersten-Liljeholmens stadsdelsnämnd"),
        ("Hagersten-Liljehoimen", "Hägersten-Liljeholmens stadsdelsnämnd"),
    ],
)
def test_names_are_found_through_ocr_errors(gazetteer, phrase, name):
    found = gazetteer.match(phrase)
    assert found is not None and found[0].name == name


@pytest.mark.parametrize("phrase", ["Taxi", "Salt", "Solen", "Nackdel", "Stockholms län", "egna"])
def test_near_misses_and_other_words_are_not_names(gazetteer, phrase):
    assert gazetteer.match(phrase) is None


def test_the_skeleton_keeps_positions_and_folds_ocr_confusions():
    for text in ["Kommunférbundet Stockholms Lin", "6verenskommelse", "Sédertilie"]:
        assert len(skeleton(text)) == len(text)
    assert skeleton("6verenskommelse") == skeleton("Överenskommelse")
    assert skeleton("Kommunférbundet") == skeleton("Kommunförbundet")


def test_bodies_are_matched_to_the_reference_names(gazetteer):
    from samverkan.organisations.models import Organisation

    huddinge = Organisation.objects.get(scb_code="0126")
    assert gazetteer.match_body("Socialnamnden", huddinge.pk) == "Socialnämnden"
    assert gazetteer.match_body("KOMMUNSTYRELSEN", huddinge.pk) == "Kommunstyrelsen"
    assert gazetteer.match_body("Handläggare", huddinge.pk) is None
