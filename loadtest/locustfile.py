"""The load test: people of every role following their real journeys, and the floor.

    make loadtest            # the whole run: PostgreSQL, national data, gunicorn, locust, report

Each simulated person logs in once (as a generated person of the role, from
targets.json) and then walks the pages that role opens in a working day, with a
pause of one to three seconds between pages. `Floor` fetches the health check
(`/halsa/`: one `SELECT 1`) in the same run, so that every page is also reported as
a ratio to what the stack costs for nothing (loadtest/report.py). Pages are named
by their URL name, so the report has one row per page, not per id.

Every request and every exception is also counted per user class, from the first
log-in on (locust's own statistics are reset after the ramp), and written beside
locust's CSV as `<prefix>_journeys.json`: the report fails the run when a journey
raised, made no request, or had a request fail.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

from locust import HttpUser, between, events, task

TARGETS = Path(os.environ.get("LOADTEST_TARGETS", "var/loadtest/targets.json"))
_people: dict[str, list[dict]] = {}
_password = ""
_rows: dict = {}
_seeds = itertools.count(1)
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_journeys: defaultdict[str, Counter] = defaultdict(Counter)


@events.init.add_listener
def _load_targets(environment, **kwargs) -> None:
    global _password
    data = json.loads(TARGETS.read_text(encoding="utf-8"))
    _password = data["password"]
    _rows.update({k: v for k, v in data.items() if k not in ("password", "people")})
    for person in data["people"]:
        _people.setdefault(person["role"], []).append(person)


@events.request.add_listener
def _count_request(context: dict, exception: Exception | None = None, **kwargs) -> None:
    journey = _journeys[context.get("journey", "unknown")]
    journey["requests"] += 1
    if exception:
        journey["failures"] += 1


@events.user_error.add_listener
def _count_exception(user_instance, exception: Exception, tb, **kwargs) -> None:
    _journeys[type(user_instance).__name__]["exceptions"] += 1


@events.quitting.add_listener
def _write_journeys(environment, **kwargs) -> None:
    prefix = getattr(environment.parsed_options, "csv_prefix", None)
    if not prefix:
        return
    counts = {
        cls.__name__: {key: _journeys[cls.__name__][key] for key in ("users", "requests", "failures", "exceptions")}
        for cls in environment.user_classes
    }
    Path(f"{prefix}_journeys.json").write_text(json.dumps(counts, indent=2), encoding="utf-8")


def landed(url_name: str) -> bool:
    """Whether the app behind a journey's page is in this build (targets.json lists them)."""
    return url_name in _rows.get("urls", [])


class Journey(HttpUser):
    """A simulated user whose requests are counted under its class (`_journeys`)."""

    abstract = True
    wait_time = between(1, 3)

    def context(self) -> dict:
        return {"journey": type(self).__name__}

    def on_start(self) -> None:
        _journeys[type(self).__name__]["users"] += 1


