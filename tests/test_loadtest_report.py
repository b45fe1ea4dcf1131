"""loadtest/report.py: a run whose journeys broke fails, whatever its speed."""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("loadtest_report", ROOT / "loadtest" / "report.py")
assert _spec and _spec.loader
report = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(report)

HEALTHY = {"users": 1, "requests": 12, "failures": 0, "exceptions": 0}


def _run(tmp_path, journeys, exceptions=()):
    prefix = str(tmp_path / "locust")
    if journeys is not None:
        Path(f"{prefix}_journeys.json").write_text(json.dumps(journeys), encoding="utf-8")
    rows = [{"page": "start page", "errors": 0}, {"page": "all requests", "errors": 0}]
    return report.broken_journeys(prefix, rows, list(exceptions))


def test_a_run_where_every_journey_made_requests_is_not_broken(tmp_path):
    assert _run(tmp_path, {"CaseOfficer": HEALTHY, "Floor": HEALTHY}) == []


def test_a_journey_that_raised_and_made_no_request_breaks_the_run(tmp_path):
    silent = {"users": 8, "requests": 0, "failures": 0, "exceptions": 8}
    problems = _run(
        tmp_path,
        {"CaseOfficer": silent, "Floor": HEALTHY},
        [{"count": 8, "message": "no generated person of the role 'case_officer'", "traceback": ""}],
    )
    assert "CaseOfficer: no requests (8 users started)" in problems
    assert "CaseOfficer: 8 exceptions" in problems
    assert any("case_officer" in p for p in problems)


def test_a_failed_request_or_missing_counts_break_the_run(tmp_path):
    failing = {"users": 1, "requests": 10, "failures": 1, "exceptions": 0}
    assert _run(tmp_path, {"Auditor": failing}) == ["Auditor: 1 of 10 requests failed"]
    assert "no journey counts" in _run(tmp_path / "elsewhere", None)[0]
