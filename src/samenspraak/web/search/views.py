"""The search page: one group per search provider of the installed apps' manifests.

Each provider (core.components.SearchProvider) searches with its app's selector and renders a
result with its own template; this page knows no app. A fixed number of queries per provider.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from samenspraak.core import components
from samenspraak.core import search as core_search
from samenspraak.core.search import MAX_QUERY_LENGTH, normalise_query


def search(request):
    raw = request.GET.get("q", "")
    query = normalise_query(raw)
    error = ""
    if len(" ".join(raw.split())) > MAX_QUERY_LENGTH:
        error = _("Uw zoekvraag is ingekort tot %(max)s tekens.") % {"max": MAX_QUERY_LENGTH}
    groups = []
    if query:
        for provider in components.search_providers():
            found = provider.search(query, request.user)
            groups.append(
                {
                    "key": provider.key.replace(".", "-"),
                    "heading": provider.label,
                    "template": provider.template,
                    "results": found.items,
                    "count": found.count,
                    "capped": found.capped,
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
            "total": total,
            "capped": capped,
            "more": shown < total,
            "limit": core_search.LIMIT,
        },
    )
