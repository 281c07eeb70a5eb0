from pathlib import Path

import pytest

from sortition_engine import data

FIXTURES = Path(__file__).parent / "fixtures"
LIB = FIXTURES / "sortition-algorithms-fixture"
PAPER = FIXTURES / "paper-example-small-200"


@pytest.fixture(scope="session")
def pool150():
    return data.load(
        LIB / "features.csv",
        LIB / "candidates.csv",
        22,
        id_column="nationbuilder_id",
        household_columns=["primary_address1", "primary_zip"],
    )


@pytest.fixture(scope="session")
def pool200():
    return data.load(PAPER / "categories.csv", PAPER / "respondents.csv", 20, id_column=None)
