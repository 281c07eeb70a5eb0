"""The demo chapter: CBS figures through the real import, answers, a target that lags, and
figures published for one process."""

import pytest

from samenspraak.demo import generator
from samenspraak.organisations.models import Area
from samenspraak.representation import cbs, selectors
from samenspraak.representation.demo_data import cbs_table
from samenspraak.representation.models import INHABITANTS, Answer, PopulationFigure, Target

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_demo_has_figures_answers_and_a_lagging_target():
    generator.generate(residents=250)
    areas = Area.objects.count()
    assert PopulationFigure.objects.filter(characteristic=INHABITANTS).count() == areas
    assert Answer.objects.count() > 100
    target = Target.objects.select_related("process").first()
    checks = selectors.target_checks(
        selectors.targets(target.process), selectors.process_figures(target.process)
    )
    assert any(check.lagging for check in checks)
    assert target.process.representation_setting.published


def test_demo_table_is_read_like_a_cbs_table():
    import random

    class FakeArea:
        def __init__(self, pk, code, parent_id=None):
            self.pk, self.cbs_code, self.parent_id = pk, code, parent_id

    districts = [FakeArea(1, "WK999901")]
    neighbourhoods = [FakeArea(2, "BU99990101", 1), FakeArea(3, "BU99990102", 1)]
    table = cbs.read_table(cbs_table(random.Random(1), districts, neighbourhoods))
    assert table.problems == []
    district, first, second = table.rows
    assert district.figures[(INHABITANTS, "")] == (
        first.figures[(INHABITANTS, "")] + second.figures[(INHABITANTS, "")]
    )
