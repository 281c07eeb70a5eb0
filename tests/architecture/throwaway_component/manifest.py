"""The throw-away component's manifest: its only contact with the rest of the product."""

import datetime
from dataclasses import dataclass

from samenspraak.accounts import privacy
from samenspraak.accounts.permissions import is_staff_member
from samenspraak.core import search
from samenspraak.core.components import (
    Manifest,
    PageSection,
    PhaseAction,
    SearchProvider,
    SearchResults,
    StaffLink,
)
from samenspraak.core.trace import TimelineEntry, TimelineSource, TraceProvider, TraceStep
from samenspraak.processes.phases import PhaseKind

PINNED = "throwaway.note_pinned"
PONDER = "throwaway_ponder"


@dataclass(frozen=True)
class Note:
    title: str
    text: str


NOTES = [
    Note("Wegwerpnotitie over de zandbak", "Een notitie die alleen in deze test bestaat."),
    Note("Een andere notitie", "Over iets heel anders."),
]


def search_notes(query, user, page=1):
    found = [note for note in NOTES if query.lower() in f"{note.title} {note.text}".lower()]
    start = (page - 1) * search.LIMIT
    return SearchResults(items=found[start : start + search.LIMIT], count=len(found), page=page)


def my_notes(user):
    """Mijn Samenspraak: the notes this person pinned (here: all, for everyone logged in)."""
    return {"heading": "Mijn wegwerpnotities", "anchor": "mijn-wegwerp", "notes": NOTES, "more": 0}


def export(user):
    return {"notes": [f"Notitie van {user.pk}"]}


def pondered(ids):
    """The golden thread: every user was pondered on, first on 1 March, decided on 2 March."""
    return {
        pk: [
            TraceStep("decision", datetime.date(2026, 3, 2), f"Besloten over {pk}"),
            TraceStep("answer", datetime.date(2026, 3, 1), f"Nagedacht over {pk}"),
        ]
        for pk in ids
    }


def remembered(area_ids, limit):
    return [
        TimelineEntry("delivery", datetime.date(2026, 3, 3), f"Wegwerpproject in {pk}")
        for pk in area_ids
    ][:limit]


MANIFEST = Manifest(
    app="throwaway",
    phase_actions=(PhaseAction(PONDER, "Nadenken (wegwerp)"),),
    phase_kinds=(
        PhaseKind(key="throwaway.ponder", name="Nadenken (wegwerp)", allows=frozenset({PONDER})),
    ),
    account_sections=(
        PageSection("throwaway.notes", template="throwaway/mine.html", context=my_notes),
    ),
    search_providers=(
        SearchProvider(
            "throwaway.notes",
            "Wegwerpnotities",
            search=search_notes,
            template="throwaway/search_result.html",
        ),
    ),
    staff_menu=(
        StaffLink("Wegwerpnotities beheren", "throwaway_index", permission=is_staff_member),
    ),
    audit_actions={PINNED: "Wegwerpnotitie vastgezet"},
    privacy=(privacy.handler("throwaway", label="Wegwerpnotities", exporter=export),),
    api_urls="tests.architecture.throwaway_component.api_urls",
    process_templates=("process_templates/nadenken.json",),
    trace_providers=(TraceProvider("throwaway.ponder", origin="accounts.User", steps=pondered),),
    area_timeline=(TimelineSource("throwaway.projects", entries=remembered),),
)
