"""The languages a service may be given in: ISO 639 codes with their Swedish names."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LANGUAGES = {
    "sv": _("svenska"),
    "en": _("engelska"),
    "ar": _("arabiska"),
    "so": _("somaliska"),
    "ti": _("tigrinja"),
    "am": _("amhariska"),
    "fa": _("persiska"),
    "prs": _("dari"),
    "ps": _("pashto"),
    "ku": _("kurdiska"),
    "tr": _("turkiska"),
    "uk": _("ukrainska"),
    "ru": _("ryska"),
    "pl": _("polska"),
    "bs": _("bosniska"),
    "es": _("spanska"),
    "fr": _("franska"),
    "th": _("thailändska"),
    "sw": _("swahili"),
}

# The names as searched for, in Swedish whatever the reader's language.
SWEDISH_NAMES = {
    "sv": "svenska",
    "en": "engelska",
    "ar": "arabiska",
    "so": "somaliska",
    "ti": "tigrinja",
    "am": "amhariska",
    "fa": "persiska",
    "prs": "dari",
    "ps": "pashto",
    "ku": "kurdiska",
    "tr": "turkiska",
    "uk": "ukrainska",
    "ru": "ryska",
    "pl": "polska",
    "bs": "bosniska",
    "es": "spanska",
    "fr": "franska",
    "th": "thailändska",
    "sw": "swahili",
}


def choices() -> list[tuple[str, str]]:
    return sorted(((code, str(name)) for code, name in LANGUAGES.items()), key=lambda c: c[1])


def name(code: str) -> str:
    return str(LANGUAGES.get(code, code))
