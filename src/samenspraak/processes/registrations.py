"""Sections processes adds to pages owned by lower apps: the home page and an area's page."""

from samenspraak.core.registry import area_sections, home_sections


def _running(request):
    from samenspraak.organisations.selectors import current_municipality
    from samenspraak.processes.selectors import processes_running

    processes = processes_running(current_municipality())
    return {"processes": processes} if processes else None


def _memory(request, area):
    from samenspraak.processes.selectors import processes_for_area

    processes = processes_for_area(area)
    if not processes["current"] and not processes["past"]:
        return None
    return {**processes, "area": area}


home_sections.register(
    "processes.running", template="processes/sections/home_running.html", context=_running, order=10
)
area_sections.register(
    "processes.memory", template="processes/sections/area_memory.html", context=_memory, order=10
)


def _register_events() -> None:
    from samenspraak.core import events
    from samenspraak.processes.events import EVENT_TYPES

    for event_type in EVENT_TYPES:
        events.register_type(event_type)
    events.register_clock("processes.phases", "samenspraak.processes.services.phase_clock")


_register_events()
