"""Sections processes adds to pages owned by lower apps: the home page and an area's page
(declared in processes' manifest)."""


def running(request):
    from samenspraak.organisations.selectors import current_municipality
    from samenspraak.processes.selectors import processes_running

    processes = processes_running(current_municipality())
    return {"processes": processes} if processes else None


def memory(request, area):
    """What runs now or comes soon in the area. Earlier processes and what was done with
    their outcome are on the area's timeline (`selectors.area_timeline`, core.trace)."""
    from samenspraak.processes.selectors import processes_for_area

    processes = processes_for_area(area)
    if not processes["current"]:
        return None
    return {"current": processes["current"], "area": area}
