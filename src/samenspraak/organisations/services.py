"""Writing municipalities and their areas: views, admin, commands and the demo all come here.

Every function validates (`full_clean`) before saving, so bad data never reaches the database,
whoever calls.
"""

from __future__ import annotations

from numbers import Real

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenspraak.organisations.models import Area, AreaKind, Municipality, Theme


def validate_geojson_shape(shape) -> None:
    """Raise ValidationError unless `shape` is a GeoJSON Polygon or MultiPolygon (RFC 7946).

    Each ring needs at least four positions, is closed (first position equals the last) and holds
    longitude/latitude pairs within WGS84 bounds.
    """
    if not isinstance(shape, dict):
        raise ValidationError(_("De vorm moet een GeoJSON-object zijn."))
    kind = shape.get("type")
    coordinates = shape.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise ValidationError(_("Een MultiPolygon heeft minstens één polygoon."))
        polygons = coordinates
    else:
        raise ValidationError(_("De vorm moet een GeoJSON Polygon of MultiPolygon zijn."))
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise ValidationError(_("Een polygoon heeft minstens één ring."))
        for ring in polygon:
            _validate_ring(ring)


def _validate_ring(ring) -> None:
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValidationError(_("Een ring heeft minstens vier punten."))
    for position in ring:
        if (
            not isinstance(position, list | tuple)
            or len(position) < 2
            or not all(isinstance(n, Real) and not isinstance(n, bool) for n in position[:2])
        ):
            raise ValidationError(_("Een punt bestaat uit een lengtegraad en een breedtegraad."))
        lon, lat = position[0], position[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValidationError(_("Een punt ligt buiten de grenzen van WGS84."))
    if list(ring[0]) != list(ring[-1]):
        raise ValidationError(_("Een ring moet gesloten zijn: het laatste punt is het eerste."))


def municipality_create(
    *,
    name: str,
    slug: str,
    oin: str = "",
    cbs_code: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    contact_address: str = "",
    website: str = "",
    theme: str = Theme.VOORBEELD,
) -> Municipality:
    municipality = Municipality(
        name=name,
        slug=slug,
        oin=oin,
        cbs_code=cbs_code,
        contact_email=contact_email,
        contact_phone=contact_phone,
        contact_address=contact_address,
        website=website,
        theme=theme,
    )
    municipality.full_clean()
    municipality.save()
    return municipality


def area_create(
    *,
    municipality: Municipality,
    name: str,
    slug: str,
    kind: str = AreaKind.DISTRICT,
    parent: Area | None = None,
    cbs_code: str = "",
    description: str = "",
    shape: dict | None = None,
) -> Area:
    """Create a wijk (no parent) or a buurt (inside a wijk of the same municipality)."""
    if kind == AreaKind.NEIGHBOURHOOD:
        if parent is None or parent.kind != AreaKind.DISTRICT:
            raise ValidationError({"parent": _("Een buurt ligt in een wijk.")})
    elif parent is not None:
        raise ValidationError({"parent": _("Een wijk ligt niet in een ander gebied.")})
    if parent is not None and parent.municipality_id != municipality.pk:
        raise ValidationError({"parent": _("Het gebied hoort bij een andere gemeente.")})
    if shape is not None:
        try:
            validate_geojson_shape(shape)
        except ValidationError as error:
            raise ValidationError({"shape": error.messages}) from error
    area = Area(
        municipality=municipality,
        parent=parent,
        kind=kind,
        name=name,
        slug=slug,
        cbs_code=cbs_code,
        description=description,
        shape=shape,
    )
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def areas_create(*, municipality: Municipality, plan: list[dict]) -> list[Area]:
    """Create wijken with their buurten in one transaction.

    `plan` is a list of wijk dicts (the keyword arguments of `area_create`, without `municipality`,
    `kind` and `parent`) with an optional `children` list of buurt dicts. Returns all areas created,
    each wijk followed by its buurten.
    """
    created: list[Area] = []
    for district in plan:
        district = dict(district)
        children = district.pop("children", [])
        wijk = area_create(municipality=municipality, kind=AreaKind.DISTRICT, **district)
        created.append(wijk)
        for neighbourhood in children:
            created.append(
                area_create(
                    municipality=municipality,
                    kind=AreaKind.NEIGHBOURHOOD,
                    parent=wijk,
                    **neighbourhood,
                )
            )
    return created
