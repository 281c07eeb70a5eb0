"""Reads for e-information. Each selector costs a fixed number of queries, whatever the data."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samenspraak.accounts.models import NotificationKind, User
from samenspraak.accounts.selectors import users_consenting_to
from samenspraak.core.search import first_results, text_matches, text_search
from samenspraak.information.models import Document, FAQItem, Follow, Update
from samenspraak.organisations.selectors import current_municipality
from samenspraak.processes.models import Process, ProcessStatus


def process_get(slug: str, *, published_only: bool = True) -> Process:
    """The process with this slug in the current municipality, or 404 (one query)."""
    processes = Process.objects.filter(municipality=current_municipality(), slug=slug)
    if published_only:
        processes = processes.filter(status=ProcessStatus.PUBLISHED)
    return get_object_or_404(processes)


def updates_of(process: Process, *, limit: int | None = None) -> QuerySet[Update]:
    updates = Update.objects.filter(process=process).select_related("author")
    return updates[:limit] if limit else updates


def update_get(process: Process, pk: int) -> Update:
    return get_object_or_404(updates_of(process), pk=pk)


def documents_of(process: Process) -> QuerySet[Document]:
    return Document.objects.filter(process=process)


def document_get(process: Process, pk: int) -> Document:
    return get_object_or_404(documents_of(process), pk=pk)


def faq_of(process: Process) -> QuerySet[FAQItem]:
    return FAQItem.objects.filter(process=process)


def faq_get(process: Process, pk: int) -> FAQItem:
    return get_object_or_404(faq_of(process), pk=pk)


def _published(queryset: QuerySet) -> QuerySet:
    return queryset.filter(
        process__municipality=current_municipality(), process__status=ProcessStatus.PUBLISHED
    ).select_related("process")


_UPDATE_FIELDS = ["title", "body"]
_DOCUMENT_FIELDS = ["title", "organisation", "identifier"]
_FAQ_FIELDS = ["question", "answer"]


def update_search(query: str, user=None, page: int = 1):
    """Site search: news of published processes of this municipality (one query, or two)."""
    updates = _published(Update.objects.all())
    return first_results(text_search(updates, _UPDATE_FIELDS, query), page=page)


def update_matches(query: str, user=None) -> QuerySet[Update]:
    """What `update_search` finds, unranked and not yet run (core.components.SearchProvider)."""
    return text_matches(_published(Update.objects.all()), _UPDATE_FIELDS, query)


def document_search(query: str, user=None, page: int = 1):
    """Site search: documents of published processes of this municipality."""
    documents = _published(Document.objects.all())
    return first_results(text_search(documents, _DOCUMENT_FIELDS, query), page=page)


def document_matches(query: str, user=None) -> QuerySet[Document]:
    """What `document_search` finds, unranked and not yet run."""
    return text_matches(_published(Document.objects.all()), _DOCUMENT_FIELDS, query)


def faq_search(query: str, user=None, page: int = 1):
    """Site search: frequently asked questions of published processes of this municipality."""
    faq = _published(FAQItem.objects.all())
    return first_results(text_search(faq, _FAQ_FIELDS, query), page=page)


def faq_matches(query: str, user=None) -> QuerySet[FAQItem]:
    """What `faq_search` finds, unranked and not yet run."""
    return text_matches(_published(FAQItem.objects.all()), _FAQ_FIELDS, query)


def followers_of(process: Process) -> QuerySet[User]:
    """Everyone (active) who follows the process. Consultation uses this to notify followers;
    filter further on consent with `.filter(consents__kind=...)` or use
    `followers_to_notify` for update e-mail."""
    return User.objects.filter(is_active=True, follows__process=process)


def followers_to_notify(process: Process) -> QuerySet[User]:
    """Followers who agreed to e-mail about processes they follow (one query)."""
    return users_consenting_to(NotificationKind.PROCESS_UPDATES).filter(follows__process=process)


def follower_count(process: Process) -> int:
    return Follow.objects.filter(process=process).count()


def is_following(user, process: Process) -> bool:
    if not user or not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, process=process).exists()


def follows_of(user) -> QuerySet[Follow]:
    """The processes `user` follows, newest follow first, each with its latest published news
    (`latest_update_pk`, `latest_update_title`, `latest_update_at`) as subqueries: one query."""
    latest = Update.objects.filter(
        process=OuterRef("process_id"), published_at__lte=timezone.now()
    ).order_by("-published_at", "-pk")
    return (
        Follow.objects.filter(user=user)
        .select_related("process")
        .annotate(
            latest_update_pk=Subquery(latest.values("pk")[:1]),
            latest_update_title=Subquery(latest.values("title")[:1]),
            latest_update_at=Subquery(latest.values("published_at")[:1]),
        )
        .order_by("-created_at", "-pk")
    )
