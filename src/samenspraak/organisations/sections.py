"""Sections organisations adds to its own area page through the shared registry (declared in
its manifest), so they sit in order among the other apps' sections."""

from samenspraak.core.trace import area_memory

#: How many entries an area's timeline shows (the newest).
TIMELINE_LIMIT = 30


def timeline(request, area):
    """The area's memory: what was asked, decided and delivered in it and, for a wijk, in its
    buurten, newest first (core.trace.area_memory; each source a fixed number of queries). The
    children are prefetched by `selectors.area_get`."""
    ids = [area.pk, *(child.pk for child in area.children.all())]
    entries = area_memory(ids, limit=TIMELINE_LIMIT)
    if not entries:
        return None
    return {"entries": entries, "area": area, "with_buurten": len(ids) > 1}
