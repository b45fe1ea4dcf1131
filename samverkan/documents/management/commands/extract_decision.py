"""`manage.py extract_decision PATH [--json]`: read a decision document without saving anything."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.documents import extraction
from samverkan.documents.reading import read_decision

LABELS = [
    ("municipality", "Kommun"),
    ("municipality_code", "Kommunkod"),
    ("district", "Stadsdelsnämnd"),
    ("body", "Organ"),
    ("document_type", "Dokumenttyp"),
    ("date", "Datum"),
    ("case_officer", "Handläggare"),
    ("registration_number", "Diarienummer"),
    ("stance", "Ställningstagande"),
]


class Command(BaseCommand):
    help = (
        "Read a decision document (PDF, scanned PDF, DOCX or text) and print what it states: organisation, "
        "body, document type, date, case officer, registration number, stance and paragraph comments."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The document to read")
        parser.add_argument("--json", action="store_true", help="Print one JSON object")

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["path"]))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Filen kan inte läsas: {path}: {exc.strerror}") from exc
        try:
            sniffed = extraction.sniff(data)
            text = extraction.extract(data, sniffed)
        except extraction.UnreadableDocument as exc:
            raise CommandError(str(exc)) from exc
        reading = read_decision(text.text)
        result = reading.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for key, label in LABELS:
            self.stdout.write(f"{label + ':':<20} {result[key] if result[key] is not None else '–'}")
        self.stdout.write("Synpunkter per paragraf:")
        for comment in result["paragraph_comments"]:
            self.stdout.write(f"  § {comment['paragraph']}: {comment['excerpt']}")
        if not reading.about_agreement:
            self.stderr.write("Obs: dokumentet verkar inte handla om överenskommelsen.")
