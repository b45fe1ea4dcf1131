"""The rules are for the genre, not for the three sample files: invented documents from
other municipalities, in other layouts and through bad OCR, are read as they state —
and what they do not state stays None."""

from __future__ import annotations

from samverkan.documents.reading import read_decision

TYRESO_MINUTES = """TYRESÖ KOMMUN
Kommunstyrelsen
PROTOKOLLSUTDRAG
Sammanträdesdatum 2013-10-22

§ 187 Dnr KS 2013/214
Överenskommelse om samverkan mellan kommuner i Stockholms län gällande nyanlända

Beslut
Kommunstyrelsen föreslår kommunfullmäktige besluta att anta överenskommelsen om samverkan gällande
nyanlända enligt Kommunförbundet Stockholms läns förslag.

Ärendet
KSL rekommenderar kommunerna att anta det reviderade förslaget. Förvaltningen tillstyrker förslaget.
Enligt 6 kap. 38 § kommunallagen får ärendet beredas av förvaltningen.

Vid protokollet
Anna Andersson
"""

RINKEBY_OPINION = """Tjänsteutlåtande
Dnr 1.5.2-456/2013
Sida 1 (2)
2013-10-03

Handläggare: Omar Hassan
Telefon: 08-508 01 234

Till Rinkeby-Kista stadsdelsnämnd 2013-10-17

Remiss om samverkan mellan kommuner om nyanlända

Förvaltningens förslag till beslut
Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.

Förvaltningens synpunkter
Förvaltningen ställer sig bakom förslaget till överenskommelse. I Rinkeby-Kista stadsdelsområde bor
många nyanlända. Förvaltningen anser dock att §§ 3-4 bör förtydligas när det gäller hur insatser i
andra kommuner ska ersättas.
"""

NOISY_SODERTALJE = """Sédertilie kommun
Socialnamnden
Tjanstesk rivelse
Datum: 2013-10-30
Dnr: SN 2013/0456
Handlaggare
Per Sjöberg

6verenskommelse om samverkan med Kommunférbundet Stockholms Lin gällande nyanlanda

Forslag till beslut
Socialnämnden tillstyrker 6verenskommelsen.

Bedémning
Férvaltningen ser positivt på förslaget men vill att formuleringen i $ 3 ses över.
"""

NOTHING_STATED = """Överenskommelse om samverkan kring nyanlända

Sammanfattning
Kommunerna i länet har sett över överenskommelsen om introduktion av nyanlända.
Förvaltningen har inga synpunkter på förslaget.
"""

OFF_TOPIC = """Huddinge kommun
Tekniska nämnden
Tjänsteutlåtande
Handläggare
Eva Berg

Förslag till beslut
Tekniska nämnden godkänner upphandlingen av snöröjning för vintern 2013/2014.
"""


def test_a_minutes_extract_of_an_executive_board_proposing_the_council_adopt(db):
    r = read_decision(TYRESO_MINUTES)
    assert (r.municipality, r.municipality_code, r.district) == ("Tyresö", "0138", None)
    assert r.body == "Kommunstyrelsen"
    assert r.document_type == "minutes_extract"
    assert r.date == "2013-10-22"
    assert r.registration_number == "KS 2013/214"
    assert r.case_officer is None  # minutes name no case officer
    assert r.stance == "support"
    # "§ 187" is the meeting's item and "38 §" the Local Government Act: neither is a paragraph comment.
    assert r.paragraph_comments == []


def test_a_district_opinion_in_another_layout(db):
    r = read_decision(RINKEBY_OPINION)
    assert (r.municipality, r.district) == ("Stockholm", "Rinkeby-Kista stadsdelsnämnd")
    assert r.body == "Rinkeby-Kista stadsdelsnämnd"
    assert r.document_type == "official_report"
    assert r.date == "2013-10-17"  # the meeting it is written for, not the date it was written
    assert r.case_officer == "Omar Hassan"
    assert r.registration_number == "1.5.2-456/2013"
    assert r.stance == "support_with_comments"
    assert [c.paragraph for c in r.paragraph_comments] == [3, 4]


def test_bad_ocr_is_tolerated(db):
    r = read_decision(NOISY_SODERTALJE)
    assert (r.municipality, r.municipality_code) == ("Södertälje", "0181")
    assert r.body == "Socialnämnden"
    assert r.document_type == "official_report"
    assert r.date == "2013-10-30"
    assert r.registration_number == "SN 2013/0456"
    assert r.case_officer == "Per Sjöberg"
    assert r.stance == "support_with_comments"
    assert [c.paragraph for c in r.paragraph_comments] == [3]
    assert r.about_agreement


def test_what_a_document_does_not_state_is_none(db):
    r = read_decision(NOTHING_STATED)
    assert r.about_agreement
    assert r.as_json() == {
        "municipality": None,
        "municipality_code": None,
        "district": None,
        "body": None,
        "document_type": None,
        "date": None,
        "case_officer": None,
        "registration_number": None,
        "stance": "neutral",
        "paragraph_comments": [],
    }


def test_the_county_and_the_association_are_not_the_city_of_stockholm(db):
    text = (
        "Kommunförbundet Stockholms Län rekommenderar kommunerna i Stockholms län "
        "att anta överenskommelsen om nyanlända."
    )
    r = read_decision(text)
    assert r.municipality is None
    assert r.stance is None  # the association's recommendation is not the author's stance


def test_a_mention_of_another_municipality_does_not_make_it_the_author(db):
    text = NOISY_SODERTALJE + "\nJämför med hur Huddinge och Botkyrka har organiserat mottagandet.\n"
    assert read_decision(text).municipality == "Södertälje"


def test_a_document_about_something_else_is_recognised(db):
    assert not read_decision(OFF_TOPIC).about_agreement


def test_ranges_and_lists_of_paragraphs(db):
    text = "Kommunen tillstyrker överenskommelsen om nyanlända men har synpunkter på §§ 2–5 och på paragraf 7."
    r = read_decision(text)
    assert [c.paragraph for c in r.paragraph_comments] == [2, 3, 4, 5, 7]
    assert r.stance == "support_with_comments"


def test_a_negated_support_is_critical(db):
    text = "Socialnämnden kan inte ställa sig bakom överenskommelsen om nyanlända i nuvarande form."
    assert read_decision(text).stance == "critical"


def test_what_ocr_makes_of_the_section_sign_is_still_a_paragraph(db):
    text = (
        "Nämnden anser att förslaget till överenskommelse om nyanlända behöver förtydligas.\n\n"
        "Formuleringen under $ 2 är oklar. I 5 3 finns en motsägelse. Skrivelsen i & 4 bör utvecklas.\n\n"
        "| 5 anser vi att en enskild kommun måste kunna agera. I 5 kommuner finns redan avtal."
    )
    assert [c.paragraph for c in read_decision(text).paragraph_comments] == [2, 3, 4, 5]


def test_an_address_whose_at_sign_ocr_lost_still_names_the_municipality(db):
    text = "HANDLÄGGARE\nBerit Knutmejer\nberit.knutmejerÖQhuddinge.se\nSocialnämnden\nÖverenskommelse om nyanlända"
    assert read_decision(text).municipality == "Huddinge"
    # The region's address is not the city's.
    assert read_decision("anna.berg@regionstockholm.se\nÖverenskommelse om nyanlända").municipality is None
