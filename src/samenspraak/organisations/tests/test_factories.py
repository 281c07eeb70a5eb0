from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.organisations.models import AreaKind


def test_buurt_follows_its_wijk(db):
    """A buurt made from a parent wijk lies in the same municipality and is a buurt."""
    municipality = MunicipalityFactory()
    wijk = AreaFactory(municipality=municipality)
    buurt = AreaFactory(parent=wijk)
    assert wijk.kind == AreaKind.DISTRICT
    assert buurt.kind == AreaKind.NEIGHBOURHOOD
    assert buurt.municipality == municipality


def test_areas_join_the_existing_municipality(db):
    """Areas made without a municipality share the one the installation already has."""
    first = AreaFactory()
    second = AreaFactory(with_shape=True)
    assert first.municipality == second.municipality
    assert second.shape["type"] == "Polygon"
