from pathlib import Path

import pytest

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.representation import services
from samenspraak.representation.models import NOT_SAID, Answer

FIXTURE = Path(__file__).parent.parent / "fixtures" / "kerncijfers_wijken_buurten.csv"


@pytest.fixture
def town(db):
    """Voorbeeldstad with the two districts (and three neighbourhoods) of the CBS fixture, its
    figures imported, and a running process in district 1."""
    municipality = MunicipalityFactory(cbs_code="GM0999")
    north = AreaFactory(municipality=municipality, name="Noord", slug="noord", cbs_code="WK099901")
    south = AreaFactory(municipality=municipality, name="Zuid", slug="zuid", cbs_code="WK099902")
    AreaFactory(parent=north, name="Oude Dorp", slug="oude-dorp", cbs_code="BU09990101")
    AreaFactory(parent=north, name="Nieuwland", slug="nieuwland", cbs_code="BU09990102")
    AreaFactory(parent=south, name="Haven", slug="haven", cbs_code="BU09990201")
    manager = StaffUserFactory()
    table = services.population_import(
        actor=manager, municipality=municipality, raw=FIXTURE.read_bytes(), source="test"
    )
    assert not table.problems
    process = ProcessFactory(municipality=municipality, title="Het nieuwe plein", slug="plein")
    process.areas.set([north])
    PhaseFactory(process=process, kind="consultation.collect")
    return {
        "municipality": municipality,
        "north": north,
        "south": south,
        "manager": manager,
        "process": process,
    }


def answers(process, n, *, age=NOT_SAID, gender=NOT_SAID, education=NOT_SAID, area=NOT_SAID):
    """`n` residents answering the same."""
    for _ in range(n):
        Answer.objects.create(
            process=process,
            user=UserFactory(),
            age=age,
            gender=gender,
            education=education,
            area=area,
        )
