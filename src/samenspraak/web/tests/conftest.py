import copy
from pathlib import Path

import pytest

from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Voorbeeldstad", contact_email="participatie@voorbeeldstad.nl")


@pytest.fixture
def wijk(municipality):
    return AreaFactory(municipality=municipality, name="Binnenstad", slug="binnenstad")


@pytest.fixture
def section_templates(settings):
    """Makes the test-only section templates under web/tests/templates findable."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates
