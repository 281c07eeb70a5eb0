"""Writing municipalities and their areas: views, admin, commands and the demo all come here.

Every function validates (`full_clean`) before saving, so bad data never reaches the database,
whoever calls.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenspraak.core.geo import validate_shape
from samenspraak.organisations.models import Area, AreaKind, Municipality, Theme


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
            validate_shape(shape)
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
