"""Swedish is the language of record (msgids are Swedish); English is the
translation. Every message must be translated and compiled."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR, "samverkan").glob("**/locale/en/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.parent.parent.parent.parent.name))
def test_every_message_is_translated_and_compiled(po_path: Path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po if not e.translated() or "fuzzy" in e.flags]
    assert not untranslated, f"untranslated in {po_path}: {untranslated[:10]}"
    with open(po_path.with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [e.msgid for e in po if not e.msgid_plural and compiled.gettext(e.msgid) != e.msgstr]
    assert not stale, f"{po_path.with_suffix('.mo')} is older than its .po: run `make messages`"
