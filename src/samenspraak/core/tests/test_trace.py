"""core.trace: the thread merges every provider's steps per id in date order, the area memory
merges the sources newest first, and the API form of a step (step_data)."""

import datetime

import pytest
from django.utils import timezone

from samenspraak.core import components
from samenspraak.core.trace import (
    TimelineEntry,
    TimelineSource,
    TraceProvider,
    TraceStep,
    api_moment,
    area_memory,
    kind_label,
    step_data,
    thread,
)

DAY = datetime.timedelta(days=1)
T0 = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def declared(monkeypatch):
    """Stand-in manifests: what `components.entries(field)` gives, per field."""
    fields: dict[str, list] = {"trace_providers": [], "area_timeline": []}
    monkeypatch.setattr(components, "entries", lambda field: list(fields.get(field, [])))
    return fields


def test_thread_merges_providers_per_id_in_date_order(declared):
    asked = []

    def answers(ids):
        asked.append(("answers", ids))
        return {1: [TraceStep("answer", T0 + 2 * DAY, "Antwoord")], 99: [TraceStep("x", T0, "?")]}

    def inputs(ids):
        asked.append(("inputs", ids))
        # on the same moment the usual order of kinds (STEP_KINDS) decides
        steps = {pk: [TraceStep("input", T0, f"Inbreng {pk}")] for pk in ids}
        steps[2].insert(0, TraceStep("result", T0, "Resultaat"))
        return steps

    def decisions(ids):
        # a day without a time: on that day the usual order of kinds decides
        return {
            1: [
                TraceStep("decision", (T0 + 2 * DAY).date(), "Besluit"),
                TraceStep("delivery", (T0 + 2 * DAY).date(), "Project"),
                TraceStep("milestone", (T0 + DAY).date(), "Mijlpaal"),
            ]
        }

    declared["trace_providers"] += [
        TraceProvider("b.answers", origin="a.Thing", steps=answers),
        TraceProvider("a.inputs", origin="a.Thing", steps=inputs, order=10),
        TraceProvider("c.decisions", origin="a.Thing", steps=decisions),
        TraceProvider("d.other", origin="a.Other", steps=lambda ids: 1 / 0),
    ]

    steps = thread("a.Thing", [1, 2, 1])

    assert asked == [("inputs", [1, 2]), ("answers", [1, 2])]  # each once, for all ids
    assert [s.title for s in steps[1]] == [
        "Inbreng 1",
        "Mijlpaal",
        "Antwoord",
        "Besluit",
        "Project",
    ]
    assert [s.title for s in steps[2]] == ["Inbreng 2", "Resultaat"]
    assert 99 not in steps  # a provider cannot add ids nobody asked for
    assert thread("a.Thing", []) == {}


def test_area_memory_is_newest_first_and_at_most_limit(declared):
    def old(area_ids, limit):
        return [TimelineEntry("process", T0 - n * DAY, f"Oud {n}") for n in range(limit)]

    def new(area_ids, limit):
        return [TimelineEntry("answer", (T0 + DAY).date(), f"Nieuw {area_ids}")]

    declared["area_timeline"] += [TimelineSource("a.old", old), TimelineSource("b.new", new)]
    entries = area_memory([3, 4], limit=3)
    assert [e.title for e in entries] == ["Nieuw [3, 4]", "Oud 0", "Oud 1"]


def test_area_memory_is_kept_until_a_domain_event_commits(
    declared, django_capture_on_commit_callbacks
):
    from samenspraak.core import events

    asked = []

    def source(area_ids, limit):
        asked.append(list(area_ids))
        return [TimelineEntry("answer", T0 + len(asked) * DAY, f"Antwoord {len(asked)}")]

    declared["area_timeline"] += [TimelineSource("a.answers", source)]
    first = area_memory([4, 3], limit=5)
    assert area_memory([3, 4], limit=5) == first  # kept: the same areas, language and limit
    assert asked == [[3, 4]]
    assert area_memory([3], limit=5) != first  # other areas are their own entry
    # A domain event changes the content version once its transaction commits.
    before = events.content_version()
    with django_capture_on_commit_callbacks(execute=True):
        events.content_changed()
    assert events.content_version() != before
    assert [e.title for e in area_memory([3, 4], limit=5)] == ["Antwoord 3"]
    assert len(asked) == 3


def test_step_data_gives_absolute_links_and_an_aware_moment(settings):
    step = TraceStep(
        "decision",
        datetime.date(2026, 3, 5),
        "Besluit",
        text="Aangenomen",
        url="/initiatieven/1/#besluit",
        api_url="/api/v1/council-decisions/4",
        status="adopted",
        source="initiatives",
        extra={"links": {"official": "https://raad.example/b/4", "minutes": "/notulen/4"}},
    )
    data = step_data(step, lambda path: f"https://stad.example{path}")
    assert data["_links"] == {
        "html": {"href": "https://stad.example/initiatieven/1/#besluit"},
        "api": {"href": "https://stad.example/api/v1/council-decisions/4"},
        "official": {"href": "https://raad.example/b/4"},
        "minutes": {"href": "https://stad.example/notulen/4"},
    }
    assert data["at"] == timezone.make_aware(datetime.datetime(2026, 3, 5))
    assert (data["kind"], data["status"], data["source"]) == ("decision", "adopted", "initiatives")
    assert step_data(TraceStep("input", T0, "x"), str)["_links"] == {}
    assert api_moment(T0) is T0


def test_every_known_kind_has_its_own_word():
    from samenspraak.core.trace import STEP_KINDS

    words = [kind_label(kind) for kind in STEP_KINDS]
    assert len(set(words)) == len(words) and kind_label("unknown") == "Stap"
