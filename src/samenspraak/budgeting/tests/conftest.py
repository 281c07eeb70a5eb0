"""Shared fixtures for budgeting tests. Other parts (voting, results) import these: keep it
additive, and keep each fixture's meaning stable."""

import datetime

import pytest
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import AttributeKind, AttributeSource, Role, VerifiedAttribute
from samenspraak.accounts.tests.conftest import log_in_staff  # noqa: F401
from samenspraak.budgeting.factories import BudgetFactory
from samenspraak.budgeting.phases import PROPOSE, REVIEW, VOTE
from samenspraak.organisations.factories import AreaFactory
from samenspraak.processes.factories import PhaseFactory, ProcessFactory

INSIDE = (52.085, 5.11)  # lat, lon inside organisations.factories.SQUARE
OUTSIDE = (51.5, 4.0)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _budgeting_fast_hashing(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


def phase_of(process, kind: str, when: str = "during"):
    """A phase of `kind` that is before / during / after now."""
    now = timezone.now()
    spans = {
        "before": (now + DAY, now + 5 * DAY),
        "during": (now - DAY, now + 5 * DAY),
        "after": (now - 5 * DAY, now - DAY),
    }
    starts, ends = spans[when]
    return PhaseFactory(process=process, kind=kind, starts_at=starts, ends_at=ends)


def user_with_role(role):
    if role == Role.RESIDENT:
        return UserFactory()
    return StaffUserFactory(role=role)


def verify(user, kind: str, area=None, expires_at=None) -> VerifiedAttribute:
    """Give `user` a verified attribute (as a demo check would)."""
    return VerifiedAttribute.objects.create(
        user=user, kind=kind, area=area, source=AttributeSource.STAFF, expires_at=expires_at
    )


@pytest.fixture
def area(db):
    """A district with a shape (INSIDE lies in it)."""
    return AreaFactory(with_shape=True, name="Noord")


@pytest.fixture
def process(db, area):
    return ProcessFactory(title="Buurtbudget Noord", slug="buurtbudget-noord")


@pytest.fixture
def propose_phase(process):
    """The running proposal phase of `process`."""
    return phase_of(process, PROPOSE, "during")


@pytest.fixture
def budget(process, area):
    """A €50.000 approval budget for the area, no threshold, no eligibility rules."""
    return BudgetFactory(process=process, area=area, title="Noord", amount=50000)


@pytest.fixture
def city_budget(process):
    """A €200.000 city-wide budget with a Kickstarter threshold of 10 supporters."""
    return BudgetFactory(process=process, title="Hele stad", amount=200000, support_threshold=10)


@pytest.fixture
def resident(db):
    return UserFactory()


@pytest.fixture
def manager(db):
    return StaffUserFactory(role=Role.PROCESS_MANAGER)


@pytest.fixture
def staff_client(client, manager):
    log_in_staff(client, manager)
    return client


__all__ = [
    "AttributeKind",
    "INSIDE",
    "OUTSIDE",
    "PROPOSE",
    "REVIEW",
    "VOTE",
    "phase_of",
    "user_with_role",
    "verify",
]
