"""Sections delivery adds to pages of other apps (declared in its manifest)."""

from samenspraak.delivery import selectors


def area(request, area):
    """On an area's page: public delivery projects in the area and its buurten (one query)."""
    projects, more = selectors.area_projects(area)
    if not projects:
        return None
    return {"projects": projects, "more": more, "area": area}