class Person(Journey):
    abstract = True
    role = ""

    def on_start(self) -> None:
        super().on_start()
        # A fixed seed per simulated person keeps the journeys the same from run to run.
        self.rng = random.Random(next(_seeds))  # noqa: S311 - picking whom to simulate
        people = _people.get(self.role)
        if not people:
            raise LookupError(f"{TARGETS} has no generated person of the role {self.role!r}")
        self.me = self.rng.choice(people)
        page = self.client.get("/logga-in/", name="login form")
        token = _CSRF.search(page.text)
        with self.client.post(
            "/logga-in/",
            data={
                "username": self.me["username"],
                "password": _password,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/logga-in/"},
            name="login",
            catch_response=True,
        ) as response:
            if "samverkan_session" not in self.client.cookies:
                response.failure(f"login as {self.me['username']} failed ({response.status_code})")

    def page(self, url: str, name: str) -> None:
        self.client.get(url, name=name)


class RegionalCoordinator(Person):
    role = "regional_coordinator"
    weight = 2

    @task(3)
    def start_page(self) -> None:
        self.page("/", "start page")

    @task(2)
    def county_overview(self) -> None:
        self.page(f"/lan/{self.me['county']}/", "county overview")

    @task(1)
    def agreements(self) -> None:
        self.page("/overenskommelser/", "agreement list")

    @task(2)
    def round_detail(self) -> None:
        if self.me["round"]:
            self.page(f"/overenskommelser/remisser/{self.me['round']}/", "consultation round")

    @task(2)
    def compilation(self) -> None:
        if self.me["round"]:
            self.page(f"/overenskommelser/remisser/{self.me['round']}/sammanstallning/", "compilation")

    @task(1)
    def compilation_pdf(self) -> None:
        if self.me["round"]:
            self.page(f"/overenskommelser/remisser/{self.me['round']}/sammanstallning.pdf", "compilation PDF")

    @task(1)
    def audit_log(self) -> None:
        self.page("/logg/", "audit log")

    @task(1)
    def state_compensation(self) -> None:
        self.page("/statlig-ersattning/", "state compensation, county")

    @task(1)
    def settlement_runs(self) -> None:
        if landed("settlement:run_list"):
            self.page("/avrakning/", "settlement run list")


class MunicipalCoordinator(Person):
    role = "municipal_coordinator"
    weight = 3

    @task(3)
    def start_page(self) -> None:
        self.page("/", "start page")

    @task(2)
    def municipality(self) -> None:
        self.page(f"/kommuner/{self.me['scb_code']}/", "municipality page")

    @task(2)
    def own_response(self) -> None:
        if self.me["response"]:
            self.page(f"/overenskommelser/remissvar/{self.me['response']}/", "consultation response")

    @task(1)
    def round_detail(self) -> None:
        if self.me["round"]:
            self.page(f"/overenskommelser/remisser/{self.me['round']}/", "consultation round")

    @task(1)
    def compilation(self) -> None:
        if self.me["round"]:
            self.page(f"/overenskommelser/remisser/{self.me['round']}/sammanstallning/", "compilation")

    @task(1)
    def state_compensation(self) -> None:
        self.page(f"/statlig-ersattning/kommuner/{self.me['scb_code']}/", "state compensation, municipality")

    @task(1)
    def statement(self) -> None:
        if _rows.get("settlement_run"):
            self.page(f"/avrakning/{_rows['settlement_run']}/kommun/{self.me['scb_code']}/", "settlement statement")


class CaseOfficer(Person):
    role = "case_officer"
    weight = 4

    @task(3)
    def start_page(self) -> None:
        self.page("/", "start page")

    @task(1)
    def municipality(self) -> None:
        self.page(f"/kommuner/{self.me['scb_code']}/", "municipality page")

    @task(1)
    def profile(self) -> None:
        self.page("/konto/", "own account")

    @task(2)
    def participants(self) -> None:
        if landed("exchange:participant_list"):
            self.page("/utbyte/deltagare/", "participants")

    @task(2)
    def placements(self) -> None:
        if landed("exchange:placement_list"):
            self.page("/utbyte/placeringar/", "placements")

    @task(2)
    def catalogue_search(self) -> None:
        if landed("exchange:catalogue"):
            word = self.rng.choice(["svenska", "sfi", "praktik", "arabiska", "samhällsorientering", "yrkes"])
            self.client.get("/katalog/", params={"q": word}, name="catalogue search")


class ProviderStaff(Person):
    role = "provider_staff"
    weight = 2

    @task(3)
    def start_page(self) -> None:
        self.page("/", "start page")

    @task(1)
    def profile(self) -> None:
        self.page("/konto/", "own account")

    @task(2)
    def attendance(self) -> None:
        if landed("exchange:attendance_month"):
            self.page("/utbyte/narvaro/", "attendance of a month")

    @task(1)
    def placements(self) -> None:
        if landed("exchange:placement_list"):
            self.page("/utbyte/placeringar/", "placements")


class SteeringMember(Person):
    role = "steering_member"
    weight = 1

    @task(2)
    def start_page(self) -> None:
        self.page("/", "start page")

    @task(1)
    def county_overview(self) -> None:
        self.page(f"/lan/{self.me['county']}/", "county overview")

    @task(1)
    def compilation(self) -> None:
        if self.me["round"]:
            self.page(f"/overenskommelser/remisser/{self.me['round']}/sammanstallning/", "compilation")

    @task(1)
    def plans(self) -> None:
        if landed("actionplans:plan_list"):
            self.page("/handlingsplaner/", "action plan list")

    @task(1)
    def action_plan(self) -> None:
        if _rows.get("action_plan"):
            self.page(f"/handlingsplaner/{_rows['action_plan']}/", "action plan")

    @task(2)
    def followup_report(self) -> None:
        if _rows.get("followup_round"):
            self.page(f"/handlingsplaner/uppfoljningar/{_rows['followup_round']}/rapport/", "follow-up report")


class Auditor(Person):
    role = "auditor"
    weight = 1

    @task(2)
    def audit_log(self) -> None:
        self.page("/logg/", "audit log")

    @task(1)
    def start_page(self) -> None:
        self.page("/", "start page")


class Visitor(Journey):
    """Anonymous: the public welcome page."""

    weight = 1

    @task(2)
    def welcome(self) -> None:
        self.client.get("/", name="welcome (anonymous)")

    @task(1)
    def catalogue(self) -> None:
        if landed("exchange:catalogue"):
            self.client.get("/katalog/", name="catalogue (anonymous)")


class Floor(Journey):
    """The trivial page: what a request costs the stack when the page costs nothing."""

    weight = 1

    @task
    def health(self) -> None:
        self.client.get("/halsa/", name="trivial: /halsa/")
