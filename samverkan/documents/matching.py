"""Fuzzy matching of names read from documents against the reference data.

Scanned decisions come through OCR that confuses letters in predictable ways:
`ö` read as `é` or `6` (`Kommunférbundet`, `6verenskommelse`), `ä` as `a` or
`i`, `l`/`i`/`j`/`1` with each other (`Sédertilie` for Södertälje), and letters
dropped. `skeleton()` folds each of those groups to one letter, character for
character (so positions in the skeleton are positions in the original), and
rapidfuzz then tolerates the dropped and swapped letters that remain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

_FOLD = str.maketrans(
    {
        **dict.fromkeys("äáàâãåæ", "a"),
        **dict.fromkeys("öóòôõøéèêëœ", "o"),
        **dict.fromkeys("líìïîj|!", "i"),
        **dict.fromkeys("üúùû", "u"),
        "ç": "c",
        "ñ": "n",
        "ß": "s",
    }
)
# Digits inside a word are OCR errors for letters: 6verenskommelse, K0mmun, Ha1ninge.
_DIGIT_IN_WORD = re.compile(r"(?<=[a-z])[016]|[016](?=[a-z])")
_DIGIT_LETTER = {"0": "o", "6": "o", "1": "i"}


def skeleton(text: str) -> str:
    """Lower case, OCR confusions folded; same length as `text`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lowered
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    folded = lowered.translate(_FOLD)
    return _DIGIT_IN_WORD.sub(lambda m: _DIGIT_LETTER[m.group()], folded)


def compact(text: str) -> str:
    """The skeleton without spaces and punctuation, for comparing names."""
    return re.sub(r"[^a-z0-9]", "", skeleton(text))


def min_score(name: str) -> float:
    # One wrong letter in a short name (Täby, Solna) is another name; longer names tolerate more.
    length = len(compact(name))
    if length <= 5:
        return 92.0
    if length <= 8:
        return 85.0
    return 80.0


@dataclass(frozen=True)
class Place:
    """A municipality or a district, as matched in a document."""

    organisation_id: int
    code: str
    kind: str  # municipality | district
    name: str
    scb_code: str | None
    parent_id: int | None
    short_name: str = ""


@dataclass
class Gazetteer:
    """The names a document may use for the county's municipalities, districts and bodies."""

    places: list[Place] = field(default_factory=list)
    bodies: dict[int, list[str]] = field(default_factory=dict)  # organisation id -> body names
    generic_bodies: list[str] = field(default_factory=list)
    _keys: list[str] = field(default_factory=list, repr=False)
    _key_place: list[Place] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        for place in self.places:
            for variant in _variants(place):
                self._keys.append(variant)
                self._key_place.append(place)

    @classmethod
    def from_database(cls, county_code: str | None = None) -> Gazetteer:
        from django.conf import settings

        from samverkan.organisations.models import Body, Organisation

        county = county_code or settings.COUNTY_CODE
        municipalities = list(Organisation.objects.municipalities().in_county(county))
        districts = list(Organisation.objects.districts().filter(parent__in=municipalities))
        places = [
            Place(o.pk, o.code, o.kind, o.name, o.scb_code, o.parent_id, o.short_name)
            for o in [*municipalities, *districts]
        ]
        bodies: dict[int, list[str]] = {}
        for organisation_id, name in Body.objects.filter(organisation__in=[*municipalities, *districts]).values_list(
            "organisation_id", "name"
        ):
            bodies.setdefault(organisation_id, []).append(name)
        # Names every municipality has (Socialnämnden, Kommunstyrelsen …) also name a body when the
        # organisation is not known.
        counts: dict[str, int] = {}
        for names in bodies.values():
            for name in set(names):
                counts[name] = counts.get(name, 0) + 1
        generic = sorted(name for name, count in counts.items() if count > 1)
        return cls(places=places, bodies=bodies, generic_bodies=generic)

    def place(self, organisation_id: int | None) -> Place | None:
        return next((p for p in self.places if p.organisation_id == organisation_id), None)

    def match(self, phrase: str, kinds: tuple[str, ...] = ("municipality", "district")) -> tuple[Place, float] | None:
        """The place a phrase names, or None. Genitive `s` and OCR noise are tolerated."""
        key = compact(phrase)
        if len(key) < 3 or re.search(r"\bi[ao]ns?$", skeleton(phrase).strip()):
            # "Stockholms län" is the county, not the city.
            return None
        candidates = [i for i, p in enumerate(self._key_place) if p.kind in kinds]
        choices = [self._keys[i] for i in candidates]
        best = process.extractOne(key, choices, scorer=fuzz.ratio)
        if best is None:
            return None
        _, score, index = best
        place = self._key_place[candidates[index]]
        if score < min_score(place.name):
            return None
        return place, score

    def match_body(self, phrase: str, organisation_id: int | None) -> str | None:
        """The reference name of the body a phrase names (the organisation's own first)."""
        key = compact(phrase)
        if len(key) < 5:
            return None
        own = self.bodies.get(organisation_id, []) if organisation_id else []
        for names in (own, self.generic_bodies):
            if not names:
                continue
            best = process.extractOne(key, [compact(n) for n in names], scorer=fuzz.ratio)
            if best and best[1] >= min_score(names[best[2]]):
                return names[best[2]]
        return None


def _variants(place: Place) -> set[str]:
    names = {place.name, place.short_name} - {""}
    if place.kind == "district":
        for name in list(names):
            names.add(re.sub(r"\s*stadsdelsnämnd$", "", name, flags=re.IGNORECASE))
    variants = set()
    for name in names:
        key = compact(name)
        variants.add(key)
        variants.add(key + "s")  # genitive: Huddinges, Stockholms
        if key.endswith("s"):
            variants.add(key[:-1])  # Hägersten-Liljeholmens → Hägersten-Liljeholmen
    return {v for v in variants if v}


def fuzzy_contains(tokens: set[str], needle: str, threshold: float = 85.0) -> bool:
    """Whether some token holds `needle` (both skeletons), allowing OCR errors."""
    for token in tokens:
        if needle in token:
            return True
        if len(token) >= len(needle) - 2 and fuzz.partial_ratio(needle, token) >= threshold:
            return True
    return False
