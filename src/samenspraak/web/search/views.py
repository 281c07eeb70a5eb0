"""The search page: processes and inputs, grouped, with the matched words marked.

Each group comes from the owning app's selector (`processes.selectors.process_search`,
`consultation.selectors.input_search`); inputs hidden by a moderator are left out (one query for
the whole list, `dialogue.selectors.hidden_rules_for`). A fixed number of queries per search.
"""

from __future__ import annotations

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from samenspraak.core.search import MAX_QUERY_LENGTH, normalise_query
from samenspraak.dialogue.selectors import hidden_rules_for
from samenspraak.organisations.selectors import current_municipality
from samenspraak.processes import selectors as process_selectors
from samenspraak.web.search.highlight import highlight, highlighted_excerpt

try:  # consultation provides input search; the page works without it.
    from samenspraak.consultation import selectors as consultation_selectors
except ImportError:  # pragma: no cover
    consultation_selectors = None

#: Results shown per group; one more is fetched to know there are more.
LIMIT = 50


def _process_url(process) -> str:
    if process is None:
        return ""
    if hasattr(process, "get_absolute_url"):
        return process.get_absolute_url()
    try:
        return reverse("processes:process_detail", kwargs={"slug": process.slug})
    except NoReverseMatch:
        return ""


def _search_processes(query, municipality):
    search = getattr(process_selectors, "process_search", None)
    if search is None:
        return None
    queryset = search(query, municipality=municipality)
    rows = list(queryset[: LIMIT + 1])
    count = len(rows) if len(rows) <= LIMIT else queryset.count()
    results = [
        {
            "object": process,
            "title": highlight(process.title, query),
            "excerpt": highlighted_excerpt(
                " ".join(filter(None, [process.summary, process.goal, process.description])),
                query,
            ),
            "url": _process_url(process),
        }
        for process in rows[:LIMIT]
    ]
    return {"results": results, "count": count}


def _search_inputs(query, municipality):
    search = getattr(consultation_selectors, "input_search", None)
    if search is None:
        return None
    queryset = search(query, municipality=municipality)
    rows = list(queryset[: LIMIT + 1])
    hidden = hidden_rules_for(rows)
    # Beyond the first page, hidden inputs further down may still be in the count.
    count = (len(rows) if len(rows) <= LIMIT else queryset.count()) - len(hidden)
    results = [
        {
            "object": item,
            "title": highlight(item.title, query),
            "excerpt": highlighted_excerpt(item.body, query),
            "url": (
                item.get_absolute_url()
                if hasattr(item, "get_absolute_url")
                else _process_url(getattr(item, "process", None))
            ),
            "process": getattr(item, "process", None),
        }
        for item in rows[:LIMIT]
        if item.pk not in hidden
    ]
    return {"results": results, "count": count}


def search(request):
    raw = request.GET.get("q", "")
    query = normalise_query(raw)
    error = ""
    if len(" ".join(raw.split())) > MAX_QUERY_LENGTH:
        error = _("Uw zoekvraag is ingekort tot %(max)s tekens.") % {"max": MAX_QUERY_LENGTH}
    groups = []
    if query:
        municipality = current_municipality()
        for key, heading, found in (
            ("processen", _("Participatieprocessen"), _search_processes(query, municipality)),
            ("inbreng", _("Inbreng van inwoners"), _search_inputs(query, municipality)),
        ):
            if found is not None:
                groups.append({"key": key, "heading": heading, **found})
    total = sum(group["count"] for group in groups)
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
            "more": shown < total,
            "limit": LIMIT,
        },
    )
