from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from samverkan.documents.tests import builders

KEYS = [
    "municipality",
    "municipality_code",
    "district",
    "body",
    "document_type",
    "date",
    "case_officer",
    "registration_number",
    "stance",
    "paragraph_comments",
]


@pytest.mark.parametrize(
    ("seed", "municipality", "body", "stance"),
    [
        (builders.HAGERSTEN, "Stockholm", "Hägersten-Liljeholmens stadsdelsnämnd", "support"),
        (builders.VARMDO, "Värmdö", "Socialnämnden", "support"),
        (builders.HUDDINGE, "Huddinge", "Socialnämnden", "critical"),
    ],
)
def test_it_prints_one_json_object_with_the_documented_keys(db, capsys, seed, municipality, body, stance):
    call_command("extract_decision", str(builders.SEEDS / seed), "--json")
    result = json.loads(capsys.readouterr().out)
    assert list(result) == KEYS
    assert (result["municipality"], result["body"], result["stance"]) == (municipality, body, stance)


def test_it_reads_a_pdf_and_prints_paragraph_comments(db, capsys, tmp_path):
    path = tmp_path / "huddinge.pdf"
    path.write_bytes(builders.text_pdf(builders.seed(builders.HUDDINGE)))
    call_command("extract_decision", str(path), "--json")
    result = json.loads(capsys.readouterr().out)
    assert [c["paragraph"] for c in result["paragraph_comments"]] == [2, 3, 4, 5]
    assert all(set(c) == {"paragraph", "excerpt"} for c in result["paragraph_comments"])


def test_without_json_it_prints_labelled_lines(db, capsys):
    call_command("extract_decision", str(builders.SEEDS / builders.HAGERSTEN))
    out = capsys.readouterr().out
    assert "Datum:" in out and "2013-09-26" in out and "Diarienummer:" in out


def test_an_unreadable_file_is_an_error_in_swedish(db, tmp_path):
    path = tmp_path / "bild.pdf"
    path.write_bytes(builders.png())
    with pytest.raises(CommandError, match="bild"):
        call_command("extract_decision", str(path), "--json")
    with pytest.raises(CommandError, match="kan inte läsas"):
        call_command("extract_decision", str(tmp_path / "saknas.pdf"))
