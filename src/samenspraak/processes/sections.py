"""Sections processes adds to pages owned by lower apps: the home page and an area's page
(declared in processes' manifest)."""


def running(request):
    from samenspraak.organisations.selectors import current_municipality
    from samenspraak.processes.selectors import processes_running

    processes = processes_running(current_municipality())
    return {"processes": processes} if processes else None


def memory(request, area):
    from samenspraak.processes.selectors import processes_for_area

    processes = processes_for_area(area)
    if not processes["current"] and not processes["past"]:
        return None
    return {**processes, "area": area}
