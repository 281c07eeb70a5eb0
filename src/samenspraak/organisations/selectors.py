"""Reads for the municipality and its areas. Each selector costs a fixed number of queries."""

from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models import Prefetch, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from samenspraak.core import maps
from samenspraak.organisations.models import Area, Municipality

_CURRENT_KEY = "organisations:current-municipality"
_MISSING = "none"  # cached marker: there is no municipality yet (a fresh installation)


#: Within one request the answer is kept here after the first ask (a dict from request_started
#: to request_finished; None outside a request): a page asks up to ten times (the layout, every
#: search group, ...) and each ask of a shared cache is a round trip plus unpickling a model.
_request_memo: ContextVar[dict | None] = ContextVar("current_municipality_memo", default=None)


def current_municipality() -> Municipality | None:
    """The municipality this installation serves (the first one made), or None on a fresh install.

    Every page needs it (name, theme, contact in the footer), so it is cached: one query per
    cache lifetime, cleared whenever a municipality is saved or deleted; within a request it is
    asked of the cache once.
    """
    memo = _request_memo.get()
    if memo is not None and "value" in memo:
        return memo["value"]
    cached = cache.get(_CURRENT_KEY)
    if cached == _MISSING:
        municipality = None
    elif cached is not None:
        municipality = cached
    else:
        municipality = Municipality.objects.order_by("pk").first()
        cache.set(_CURRENT_KEY, municipality or _MISSING, timeout=300)
    if memo is not None:
        memo["value"] = municipality
    return municipality


@receiver(request_started, dispatch_uid="current_municipality_request_started")
def _start_request_memo(**kwargs) -> None:
    _request_memo.set({})


@receiver(request_finished, dispatch_uid="current_municipality_request_finished")
def _end_request_memo(**kwargs) -> None:
    _request_memo.set(None)


def site_name() -> str:
    """The name the site goes by: "Samenspraak Voorbeeldstad", or just "Samenspraak"."""
    municipality = current_municipality()
    return f"Samenspraak {municipality.name}" if municipality else "Samenspraak"


@receiver([post_save, post_delete], sender=Municipality, dispatch_uid="current_municipality")
def _forget_current_municipality(**kwargs) -> None:
    cache.delete(_CURRENT_KEY)
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()


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
