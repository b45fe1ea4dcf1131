"""Full-text search in the catalogue.

SQLite: an FTS5 table `exchange_service_fts` (unicode61, diacritics folded) kept
up to date by triggers on `exchange_service.search_text` (migration 0003); each
word of the query matches as a prefix ("sfi yrk" finds "Sfi för yrkesförare").
PostgreSQL: Swedish full-text search over `search_text` (a GIN expression index)
or, for misspellings, pg_trgm word similarity ("arabsika" finds "arabiska").
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


def _search_postgresql(queryset: QuerySet, text: str) -> QuerySet:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity

    vector = SearchVector("search_text", config="swedish")
    query = SearchQuery(" ".join(words(text)), config="swedish", search_type="plain")
    return (
        queryset.annotate(
            search_rank=SearchRank(vector, query),
            search_similarity=TrigramWordSimilarity(" ".join(words(text)), "search_text"),
        )
        .filter(Q(search_rank__gt=0) | Q(search_similarity__gte=TRIGRAM_THRESHOLD))
        .order_by("-search_rank", "-search_similarity", "name", "id")
    )
