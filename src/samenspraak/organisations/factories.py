"""Factories for the municipality and its areas, for tests and demo data.

`MunicipalityFactory()` makes Voorbeeldstad-like municipalities with unique slugs;
`AreaFactory(municipality=m)` a wijk, `AreaFactory(parent=wijk)` a buurt in that wijk
(kind and municipality follow the parent).
"""

import factory

from samenspraak.organisations.models import (
    Area,
    AreaKind,
    Department,
    Municipality,
    Theme,
    Topic,
)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = "Voorbeeldstad"
    slug = factory.Sequence(lambda n: f"voorbeeldstad-{n}")
    cbs_code = "GM9999"
    contact_email = "participatie@voorbeeldstad.nl"
    contact_phone = "14 999"
    contact_address = "Stadhuisplein 1\n9999 AA Voorbeeldstad"
    website = "https://www.voorbeeldstad.nl"
    theme = Theme.VOORBEELD


def current_or_new_municipality() -> Municipality:
    return Municipality.objects.order_by("pk").first() or MunicipalityFactory()


# A small square around a point in Voorbeeldstad (lon, lat), closed as GeoJSON requires.
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[5.10, 52.08], [5.12, 52.08], [5.12, 52.09], [5.10, 52.09], [5.10, 52.08]]],
}


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    # One installation serves one municipality: areas join the existing one unless told otherwise.
    municipality = factory.LazyAttribute(
        lambda o: o.parent.municipality if o.parent else current_or_new_municipality()
    )
    parent = None
    kind = factory.LazyAttribute(
        lambda o: AreaKind.NEIGHBOURHOOD if o.parent else AreaKind.DISTRICT
    )
    name = factory.Sequence(lambda n: f"Gebied {n}")
    slug = factory.Sequence(lambda n: f"gebied-{n}")
    cbs_code = factory.Sequence(lambda n: f"WK9999{n % 100:02d}")
    description = "Een rustige wijk met veel groen en een levendig winkelcentrum."
    shape = None

    class Params:
        with_shape = factory.Trait(shape=SQUARE)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("municipality", "slug")

    municipality = factory.LazyFunction(current_or_new_municipality)
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("municipality", "slug")

    municipality = factory.LazyFunction(current_or_new_municipality)
    name = factory.Sequence(lambda n: f"Afdeling {n}")
    slug = factory.Sequence(lambda n: f"afdeling-{n}")
