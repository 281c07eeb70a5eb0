"""Sections delivery adds to pages of other apps (declared in its manifest)."""

from samenspraak.delivery import selectors


def area(request, area):
    """On an area's page: public delivery projects in the area and its buurten (one query)."""
    projects, more = selectors.area_projects(area)
    if not projects:
        return None
    return {"projects": projects, "more": more, "area": area}


def home(request):
    """On the home page: how many public projects there are per status, and where to see them
    (cached figures: no query)."""
    from samenspraak.organisations.selectors import current_municipality

    municipality = current_municipality()
    if municipality is None:
        return None
    counts = selectors.public_counts(municipality)
    if not counts:
        return None
    return {
        "total": sum(counts.values()),
        "running": counts.get("in_progress", 0) + counts.get("delayed", 0),
        "delivered": counts.get("delivered", 0),
    }
