"""Full-text search over the national catalogue: median and p95 (goal: p95 ≤ 100 ms).

    .venv/bin/python bench/bench_catalogue_search.py --scale nation          # SQLite FTS5
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/samverkan_bench_nation \\
      .venv/bin/python bench/bench_catalogue_search.py --scale nation        # PostgreSQL FTS + trigram

Each database's figures go to `bench/results/catalogue_search_<database>.json`.
Without DATABASE_URL a throw-away SQLite database is migrated and generated (at
`--scale nation` only the national catalogue: `generate_data --scale catalogue`); a
database that already holds a generated data set is measured as it is. Searched:
the catalogue's own search (`samverkan.exchange.search.search`) over every published
service of the country, as the catalogue shows it (the first page of 25), for words
a case officer types: whole words, prefixes, two words, a misspelling (trigram on
PostgreSQL; FTS5 finds prefixes only) and a word that matches nothing. Then the
same through the catalogue page and the API, the whole request.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import generated_database, run, summary, throwaway_sqlite, timed

throwaway_sqlite()

QUERIES = {
    "whole word": ["svenska", "arbetsmarknad", "praktik", "föräldrar", "hälsa"],
    "prefix": ["sfi", "yrk", "samhälls", "språk", "arab"],
    "two words": ["sfi yrkes", "svenska kvällar", "samhällsorientering arabiska", "praktik vård"],
    "misspelling": ["arabsika", "samhällsorinetering", "yrkesutbilning", "svneska"],
    "nothing found": ["zzxyqq", "kvantfysik"],
}
REPEAT = {"smoke": 2, "county": 20, "nation": 20}
PAGE = 25


def main(scale: str) -> dict[str, Any]:
    try:
        from samverkan.exchange.search import search
    except ImportError:
        return {"status": "not available: the catalogue search has not landed"}
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from samverkan.accounts.models import User
    from samverkan.exchange.models import Service

    # On SQLite the national scale is the national catalogue alone (`generate_data --scale
    # catalogue`): the full national set (2.3 million attendance rows) adds nothing to a search.
    national_catalogue = scale == "nation" and connection.vendor == "sqlite"
    data = generated_database("catalogue" if national_catalogue else scale)
    published = Service.objects.filter(published=True)
    catalogue = published.count()
    providers = published.aggregate(n=Count("provider", distinct=True))["n"]
    repeat = REPEAT[scale]

    results: dict[str, Any] = {}
    every: list[float] = []
    for kind, texts in QUERIES.items():
        times: list[float] = []
        hits = []
        for text in texts:
            list(search(published, text)[:PAGE])  # warm-up
            run_times, found = timed(lambda text=text: list(search(published, text)[:PAGE]), repeat)
            times += run_times
            hits.append({"query": text, "hits_on_first_page": len(found)})
        every += times
        results[kind] = {**summary(times), "queries": hits}
        median, p95 = results[kind]["median_s"] * 1000, results[kind]["p95_s"] * 1000
        print(f"{kind:<14} median {median:6.1f} ms  p95 {p95:6.1f} ms", file=sys.stderr)
    figures: dict[str, Any] = {
        "data": data,
        "engine": "PostgreSQL full-text (swedish) + pg_trgm" if connection.vendor == "postgresql" else "SQLite FTS5",
        "published_services": catalogue,
        "providers": providers,
        "search": results,
        "all_queries": summary(every),
        "goal_p95_s": 0.1,
        "goal_met": summary(every)["p95_s"] <= 0.1,
    }

    # The whole request: the catalogue page and the API, as a case officer.
    client = Client()
    client.force_login(User.objects.filter(role="case_officer").order_by("username").first())
    for label, url in (("page", "exchange:catalogue"), ("api", "/api/catalogue/services/")):
        try:
            path = url if url.startswith("/") else reverse(url)
        except NoReverseMatch:
            continue

        def fetch(path=path) -> None:
            response = client.get(path, {"q": "svenska"})
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")

        fetch()
        figures[f"request_{label}"] = {"url": path + "?q=svenska", **summary(timed(fetch, repeat)[0])}
    return figures


if __name__ == "__main__":
    run("catalogue_search", main, per_database=True)
