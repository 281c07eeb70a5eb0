"""Reads for discussion spaces, each in a fixed number of queries whatever the data size."""

from __future__ import annotations

import re
import unicodedata

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from samenspraak.core.components import SearchResults
from samenspraak.core.search import first_results, text_matches, text_search
from samenspraak.dialogue.models import Comment
from samenspraak.dialogue.selectors import hidden_rules_for, published_comments
from samenspraak.discussions.models import Follow, Space, Thread

THREADS_PER_PAGE = 20
SECTION_LIMIT = 4


def title_key(title: str) -> str:
    """A title folded for the duplicate check: accents off, lower case, letters and digits."""
    text = unicodedata.normalize("NFKD", title or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.findall(r"\w+", text))[:160]


def spaces_of(municipality) -> QuerySet[Space]:
    if municipality is None:
        return Space.objects.none()
    return Space.objects.filter(municipality=municipality).select_related(
        "area", "topic", "process"
    )


def space_list(municipality) -> list[Space]:
    """All spaces with their number of threads (one query), open ones first."""
    return list(
        spaces_of(municipality)
        .annotate(thread_count=Count("threads"))
        .order_by("-is_open", "name", "pk")
    )


def _thread_comments(outer: str = "pk") -> QuerySet[Comment]:
    """The thread's comments everyone may see (not those waiting for a moderator)."""
    return published_comments().filter(
        content_type=ContentType.objects.get_for_model(Thread), object_id=OuterRef(outer)
    )


def with_activity(threads: QuerySet[Thread]) -> QuerySet[Thread]:
    """Annotate `comment_count` and `last_activity` (the newest comment, else the opening)."""
    comments = _thread_comments()
    count = comments.order_by().values("object_id").annotate(n=Count("pk")).values("n")[:1]
    newest = comments.order_by("-created_at").values("created_at")[:1]
    return threads.annotate(
        comment_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
        last_activity=Coalesce(Subquery(newest), F("created_at")),
    )


def threads_page(space: Space, page_number) -> Page:
    """One page of the space's threads: pinned first, then newest activity first; each with
    `comment_count`, `last_activity` and `hidden_rule`. Three queries (count, page, hidden)."""
    threads = with_activity(space.threads.select_related("author")).order_by(
        "-pinned", F("last_activity").desc(), "-pk"
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(page_number)
    items = list(page.object_list)
    rules = hidden_rules_for(items)
    for thread in items:
        thread.space = space
        thread.hidden_rule = rules.get(thread.pk)
    page.object_list = items
    return page


def thread_get(space: Space, pk: int) -> Thread | None:
    thread = (
        Thread.objects.filter(space=space, pk=pk).select_related("author", "summary_by").first()
    )
    if thread is not None:
        thread.space = space
    return thread


def duplicate_of(space: Space, title: str) -> Thread | None:
    """An existing thread of the space with the same title (folded), if any."""
    key = title_key(title)
    if not key:
        return None
    return Thread.objects.filter(space=space, title_key=key).order_by("pk").first()


def follow_of(user, *, space: Space | None = None, thread: Thread | None = None) -> Follow | None:
    if not (user and user.is_authenticated):
        return None
    if thread is not None:
        return Follow.objects.filter(user=user, thread=thread).first()
    return Follow.objects.filter(user=user, space=space).first()


def follows_of(user) -> QuerySet[Follow]:
    """What someone follows, newest first, with the space or the thread and its space."""
    return Follow.objects.filter(user=user).select_related("space", "thread", "thread__space")


def followers_of_thread(thread: Thread) -> QuerySet[Follow]:
    """Follows of the thread itself and of its space (one person may have both)."""
    from django.db.models import Q

    return (
        Follow.objects.filter(Q(thread=thread) | Q(space_id=thread.space_id))
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("user_id", "thread_id")
    )


def followers_of_space(space: Space) -> QuerySet[Follow]:
    return Follow.objects.filter(space=space, user__is_active=True).select_related("user")


def search_results(query: str, user=None, page: int = 1) -> SearchResults:
    """Site search: page `page` of the threads of this municipality's spaces, hidden ones left
    out (in the same query)."""
    threads = _searchable_threads().select_related("space")
    return first_results(text_search(threads, ["title", "body"], query), page=page)


def search_matches(query: str, user=None) -> QuerySet[Thread]:
    """What `search_results` finds, unranked and not yet run (core.components.SearchProvider)."""
    return text_matches(_searchable_threads(), ["title", "body"], query)


def _searchable_threads() -> QuerySet[Thread]:
    """The threads of this municipality's spaces that a moderator did not hide."""
    from samenspraak.dialogue.selectors import exclude_hidden
    from samenspraak.organisations.selectors import current_municipality

    municipality = current_municipality()
    if municipality is None:
        return Thread.objects.none()
    return exclude_hidden(Thread.objects.filter(space__municipality=municipality))


def spaces_for_area(area) -> list[Space]:
    return list(
        Space.objects.filter(area=area)
        .annotate(thread_count=Count("threads"))
        .order_by("-is_open", "name")[:SECTION_LIMIT]
    )


def spaces_for_process(process) -> list[Space]:
    return list(
        Space.objects.filter(process=process)
        .annotate(thread_count=Count("threads"))
        .order_by("name")
    )


def public_spaces(municipality) -> QuerySet[Space]:
    """For the API: every space of the municipality."""
    return spaces_of(municipality).order_by("name", "pk")


def public_threads(space: Space) -> QuerySet[Thread]:
    """For the API: the threads of a space that a moderator did not hide."""
    from samenspraak.dialogue.selectors import exclude_hidden

    threads = with_activity(Thread.objects.filter(space=space)).order_by(
        "-pinned", F("last_activity").desc(), "-pk"
    )
    return exclude_hidden(threads)
