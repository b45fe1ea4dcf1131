"""Reading a Swedish municipal decision document: rules for the genre.

Official reports (tjänsteutlåtanden), consultation opinions (remissyttranden),
minutes extracts (protokollsutdrag) and proposals to the council share a layout:
a header with labelled fields (Handläggare, Diarienummer/Dnr, Datum, "Till
<nämnd> <datum>"), the body the document belongs to on a line of its own, a
title, then sections (Förslag till beslut, Sammanfattning, Bakgrund,
Förvaltningens synpunkter/Bedömning …). The rules below read that layout; they
know nothing about particular files. Names are matched against the reference
data with `matching.Gazetteer`, which tolerates OCR errors.

A field the document does not state is None: nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from samverkan.documents.matching import Gazetteer, Place, compact, fuzzy_contains, skeleton

DOCUMENT_TYPES = {
    "official_report": "Tjänsteutlåtande",
    "consultation_opinion": "Remissyttrande",
    "minutes_extract": "Protokollsutdrag",
    "proposal_to_council": "Förslag till kommunfullmäktige",
    "decision": "Beslut",
}
STANCES = ("support", "support_with_comments", "critical", "neutral")

# Section headings that end the header (compared as skeletons, OCR errors allowed).
SECTION_HEADINGS = [
    "förslag till beslut",
    "förvaltningens förslag till beslut",
    "kontorets förslag till beslut",
    "förslag till kommunfullmäktige",
    "sammanfattning",
    "beslut",
    "ärendet",
    "ärendebeskrivning",
    "beskrivning av ärendet",
    "bakgrund",
    "ärendets beredning",
    "yrkanden",
    "beslutsunderlag",
]
# Lines that name a body which is NOT the document's own (to whom the decision goes, who decides later).
FOREIGN_BODY_LABELS = ["beslutsnivå", "beslutsinstans", "beslutet delges", "delges", "kopia till", "expedieras till"]
CASE_OFFICER_LABELS = ["handläggare", "handläggare/kontaktperson", "kontaktperson", "ansvarig handläggare"]
REGISTRATION_LABELS = ["diarienummer", "diarienr", "dnr", "ärendenummer", "vårt dnr", "vår beteckning", "dnr."]
DATE_LABELS = ["datum", "sammanträdesdatum", "beslutsdatum", "mötesdatum", "sammanträde", "sammanträdet"]
TYPE_WORDS = [
    ("protokollsutdrag", "minutes_extract"),
    ("utdrag ur protokoll", "minutes_extract"),
    ("utdrag ur sammanträdesprotokoll", "minutes_extract"),
    ("sammanträdesprotokoll", "minutes_extract"),
    ("justerat protokollsutdrag", "minutes_extract"),
    ("tjänsteutlåtande", "official_report"),
    ("tjänsteskrivelse", "official_report"),
    ("remissyttrande", "consultation_opinion"),
    ("remissvar", "consultation_opinion"),
    ("yttrande", "consultation_opinion"),
    ("förslag till kommunfullmäktige", "proposal_to_council"),
    ("kommunstyrelsens förslag till kommunfullmäktige", "proposal_to_council"),
]
MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items()}

ISO_DATE = re.compile(r"\b((?:19|20)\d\d)[-‐–.](\d\d)[-‐–.](\d\d)\b")
LONG_DATE = re.compile(r"\b(\d{1,2})\s+([a-zåäöé]{3,9})\.?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
PERSON_NAME = re.compile(r"^[A-ZÅÄÖÉÜ][a-zåäöéüë'’]+(?:[- ][A-ZÅÄÖÉÜ][a-zåäöéüë'’]+){1,3}$")
REGISTRATION_VALUE = re.compile(r"^[A-ZÅÄÖa-zåäö0-9][\wÅÄÖåäö./:\- ]{1,38}$")
_NUMBERS = r"(\d{1,2}(?:\s*(?:[-–—]|,|och|samt|till)\s*(?:§\s?)?\d{1,2}(?!\d))*)(?!\d)"
# § as written, as OCR reads it ($, &), or as the word; "§§ 2–5", "§ 2, 3 och 5", "paragraf 4".
PARAGRAPH_REF = re.compile(r"(?:§§?|\${1,2}|&&?|\bparagraf(?:erna|en)?)\s?" + _NUMBERS, re.IGNORECASE)
# OCR also reads § as 5, S or 8; only trusted after a preposition ("I 5 3 finns", "under S 2").
# And "I § 5 anser vi" may come out as "| 5 anser vi": a "|" is never a word, so "| <number> <word>" is one.
OCR_PARAGRAPH_REF = re.compile(
    r"(?:^|(?<=[\s(]))(?:(?:[Ii|l]|under|enligt|av|om|till)\s+[5S8]\s(\d)(?![\d.,:])|\|\s?(\d{1,2})\s+(?=[a-zåäö]))"
)

_REG_PART = r"(?:[A-ZÅÄÖ]{1,5}|[\w.\-/:]*\d[\w.\-/:]*)"
INLINE_REGISTRATION = re.compile(
    r"(?<![\w])(?:Dnr|Diarienr|Diarienummer|Vårt dnr)[.:]?\s+(" + _REG_PART + r"(?: " + _REG_PART + r"){0,2})"
)

# Stance markers, written in plain Swedish and compared with the skeleton of the text.
SUPPORT = [
    r"\btillstyrk",
    r"\bpositiva? till\b",
    r"\bser positivt på\b",
    r"\bställer sig bakom\b",
    r"\b(?:tecknar|teckna|tecknas|ingå|ingår|antar|anta|antas|godkänner|godkänna|godkänns|godta|biträder)\b"
    r"[^.]{0,80}\b(?:överenskommelse|samverkansöverenskommelse|överenskommelsen)",
    r"\bföreslås teckna\b",
    r"\bbifalla? förslaget\b",
]
CRITICAL = [
    r"\bavstyrk",
    r"\b(?:behöver|bör|måste) (?:\w+ ){0,2}"
    r"(?:förtydligas|utvecklas|omarbetas|ändras|preciseras|kompletteras|klargöras)",
    r"\bförtydligande",
    r"\b(?:ställer sig|är) (?:negativ|kritisk)",
    r"\bkan inte (?:ställa sig bakom|tillstyrka|godkänna|anta)",
    r"\b(?:inte|ej) (?:\w+ ){0,2}(?:positiv|tillstyrk)",
    r"\bmotsatsförhållande\b",
    r"\bföreslår (?:att )?(?:lydelsen|formuleringen|skrivningen|texten)",
]
NEUTRAL = [
    r"\butan erinran\b",
    r"\b(?:har )?inget att invända\b",
    r"\binga synpunkter\b",
    r"\bavstår från att yttra",
    r"\btill handlingarna\b",
]
# Sentences reporting what someone else recommends are not the author's stance.
REPORTED = [r"\brekommender", r"\bksl har\b", r"\bförbundet (?:har|föreslår)\b"]


def skeleton_pattern(pattern: str) -> str:
    """A regex written in plain Swedish, folded like the text it is matched against (`|` and `!` kept)."""
    protected = pattern.replace("|", "\x00").replace("!", "\x01")
    return skeleton(protected).replace("\x00", "|").replace("\x01", "!")


def _skel_patterns(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(skeleton_pattern(p)) for p in patterns]


SUPPORT_RE = _skel_patterns(SUPPORT)
CRITICAL_RE = _skel_patterns(CRITICAL)
NEUTRAL_RE = _skel_patterns(NEUTRAL)
REPORTED_RE = _skel_patterns(REPORTED)
NEGATED_SUPPORT = re.compile(skeleton_pattern(r"\b(?:inte|ej) (?:\w+ ){0,2}(?:positiv|tillstyrk)"))
SECTION_KEYS = [compact(h) for h in SECTION_HEADINGS]
FOREIGN_KEYS = [compact(h) for h in FOREIGN_BODY_LABELS]
CASE_OFFICER_KEYS = [compact(h) for h in CASE_OFFICER_LABELS]
REGISTRATION_KEYS = sorted({compact(h) for h in REGISTRATION_LABELS}, key=len, reverse=True)
DATE_KEYS = [compact(h) for h in DATE_LABELS]
ABOUT_AGREEMENT = [compact("överenskommelse")]
ABOUT_TOPIC = [compact(w) for w in ("nyanlända", "introduktion", "flyktingmottagande", "mottagande", "etablering")]


@dataclass
class ParagraphComment:
    paragraph: int
    excerpt: str


@dataclass
class DecisionReading:
    """What a decision document states. The first ten fields are `extract_decision --json`."""

    municipality: str | None = None
    municipality_code: str | None = None
    district: str | None = None
    body: str | None = None
    document_type: str | None = None
    date: str | None = None
    case_officer: str | None = None
    registration_number: str | None = None
    stance: str | None = None
    paragraph_comments: list[ParagraphComment] = field(default_factory=list)
    # Not part of the JSON contract: for the review form and the checks.
    organisation_id: int | None = None
    about_agreement: bool = False
    evidence: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("organisation_id", "about_agreement", "evidence"):
            data.pop(key)
        return data

    def as_stored(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Line:
    text: str  # cleaned of Markdown marks
    key: str  # compact skeleton


def _clean(line: str) -> str:
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    line = line.replace("**", "").replace("__", "")
    return re.sub(r"[ \t\u00a0]+", " ", line).strip()


def _lines(text: str) -> list[_Line]:
    out = []
    for raw in text.replace("\f", "\n").splitlines():
        cleaned = _clean(raw)
        if cleaned:
            out.append(_Line(cleaned, compact(cleaned)))
    return out


def _is_heading(line: _Line) -> bool:
    return len(line.text) <= 60 and any(
        line.key == key or (len(line.key) > 6 and _ratio(line.key, key) >= 88) for key in SECTION_KEYS
    )


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b)


def _label_match(line: _Line, keys: list[str]) -> str | None:
    """The label a line starts with (`Dnr: KS 2013/12`, `Handläggare`), tolerating OCR errors."""
    for key in keys:
        if line.key == key or (len(key) >= 6 and len(line.key) <= len(key) + 1 and _ratio(line.key, key) >= 85):
            return key
    words = line.text.split(":", 1)
    if len(words) == 2:
        head = compact(words[0])
        for key in keys:
            if head == key or (len(key) >= 6 and _ratio(head, key) >= 85):
                return key
    return None


def _after_label(lines: list[_Line], index: int) -> str | None:
    """The value of a label: after a colon on the same line, else the next line."""
    text = lines[index].text
    if ":" in text and text.split(":", 1)[1].strip():
        return text.split(":", 1)[1].strip()
    first_word = text.split()[0] if text.split() else ""
    rest = text[len(first_word) :].strip()
    if rest and compact(first_word) in REGISTRATION_KEYS:
        return rest
    return lines[index + 1].text if index + 1 < len(lines) else None


def _parse_date(text: str) -> dt.date | None:
    match = ISO_DATE.search(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    match = LONG_DATE.search(text)
    if match:
        month_word = skeleton(match[2]).replace("i", "l")
        month = None
        for name, number in MONTHS.items():
            if skeleton(name).replace("i", "l") == month_word:
                month = number
        if month is None:
            month = MONTH_ABBREVIATIONS.get(match[2].lower()[:3])
        if month:
            try:
                return dt.date(int(match[3]), month, int(match[1]))
            except ValueError:
                return None
    return None


class DecisionReader:
    def __init__(self, gazetteer: Gazetteer, paragraph_numbers: set[int] | None = None) -> None:
        self.gazetteer = gazetteer
        self.paragraph_numbers = paragraph_numbers

    def read(self, text: str) -> DecisionReading:
        reading = DecisionReading()
        lines = _lines(text)
        header_end = next((i for i, line in enumerate(lines) if _is_heading(line)), min(len(lines), 40))
        header = lines[:header_end]
        flat = re.sub(r"\s+", " ", "\n".join(line.text for line in lines))

        reading.about_agreement = self._about_agreement(flat)
        place, place_evidence = self._place(lines, flat, header_end)
        if place is not None:
            municipality = place if place.kind == "municipality" else self.gazetteer.place(place.parent_id)
            if municipality is not None:
                reading.municipality = municipality.name
                reading.municipality_code = municipality.scb_code
            if place.kind == "district":
                reading.district = place.name
            reading.organisation_id = place.organisation_id
            reading.evidence["organisation"] = place_evidence
        reading.body = self._body(lines, header, flat, reading)
        reading.document_type = self._document_type(lines, flat, header_end)
        reading.date = self._date(lines, header, flat)
        reading.case_officer = self._case_officer(lines)
        reading.registration_number = self._registration_number(lines)
        reading.paragraph_comments = self._paragraph_comments(text, reading.document_type)
        reading.stance = self._stance(flat, bool(reading.paragraph_comments))
        return reading

    # --- what the document is about -------------------------------------------------
    def _about_agreement(self, flat: str) -> bool:
        tokens = set(re.findall(r"[a-z0-9]{5,}", skeleton(flat)))
        return any(fuzzy_contains(tokens, n) for n in ABOUT_AGREEMENT) and any(
            fuzzy_contains(tokens, n, 88) for n in ABOUT_TOPIC
        )

    # --- who wrote it ---------------------------------------------------------------
    def _place(self, lines: list[_Line], flat: str, header_end: int) -> tuple[Place | None, str]:
        """The organisation, from what the document says about itself (strong evidence only)."""
        scores: dict[int, float] = {}
        first_seen: dict[int, int] = {}
        evidence: dict[int, str] = {}
        header_chars = len(" ".join(line.text for line in lines[: max(header_end, 8)]))

        def add(place: Place, weight: float, position: int, why: str) -> None:
            if position < header_chars:
                weight *= 2
            scores[place.organisation_id] = scores.get(place.organisation_id, 0) + weight
            first_seen.setdefault(place.organisation_id, position)
            evidence.setdefault(place.organisation_id, why)

        s = skeleton(flat)
        # E-mail addresses and web sites on the municipality's own domain.
        for match in re.finditer(r"\S+\.se\b", s):
            found_place = self._domain(match[0])
            if found_place:
                add(found_place, 3, match.start(), flat[match.start() : match.end()])
        # "<Name> kommun", "<Name>s stad", "Kommunstyrelsen i <Name>" – not "Stockholms län".
        for match in re.finditer(
            r"((?:[a-z-]+ ){0,1}[a-z-]{3,})\s(?:kommun|kornmun|komrnun|stad)(?:s|en)?\b(?!s?f[o]rbund)", s
        ):
            phrase = match[1]
            hit = self._match_tail(phrase, ("municipality",))
            if hit:
                add(hit, 3, match.start(), flat[match.start() : match.end()])
        for match in re.finditer(r"\b(?:kommunstyreisen|kommunfuiimaktige|socia[a-z]*) i ([a-z-]{3,}(?: [a-z-]+)?)", s):
            hit = self._match_head(match[1], ("municipality",))
            if hit:
                add(hit, 3, match.start(), flat[match.start() : match.end()])
        # Districts: "<Name> stadsdelsnämnd", "<Name>s stadsdelsförvaltning", "stadsdelsområde".
        for match in re.finditer(r"((?:[a-z-]+ ){0,1}[a-z-]{3,})\sstadsde[a-z]*", s):
            hit = self._match_tail(match[1], ("district",))
            if hit:
                add(hit, 4, match.start(), flat[match.start() : match.end()])
        for match in re.finditer(r"stadsdeisnamnden i ([a-z-]{3,}(?: [a-z-]+)?)", s):
            hit = self._match_head(match[1], ("district",))
            if hit:
                add(hit, 4, match.start(), flat[match.start() : match.end()])
        # A letterhead: the organisation's name alone on one of the first lines.
        for index, line in enumerate(lines[:6]):
            if len(line.text) <= 40:
                found_pair = self.gazetteer.match(line.text)
                if found_pair:
                    add(found_pair[0], 3, index, line.text)
        if not scores:
            return None, ""
        # A district's evidence also speaks for its municipality, not against it.
        best_id = max(scores, key=lambda pk: (scores[pk], -first_seen[pk]))
        best = self.gazetteer.place(best_id)
        if best is not None and best.kind == "municipality":
            districts = [
                pk
                for pk in scores
                if (p := self.gazetteer.place(pk)) is not None and p.kind == "district" and p.parent_id == best_id
            ]
            if districts:
                best_id = max(districts, key=lambda pk: scores[pk])
                best = self.gazetteer.place(best_id)
        return best, evidence.get(best_id, "")

    def _domain(self, token: str) -> Place | None:
        """The municipality of `name@huddinge.se` or `www.huddinge.se`. OCR turns "@" into "&ÖQ", "ÖQ" and
        the like; an address without its "@" (first.last<junk>huddinge.se) is matched on the end of the label."""
        address = token[:-3]
        if "@" in address or "&" in address:
            label = re.split(r"[@&]", address)[-1]
            candidates = [label[skip:] for skip in range(min(3, len(label)))]
        elif address.startswith("www."):
            candidates = [address[4:]]
        elif "." in address:
            label = address.rsplit(".", 1)[-1]
            candidates = [label[start:] for start in range(len(label) - 3)]
        else:
            return None
        for index, candidate in enumerate(candidates):
            found = self.gazetteer.match(candidate, ("municipality",))
            # Cutting characters off a label is a guess: only an exact name counts then
            # (not "gionstockholm" for Stockholm out of regionstockholm.se).
            if found and (index == 0 or found[1] >= 100):
                return found[0]
        return None

    def _match_tail(self, phrase: str, kinds: tuple[str, ...]) -> Place | None:
        words = phrase.split()
        for count in (2, 1):
            if len(words) >= count:
                found = self.gazetteer.match(" ".join(words[-count:]), kinds)
                if found:
                    return found[0]
        return None

    def _match_head(self, phrase: str, kinds: tuple[str, ...]) -> Place | None:
        words = phrase.split()
        for count in (2, 1):
            if len(words) >= count:
                found = self.gazetteer.match(" ".join(words[:count]), kinds)
                if found:
                    return found[0]
        return None

    # --- the body -------------------------------------------------------------------
    def _body(self, lines: list[_Line], header: list[_Line], flat: str, reading: DecisionReading) -> str | None:
        org = reading.organisation_id

        def resolve(phrase: str) -> str | None:
            phrase = phrase.strip(" ,.;:")
            return self.gazetteer.match_body(phrase, org) or (phrase if _looks_like_body(phrase) else None)

        # "Till <body> <date>": the body the report is written for.
        match = re.search(r"\bTill:? ([A-ZÅÄÖ][^.:]{3,80}?)\s+(?:(?:19|20)\d\d-\d\d-\d\d|den \d)", flat)
        if match:
            body = resolve(match[1])
            if body:
                reading.evidence["body"] = match[0]
                return body
        # A minutes extract names its body on the heading line: "Protokollsutdrag Kommunstyrelsen".
        for line in lines[:40]:
            m = re.match(
                r"(?i)(?:justerat )?(?:protokollsutdrag|utdrag ur (?:sammanträdes)?protokoll)\W+(.+)", line.text
            )
            if m:
                head = re.split(r"\s+(?:\d|den\b|§)", m[1])[0]
                body = resolve(head)
                if body:
                    reading.evidence["body"] = line.text
                    return body
        # The body on a line of its own in the header (not "Beslutsnivå: Kommunstyrelsen").
        previous_key = ""
        for line in header:
            if len(line.text) <= 60 and not any(_ratio(previous_key, k) >= 85 for k in FOREIGN_KEYS):
                candidate = line.text.split(":", 1)[-1] if ":" in line.text else line.text
                body = self.gazetteer.match_body(candidate, org)
                if body is None and _looks_like_body(candidate) and len(candidate.split()) <= 4:
                    body = candidate.strip()
                if body:
                    reading.evidence["body"] = line.text
                    return body
            previous_key = line.key
        # "<Body> beslutar/föreslår …" in the proposal.
        match = re.search(r"\b([A-ZÅÄÖ][a-zåäö-]+(?:nämnden|styrelsen|fullmäktige))\s+(?:beslutar|föreslår)", flat)
        if match:
            body = resolve(match[1])
            if body:
                reading.evidence["body"] = match[0]
                return body
        return None

    # --- the type of document ------------------------------------------------------------
    def _document_type(self, lines: list[_Line], flat: str, header_end: int) -> str | None:
        for line in lines[: max(header_end + 3, 12)]:
            if len(line.text) > 120:
                continue
            for word, kind in TYPE_WORDS:
                key = compact(word)
                head = line.key[: len(key)]
                if line.key == key or (len(key) >= 7 and _ratio(head, key) >= 88 and len(line.text) <= 90):
                    if (
                        kind == "consultation_opinion"
                        and word == "yttrande"
                        and not (line.key == key or line.key.startswith(compact("yttrande över")))
                    ):
                        continue
                    return kind
        s = skeleton(flat)
        if re.search(skeleton_pattern(r"\b(?:föreslår|förslag till) kommunfullmäktige\b"), s):
            return "proposal_to_council"
        has_officer = any(_label_match(line, CASE_OFFICER_KEYS) for line in lines[:30])
        has_proposal = any(_ratio(line.key, compact("förslag till beslut")) >= 88 for line in lines)
        if has_officer and has_proposal:
            # The layout of an official report: a case officer and a proposed decision.
            return "official_report"
        return None

    # --- date, case officer, registration number ------------------------------------------
    def _date(self, lines: list[_Line], header: list[_Line], flat: str) -> str | None:
        match = re.search(r"\bTill:? [A-ZÅÄÖ][^.:]{3,80}?\s+((?:19|20)\d\d-\d\d-\d\d)", flat)
        if match:
            day = _parse_date(match[1])
            if day:
                return day.isoformat()
        for index, line in enumerate(lines[:60]):
            if _label_match(line, DATE_KEYS) or re.match(r"(?i)sammanträde(?:sdatum|t)?\b", line.text):
                value = line.text if _parse_date(line.text) else _after_label(lines, index)
                day = _parse_date(value or "")
                if day:
                    return day.isoformat()
        for line in header:
            if re.match(r"(?i)(?:justerat )?(?:protokollsutdrag|utdrag ur)", line.text) or (
                len(line.text) <= 40 and not re.search(r"(?i)tel|fax|\d{3} ?\d{2} ?\d{2}", line.text)
            ):
                day = _parse_date(line.text)
                if day:
                    return day.isoformat()
        return None

    def _case_officer(self, lines: list[_Line]) -> str | None:
        for index, line in enumerate(lines[:60]):
            if _label_match(line, CASE_OFFICER_KEYS):
                value = _after_label(lines, index) or ""
                value = re.split(r"\s*(?:,|\btel|\btfn|\d)", value, maxsplit=1)[0].strip()
                if PERSON_NAME.match(value):
                    return value
        return None

    def _registration_number(self, lines: list[_Line]) -> str | None:
        for line in lines[:80]:
            # "§ 187 Dnr KS 2013/214" – the label inside a line.
            inline = INLINE_REGISTRATION.search(line.text)
            if (
                inline
                and re.search(r"\d", inline[1])
                and not re.search(r"(?i)\ber[t]?\s*$", line.text[: inline.start()])
            ):
                return inline[1]
        for index, line in enumerate(lines[:80]):
            if re.match(r"(?i)(?:er|ert|er ref|deras)\b", line.text):
                continue
            if _label_match(line, REGISTRATION_KEYS) or compact(line.text.split()[0]) in REGISTRATION_KEYS:
                value = (_after_label(lines, index) or "").strip(" .:")
                value = re.split(r"\s{2,}|\t", value)[0]
                if REGISTRATION_VALUE.match(value) and re.search(r"\d", value) and not _parse_date(value):
                    return value
        return None

    # --- what it says ----------------------------------------------------------------------
    def _stance(self, flat: str, has_comments: bool) -> str | None:
        sentences = re.split(r"(?<=[.!?])\s+", skeleton(flat))
        support = critical = neutral = False
        for sentence in sentences:
            if any(p.search(sentence) for p in REPORTED_RE):
                continue
            critical = critical or any(p.search(sentence) for p in CRITICAL_RE)
            negated = NEGATED_SUPPORT.search(sentence)
            support = support or (not negated and any(p.search(sentence) for p in SUPPORT_RE))
            neutral = neutral or any(p.search(sentence) for p in NEUTRAL_RE)
        if support and (critical or has_comments):
            return "support_with_comments"
        if support:
            return "support"
        if critical:
            return "critical"
        if neutral:
            return "neutral"
        return None

    def _paragraph_comments(self, text: str, document_type: str | None) -> list[ParagraphComment]:
        found: dict[int, list[str]] = {}
        blocks = re.split(r"\n\s*\n", text.replace("\f", "\n\n"))
        for block in blocks:
            raw_lines = block.splitlines()
            flat = re.sub(r"\s+", " ", " ".join(_clean(line) for line in raw_lines)).strip()
            matches = list(PARAGRAPH_REF.finditer(flat)) + list(OCR_PARAGRAPH_REF.finditer(flat))
            for match in sorted(matches, key=lambda m: m.start()):
                # "§ 123 Överenskommelse om …" opening a block is a minutes item, not a paragraph.
                if match.start() == 0 and (document_type == "minutes_extract" or len(flat) < 80):
                    continue
                if re.match(r"\s*(?:kap|st)\b", flat[match.end() :]):
                    continue
                numbers = _numbers(match[match.lastindex or 1])
                allowed = self.paragraph_numbers or set(range(1, 31))
                numbers = [n for n in numbers if n in allowed]
                if not numbers:
                    continue
                excerpt = _sentence_around(flat, match.start(), match.end())
                for number in numbers:
                    excerpts = found.setdefault(number, [])
                    if excerpt not in excerpts:
                        excerpts.append(excerpt)
        return [ParagraphComment(n, " … ".join(found[n])[:1000]) for n in sorted(found)]


def _looks_like_body(phrase: str) -> bool:
    key = compact(phrase)
    return bool(re.search(r"(namnd|namnden|styreisen|fuiimaktige|utskott|utskottet)$", key)) and len(phrase) <= 80


def _numbers(spec: str) -> list[int]:
    numbers: list[int] = []
    tokens = re.findall(r"\d{1,2}|[-–—]|till", spec)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.isdigit():
            if index + 2 < len(tokens) and tokens[index + 1] in ("-", "–", "—", "till") and tokens[index + 2].isdigit():
                start, end = int(token), int(tokens[index + 2])
                if start <= end <= start + 30:
                    numbers.extend(range(start, end + 1))
                index += 3
                continue
            numbers.append(int(token))
        index += 1
    return sorted(set(numbers))


def _sentence_around(text: str, start: int, end: int) -> str:
    boundary = re.compile(r"[.!?]\s+(?=[A-ZÅÄÖ”\"“»])")
    begin = 0
    for m in boundary.finditer(text, 0, start):
        begin = m.end()
    finish = boundary.search(text, end)
    stop = finish.start() + 1 if finish else len(text)
    if stop - begin < 60 and finish:
        # A short sentence ("Skrivelsen i § 4 bör utvecklas något.") is read with the next one.
        following = boundary.search(text, finish.end())
        stop = following.start() + 1 if following else len(text)
    sentence = text[begin:stop].strip()
    if len(sentence) > 400:
        left = max(0, start - begin - 180)
        sentence = "…" + sentence[left : left + 380].strip() + "…"
    return sentence


def read_decision(text: str, gazetteer: Gazetteer | None = None, paragraph_numbers: set[int] | None = None):
    """Read a decision document's text against the reference data in the database."""
    return DecisionReader(gazetteer or Gazetteer.from_database(), paragraph_numbers).read(text)
