"""Reads for the municipality and its areas. Each selector costs a fixed number of queries."""

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from samenspraak.core import maps
from samenspraak.organisations.models import Area, Municipality

_CURRENT_KEY = "organisations:current-municipality"
_MISSING = "none"  # cached marker: there is no municipality yet (a fresh installation)


def current_municipality() -> Municipality | None:
    """The municipality this installation serves (the first one made), or None on a fresh install.

    Every page needs it (name, theme, contact in the footer), so it is cached: one query per
    cache lifetime, cleared whenever a municipality is saved or deleted.
    """
    cached = cache.get(_CURRENT_KEY)
    if cached == _MISSING:
        return None
    if cached is not None:
        return cached
    municipality = Municipality.objects.order_by("pk").first()
    cache.set(_CURRENT_KEY, municipality or _MISSING, timeout=300)
    return municipality


def site_name() -> str:
    """The name the site goes by: "Samenspraak Voorbeeldstad", or just "Samenspraak"."""
    municipality = current_municipality()
    return f"Samenspraak {municipality.name}" if municipality else "Samenspraak"


@receiver([post_save, post_delete], sender=Municipality, dispatch_uid="current_municipality")
def _forget_current_municipality(**kwargs) -> None:
    cache.delete(_CURRENT_KEY)


def _children() -> Prefetch:
    return Prefetch("children", queryset=Area.objects.order_by("name"))


def area_list(*, municipality: Municipality | None) -> QuerySet[Area]:
    """The top-level areas (wijken) with their buurten: two queries, however many areas."""
    if municipality is None:
        return Area.objects.none()
    return (
        Area.objects.filter(municipality=municipality, parent__isnull=True)
        .order_by("name")
        .prefetch_related(_children())
    )


def area_get(*, municipality: Municipality | None, slug: str) -> Area:
    """One area with its parent and children. Raises Area.DoesNotExist when there is none."""
    if municipality is None:
        raise Area.DoesNotExist
    return (
        Area.objects.filter(municipality=municipality)
        .select_related("parent")
        .prefetch_related(_children())
        .get(slug=slug)
    )


def map_context(municipality_id: int) -> dict:
    """What a page with the place map needs: the municipality's area outlines as a GeoJSON
    FeatureCollection (one query), the tile server and its attribution (core.maps; drawn by
    static/consultation/map.js)."""
    return maps.context(Area.objects.filter(municipality_id=municipality_id))
