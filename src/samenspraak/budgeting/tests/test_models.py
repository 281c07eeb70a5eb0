"""Model-level rules that no service enforces."""

import pytest
from django.db.models import RestrictedError

from samenspraak.budgeting.factories import BudgetFactory
from samenspraak.budgeting.models import Budget
from samenspraak.organisations.factories import AreaFactory

pytestmark = pytest.mark.django_db


def test_an_area_with_a_budget_is_not_deleted_on_its_own():
    area = AreaFactory()
    BudgetFactory(area=area)
    with pytest.raises(RestrictedError):
        area.delete()


def test_deleting_the_municipality_takes_its_budgets_along():
    area = AreaFactory()
    budget = BudgetFactory(area=area, process__municipality=area.municipality)
    area.municipality.delete()
    assert not Budget.objects.filter(pk=budget.pk).exists()
