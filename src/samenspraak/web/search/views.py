"""The search page: one group per search provider of the installed apps' manifests.

Each provider (core.components.SearchProvider) searches with its app's selector and renders a
result with its own template; this page knows no app. It shows the first core.search.LIMIT
results of every group, and a group's further results on pages of their own
(`?q=...&groep=<key>&pagina=N`). One query asks every group whether it found anything, then
one query (inputs: two) per group that did, whatever the number of results.
"""

from __future__ import annotations

from math import ceil

from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from samenspraak.core import components
from samenspraak.core import search as core_search
from samenspraak.core.components import SearchResults
from samenspraak.core.search import MAX_QUERY_LENGTH, normalise_query


def _group_key(provider) -> str:
    return provider.key.replace(".", "-")


def _page_number(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def _groups_without_matches(providers, query: str, user) -> set[str]:
    """The keys of the providers (with `matches`) that find nothing for `query`, asked of them
    all in one query, so a group without results costs no query of its own. One group alone
    (its own pages) is simply searched: asking first would only add a query."""
    if len(providers) < 2:
        return set()
    probed = {p.key: p.matches(query, user) for p in providers if p.matches is not None}
    return set(probed) - core_search.groups_with_matches(probed) if probed else set()


def search(request):
    raw = request.GET.get("q", "")
    query = normalise_query(raw)
    error = ""
    if len(" ".join(raw.split())) > MAX_QUERY_LENGTH:
        error = _("Uw zoekvraag is ingekort tot %(max)s tekens.") % {"max": MAX_QUERY_LENGTH}
    providers = components.search_providers()
    # One group on pages of its own ("Alle ... bekijken"); an unknown key shows every group.
    chosen = next((p for p in providers if _group_key(p) == request.GET.get("groep")), None)
    page = _page_number(request.GET.get("pagina")) if chosen else 1
    groups = []
    if query:
        searched = [chosen] if chosen else providers
        found_none = _groups_without_matches(searched, query, request.user)
        for provider in searched:
            if provider.key in found_none:
                found = SearchResults(items=[], count=0, page=page)
            # Page 1 without the argument: a provider written before paging still answers.
            elif page > 1:
                found = provider.search(query, request.user, page=page)
            else:
                found = provider.search(query, request.user)
            key = _group_key(provider)
            groups.append(
                {
                    "key": key,
                    "heading": provider.label,
                    "template": provider.template,
                    "results": found.items,
                    "count": found.count,
                    "capped": found.capped,
                    "page": found.page,
                    "pages": max(1, ceil(found.count / core_search.LIMIT)),
                    "url": "?" + urlencode({"q": query, "groep": key}),
                    "paged": chosen is not None,
                    "start": (found.page - 1) * core_search.LIMIT + 1,
                }
            )
    total = sum(group["count"] for group in groups)
    capped = any(group["capped"] for group in groups)
    shown = sum(len(group["results"]) for group in groups)
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "raw_query": raw,
            "max_length": MAX_QUERY_LENGTH,
            "error": error,
            "groups": groups,
            "group": groups[0] if chosen and groups else None,
            "all_url": "?" + urlencode({"q": query}),
            "total": total,
            "capped": capped,
            "more": shown < total and not chosen,
            "limit": core_search.LIMIT,
        },
    )
