"""Full-text search: PostgreSQL with the Dutch text-search configuration, a working fallback
(every word must occur, case-insensitive) on SQLite. Apps build their own search selectors on
`text_search`, so a page that searches several apps ranks each of them the same way."""

from functools import reduce
from operator import and_

from django.db import connection
from django.db.models import F, Q, QuerySet

SEARCH_CONFIG = "dutch"
MAX_QUERY_LENGTH = 200


def normalise_query(query: str) -> str:
    return " ".join((query or "").split())[:MAX_QUERY_LENGTH]


def text_search(
    queryset: QuerySet, fields: list[str], query: str, *, stored_vector: str = ""
) -> QuerySet:
    """Rows of `queryset` whose `fields` match `query`, best match first (on PostgreSQL).

    `stored_vector` names a SearchVectorField that holds `fields` as a Dutch document, kept by
    the database and GIN-indexed (see consultation's migration 0007): then PostgreSQL finds the
    matches in the index and ranks the stored documents instead of parsing every row's text
    again (for a large table). An empty query gives an empty result, not everything.
    """
    query = normalise_query(query)
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        if stored_vector:
            return (
                queryset.filter(**{stored_vector: search_query})
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

    One query, plus a count only when there are more than `limit`. `hidden(rows)` may name the
    primary keys to leave out (e.g. what a moderator hid); they are left out of the count too
    (beyond the first page, hidden rows further down may still be counted).
    """
    from samenspraak.core.components import SearchResults

    limit = LIMIT if limit is None else limit
    rows = list(queryset[: limit + 1])
    left_out = set(hidden(rows)) if hidden is not None and rows else set()
    count = (len(rows) if len(rows) <= limit else queryset.count()) - len(left_out)
    return SearchResults(items=[row for row in rows[:limit] if row.pk not in left_out], count=count)
