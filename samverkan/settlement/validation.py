"""Validating UBL invoices against the official rules: CEN EN 16931 and PEPPOL BIS Billing 3.0.

Both rule sets are Schematron compiled to XSLT 2.0 (refdata/peppol/, sources in
refdata/README.md); Saxon (saxonche) runs them and each gives an SVRL report whose
`failed-assert` elements are the broken rules (`flag="fatal"` an error,
`"warning"` a warning). The stylesheets are compiled once per process (about a second).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

RULES_DIR = Path(__file__).resolve().parent.parent.parent / "refdata" / "peppol"
RULE_FILES = ("EN16931-UBL-validation.xslt", "PEPPOL-EN16931-UBL.xslt")
SVRL = "http://purl.oclc.org/dsdl/svrl"

_lock = threading.Lock()
_compiled: dict[str, object] = {}
_processor: list[object] = []


@dataclass(frozen=True)
class Finding:
    rules: str  # which rule file
    rule_id: str
    flag: str  # fatal | warning
    text: str
    location: str


def _executables() -> dict[str, object]:
    from saxonche import PySaxonProcessor

    with _lock:
        if not _compiled:
            proc = PySaxonProcessor(license=False)
            _processor.append(proc)  # keep it alive as long as its executables
            xslt = proc.new_xslt30_processor()
            for name in RULE_FILES:
                _compiled[name] = xslt.compile_stylesheet(stylesheet_file=str(RULES_DIR / name))
        return _compiled


def validate(xml: bytes) -> list[Finding]:
    """Every failed assertion of both rule sets (empty when the document passes)."""
    from saxonche import PySaxonProcessor

    executables = _executables()
    proc: PySaxonProcessor = _processor[0]  # type: ignore[assignment]
    findings: list[Finding] = []
    with _lock:
        node = proc.parse_xml(xml_text=xml.decode("utf-8"))
        for name, executable in executables.items():
            report = executable.transform_to_string(xdm_node=node)  # type: ignore[attr-defined]
            tree = etree.fromstring(report.encode("utf-8"))
            for failed in tree.iter(f"{{{SVRL}}}failed-assert"):
                text = "".join(failed.itertext()).strip()
                findings.append(
                    Finding(
                        rules=name,
                        rule_id=failed.get("id", ""),
                        flag=failed.get("flag", ""),
                        text=text,
                        location=failed.get("location", ""),
                    )
                )
    return findings


def errors(xml: bytes) -> list[Finding]:
    return [f for f in validate(xml) if f.flag == "fatal"]
