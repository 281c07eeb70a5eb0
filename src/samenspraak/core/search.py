"""Full-text search: PostgreSQL with the Dutch text-search configuration, a working fallback
(every word must occur, case-insensitive) on SQLite. Apps build their own search selectors on
`text_search`, so a page that searches several apps ranks each of them the same way."""

from functools import reduce
from operator import and_

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Window

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
    That costs one query here, when the search is built (the key of the oldest of them).
    An empty query gives an empty result, not everything.
    """
    query = normalise_query(query)
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchRank

        search_query = _search_query(query)
        if stored_vector:
            matches = text_matches(queryset, fields, query, stored_vector=stored_vector)
            # The newest COUNT_LIMIT + 1 matches are those from the (COUNT_LIMIT + 1)th newest
            # on: one small query here finds its key, so the ranking query reads a range of the
            # primary key the planner can see (a subquery there made it read the whole table).
            oldest = list(matches.order_by("-pk").values_list("pk", flat=True)[COUNT_LIMIT:][:1])
            if oldest:
                matches = matches.filter(pk__gte=oldest[0])
            return matches.annotate(
                search_rank=SearchRank(F(stored_vector), search_query)
            ).order_by("-search_rank", "-pk")
        return text_matches(queryset, fields, query).order_by("-search_rank")
    return text_matches(queryset, fields, query)


def _search_query(query: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")


def text_matches(
    queryset: QuerySet, fields: list[str], query: str, *, stored_vector: str = ""
) -> QuerySet:
    """The rows of `queryset` that `text_search` finds, in no order and without running a
    query: the same condition, so a search provider's `matches` (core.components) finds a row
    exactly when its search does. An empty query matches nothing."""
    query = normalise_query(query)
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchRank, SearchVector

        search_query = _search_query(query)
        if stored_vector:
            return queryset.filter(**{stored_vector: search_query})
        vector = SearchVector(*fields, config=SEARCH_CONFIG)
        # The document must match the query (`@@`: every word, as the page promises); a rank
        # above zero alone also holds for a row with only one of two words.
        return queryset.annotate(
            search_document=vector, search_rank=SearchRank(vector, search_query)
        ).filter(search_document=search_query)
    words = query.split()
    conditions = [
        reduce(lambda a, b: a | b, (Q(**{f"{f}__icontains": w}) for f in fields)) for w in words
    ]
    return queryset.filter(reduce(and_, conditions))


def groups_with_matches(querysets: dict[str, QuerySet]) -> set[str]:
    """The keys of `querysets` that hold at least one row, asked in one query
    (`SELECT EXISTS (...), EXISTS (...), ...`) instead of one per group: on the search page most
    groups usually find nothing, and a query that finds nothing still costs a round trip to the
    database. An empty queryset (`.none()`) is answered without asking; one on another
    database than the first is asked alone."""
    from django.core.exceptions import EmptyResultSet
    from django.db import connections

    found, asked, parts, params = set(), [], [], []
    using = None
    for key, queryset in querysets.items():
        if using is not None and queryset.db != using:
            if queryset.exists():
                found.add(key)
            continue
        try:
            sql, part_params = queryset.order_by().values("pk")[:1].query.sql_with_params()
        except EmptyResultSet:
            continue
        using = queryset.db
        asked.append(key)
        parts.append(f"EXISTS ({sql})")
        params.extend(part_params)
    if parts:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            answers = cursor.fetchone()
        found.update(key for key, has in zip(asked, answers, strict=True) if has)
    return found


#: Results a search provider shows per page; the search page shows the first page of every
#: provider and links to a page of one provider for the rest ("Alle ... bekijken"). Twenty keeps
#: the page quick to render and to read (fifty excerpts cost more than the search itself, #11).
LIMIT = 20


def first_results(queryset: QuerySet, *, hidden=None, limit: int | None = None, page: int = 1):
    """Page `page` (`limit` rows, the first page by default) of `queryset` and how many rows
    there are, for a search provider.

    One query: the count comes with the rows (a window over the matches, which the ranking has
    gathered anyway), and stops at COUNT_LIMIT + 1 for a search on a stored vector (see
    text_search); past COUNT_LIMIT the result says "more than COUNT_LIMIT" (`capped`).
    `hidden(rows)` may name the primary keys to leave out (e.g. what a moderator hid); they are
    left out of the count too (hidden rows on other pages may still be counted).
    """
    from samenspraak.core.components import SearchResults

    limit = LIMIT if limit is None else limit
    page = max(1, page)
    counted = queryset.annotate(search_total=Window(Count("pk")))
    offset = (page - 1) * limit
    rows = list(counted[offset : offset + limit])
    if not rows and page > 1:  # a page past the end (an old link): the first page instead
        return first_results(queryset, hidden=hidden, limit=limit)
    found = rows[0].search_total if rows else 0
    left_out = set(hidden(rows)) if hidden is not None and rows else set()
    items = [row for row in rows if row.pk not in left_out]
    if found > COUNT_LIMIT:
        return SearchResults(items=items, count=COUNT_LIMIT, capped=True, page=page)
    return SearchResults(items=items, count=found - len(left_out), page=page)
