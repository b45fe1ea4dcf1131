"""Full-text search in the catalogue.

SQLite: an FTS5 table `exchange_service_fts` (unicode61, diacritics folded) kept
up to date by triggers on `exchange_service.search_text` (migration 0003); each
word of the query matches as a prefix ("sfi yrk" finds "Sfi för yrkesförare").
PostgreSQL: Swedish full-text search over `search_text` (a GIN expression index),
each word a prefix; when the words find nothing, pg_trgm word similarity over a GIN
trigram index finds misspellings ("arabsika" finds "arabiska").
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

_WORD = re.compile(r"\w+", re.UNICODE)
TRIGRAM_THRESHOLD = 0.45


def words(text: str) -> list[str]:
    return _WORD.findall((text or "").lower())[:10]


def fts5_query(text: str) -> str:
    """Each word as a quoted prefix term; FTS5 syntax in the user's text never reaches MATCH."""
    return " ".join(f'"{word}"*' for word in words(text))


def search(queryset: QuerySet, text: str) -> QuerySet:
    """The services of `queryset` matching `text`, best first where the database ranks."""
    if not words(text):
        return queryset
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, text)
    if connection.vendor == "sqlite":
        return queryset.filter(
            pk__in=RawSQL(
                "SELECT rowid FROM exchange_service_fts WHERE exchange_service_fts MATCH %s", [fts5_query(text)]
            )
        )
    q = Q()
    for word in words(text):
        q &= Q(search_text__icontains=word)
    return queryset.filter(q)


def tsquery(text: str) -> str:
    """Each word as a prefix term, all of them required: `sfi yrk` → `sfi:* & yrk:*`."""
    return " & ".join(f"{word}:*" for word in words(text))


# Both conditions are the indexes' own expressions (migration 0003). The words are looked up in
# the GIN tsvector index; only when they find nothing is the GIN trigram index asked for
# misspellings (`<%`: word similarity at least pg_trgm.word_similarity_threshold). The
# NOT EXISTS is evaluated once, so a query that finds its words never pays for the fuzzy scan.
MATCHING_IDS = (
    "WITH words AS (SELECT id FROM exchange_service "
    "WHERE to_tsvector('swedish'::regconfig, COALESCE(search_text, '')) @@ to_tsquery('swedish'::regconfig, %s)) "
    "SELECT id FROM words "
    "UNION ALL "
    "SELECT id FROM exchange_service WHERE NOT EXISTS (SELECT 1 FROM words) AND %s <%% search_text"
)


def _search_postgresql(queryset: QuerySet, text: str) -> QuerySet:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity

    plain = " ".join(words(text))
    with connection.cursor() as cursor:
        # The threshold of `<%` is a setting, not an argument; for this connection's session.
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(TRIGRAM_THRESHOLD)])
    # Only the matches are ranked: the rank and the similarity are computed for them alone.
    return (
        queryset.filter(pk__in=RawSQL(MATCHING_IDS, [tsquery(text), plain]))  # noqa: S611 - constant SQL, parameters only
        .annotate(
            search_rank=SearchRank(
                SearchVector("search_text", config="swedish"),
                SearchQuery(tsquery(text), config="swedish", search_type="raw"),
            ),
            search_similarity=TrigramWordSimilarity(plain, "search_text"),
        )
        .order_by("-search_rank", "-search_similarity", "name", "id")
    )
