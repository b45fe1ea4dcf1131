"""Support for the URL/role walk (tests/test_url_walk.py).

Each app lists, in `samverkan/<app>/tests/walk.py`:

    def populate(world: World) -> None     # optional: rows the visits need
    VISITS = [Visit(...)]                  # every URL name of the app
    API_VISITS = [ApiVisit(...)]           # every API operation of the app

The walk logs in as every demo person (and as nobody) and checks the status
each gets; a URL name or API operation missing from every table fails the walk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

ANONYMOUS = "anonymous"
# Everyone the walk logs in as: samverkan.accounts.demo.PEOPLE, and nobody.
WALKERS = [
    ANONYMOUS,
    "cecilia",
    "rut",
    "hanna",
    "anna",
    "petra",
    "britt",
    "bengt",
    "bo",
    "nils",
    "eve",
    "elsa",
    "tove",
    "vera",
    "olof",
    "karin",
    "stefan",
    "maja",
]

# Groups for the expectation tables.
REGIONAL = {"cecilia", "rut"}
HUDDINGE = {"hanna", "anna", "petra", "maja"}
BOTKYRKA = {"britt", "bengt", "bo"}
NACKA = {"nils", "eve"}
MUNICIPAL_COORDINATORS = {"hanna", "britt", "nils", "elsa", "tove", "vera", "olof", "karin"}
LOGGED_IN = set(WALKERS) - {ANONYMOUS}


class World(SimpleNamespace):
    """The rows the visits refer to, filled by each app's `populate`."""


Arg = Callable[[World], Any] | Any


@dataclass
class Visit:
    name: str
    expect: dict[str, int]  # walker -> status; "*" for everyone not named
    args: Arg = None  # list/tuple of positional URL args, or a function of the world returning them
    method: str = "get"
    data: Arg = None
    query: str = ""
    label: str = ""

    def status_for(self, walker: str) -> int:
        return self.expect.get(walker, self.expect.get("*", 0))

    def id(self) -> str:
        return f"{self.method.upper()} {self.name}{' ' + self.label if self.label else ''}"


@dataclass
class ApiVisit:
    method: str
    path: str  # as in the OpenAPI schema, e.g. /api/organisations/{code}/
    expect: dict[str, int]
    params: Arg = None  # dict of path parameters, or a function of the world returning it
    json: Arg = None
    query: str = ""
    label: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def status_for(self, walker: str) -> int:
        return self.expect.get(walker, self.expect.get("*", 0))

    def id(self) -> str:
        return f"{self.method.upper()} {self.path}{' ' + self.label if self.label else ''}"


def resolve(value: Arg, world: World) -> Any:
    return value(world) if callable(value) else value


def everyone(status: int, **others: int) -> dict[str, int]:
    return {"*": status, **others}


def only(walkers: set[str], status: int = 200, *, otherwise: int = 403, anonymous: int = 302) -> dict[str, int]:
    table = dict.fromkeys(walkers, status)
    table.setdefault(ANONYMOUS, anonymous)
    table["*"] = otherwise
    return table
