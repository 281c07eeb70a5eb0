"""Full-text search: PostgreSQL with the Dutch text-search configuration, a working fallback
(every word must occur, case-insensitive) on SQLite. Apps build their own search selectors on
`text_search`, so a page that searches several apps ranks each of them the same way."""

from functools import reduce
from operator import and_

from django.db import connection
from django.db.models import F, Q, QuerySet

SEARCH_CONFIG = "dutch"
MAX_QUERY_LENGTH = 200
#: A search counts its results up to this many, and a search on a stored vector ranks only the
#: newest this-many-plus-one matches: beyond it the page says "meer dan 500" instead of an exact
#: number. Ranking and counting every match of a common word cost more than the rest of the page
#: (10,000 matching inputs: ~16 ms to rank, ~18 ms to count, against ~1 ms for 501); a person
#: who gets more than 500 results is asked to search more precisely anyway (UX decision, #11).
COUNT_LIMIT = 500


def normalise_query(query: str) -> str:
    return " ".join((query or "").split())[:MAX_QUERY_LENGTH]


def text_search(
    queryset: QuerySet, fields: list[str], query: str, *, stored_vector: str = ""
) -> QuerySet:
    """Rows of `queryset` whose `fields` match `query`, best match first (on PostgreSQL).

    `stored_vector` names a SearchVectorField that holds `fields` as a Dutch document, kept by
    the database and GIN-indexed (see consultation's migration 0007): then PostgreSQL finds the
    matches in the index and ranks the stored documents instead of parsing every row's text
    again (for a large table); and it ranks only the newest `COUNT_LIMIT + 1` matches, so a
    word found in every row costs no more than one found in a few hundred (see COUNT_LIMIT).
    An empty query gives an empty result, not everything.
    """
    query = normalise_query(query)
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        if stored_vector:
            newest = (
                queryset.filter(**{stored_vector: search_query})
                .order_by("-pk")
                .values("pk")[: COUNT_LIMIT + 1]
            )
            return (
                queryset.filter(pk__in=newest)
                .annotate(search_rank=SearchRank(F(stored_vector), search_query))
                .order_by("-search_rank", "-pk")
            )
        vector = SearchVector(*fields, config=SEARCH_CONFIG)
        return (
            queryset.annotate(search_rank=SearchRank(vector, search_query))
            .filter(search_rank__gt=0)
            .order_by("-search_rank")
        )
    words = query.split()
    conditions = [
        reduce(lambda a, b: a | b, (Q(**{f"{f}__icontains": w}) for f in fields)) for w in words
    ]
    return queryset.filter(reduce(and_, conditions))


#: Results a search provider shows; one more is fetched to know whether there are more.
LIMIT = 50


def first_results(queryset: QuerySet, *, hidden=None, limit: int | None = None):
    """The first `limit` rows of `queryset` and how many there are, for a search provider.

    One query, plus a count only when there are more than `limit`; the count stops after
    COUNT_LIMIT + 1 rows, and then the result says "more than COUNT_LIMIT" (`capped`).
    `hidden(rows)` may name the primary keys to leave out (e.g. what a moderator hid); they are
    left out of the count too (beyond the first page, hidden rows further down may still be
    counted).
    """
    from samenspraak.core.components import SearchResults

    limit = LIMIT if limit is None else limit
    rows = list(queryset[: limit + 1])
    left_out = set(hidden(rows)) if hidden is not None and rows else set()
    found = len(rows) if len(rows) <= limit else queryset[: COUNT_LIMIT + 1].count()
    items = [row for row in rows[:limit] if row.pk not in left_out]
    if found > COUNT_LIMIT:
        return SearchResults(items=items, count=COUNT_LIMIT, capped=True)
    return SearchResults(items=items, count=found - len(left_out))
