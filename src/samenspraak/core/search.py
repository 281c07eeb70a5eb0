"""Full-text search: PostgreSQL with the Dutch text-search configuration, a working fallback
(every word must occur, case-insensitive) on SQLite. Apps build their own search selectors on
`text_search`, so a page that searches several apps ranks each of them the same way."""

from functools import reduce
from operator import and_

from django.db import connection
from django.db.models import Q, QuerySet

SEARCH_CONFIG = "dutch"
MAX_QUERY_LENGTH = 200


def normalise_query(query: str) -> str:
    return " ".join((query or "").split())[:MAX_QUERY_LENGTH]


def text_search(queryset: QuerySet, fields: list[str], query: str) -> QuerySet:
    """Rows of `queryset` whose `fields` match `query`, best match first (on PostgreSQL).

    An empty query gives an empty result, not everything.
    """
    query = normalise_query(query)
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*fields, config=SEARCH_CONFIG)
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
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
