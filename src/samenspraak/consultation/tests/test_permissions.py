"""Role × before/during/after the collect phase → allowed or not, for every action."""

import pytest

from samenspraak.accounts.models import Role
from samenspraak.consultation import permissions
from samenspraak.consultation.factories import InputFactory
from samenspraak.consultation.tests.conftest import phase_at, user_with_role

pytestmark = pytest.mark.django_db

ROLES = list(Role.values)
WHEN = ["before", "during", "after"]


def expected_resident_action(role, when):
    return role == Role.RESIDENT and when == "during"


@pytest.mark.parametrize("when", WHEN)
@pytest.mark.parametrize("role", ROLES)
def test_submit_matrix(process, role, when):
    """Only residents submit, and only while the collect phase runs."""
    phase = phase_at(process, when)
    assert permissions.can_submit(user_with_role(role), phase) is expected_resident_action(
        role, when
    )


@pytest.mark.parametrize("when", WHEN)
@pytest.mark.parametrize("role", ROLES)
def test_support_matrix(process, role, when):
    """Only residents support someone else's input, and only while the phase runs."""
    item = InputFactory(phase=phase_at(process, when))
    assert permissions.can_support(user_with_role(role), item) is expected_resident_action(
        role, when
    )


@pytest.mark.parametrize("when", WHEN)
@pytest.mark.parametrize("role", ROLES)
def test_comment_rule_matrix(process, role, when):
    """Residents comment during the phase; process managers, moderators and administrators
    may always answer in the discussion; council members and clerks do not comment here."""
    item = InputFactory(phase=phase_at(process, when))
    staff_who_comment = {Role.PROCESS_MANAGER, Role.MODERATOR, Role.ADMINISTRATOR}
    expected = expected_resident_action(role, when) or role in staff_who_comment
    assert permissions.can_comment(user_with_role(role), item) is expected


@pytest.mark.parametrize("when", WHEN)
@pytest.mark.parametrize("role", ROLES)
def test_answer_matrix(process, role, when):
    """Process managers and administrators answer, whatever the phase (also afterwards)."""
    item = InputFactory(phase=phase_at(process, when))
    expected = role in {Role.PROCESS_MANAGER, Role.ADMINISTRATOR}
    assert permissions.can_answer(user_with_role(role), item) is expected


@pytest.mark.parametrize("role", ROLES)
def test_register_offline_by_role(process, role):
    expected = role in {Role.PROCESS_MANAGER, Role.MODERATOR, Role.ADMINISTRATOR}
    assert permissions.can_register_offline(user_with_role(role), process) is expected


def test_anonymous_visitors_may_do_nothing(process):
    from django.contrib.auth.models import AnonymousUser

    item = InputFactory(phase=phase_at(process, "during"))
    anonymous = AnonymousUser()
    assert not permissions.can_submit(anonymous, item.phase)
    assert not permissions.can_support(anonymous, item)
    assert not permissions.can_comment(anonymous, item)
    assert not permissions.can_answer(anonymous, item)


def test_unpublished_process_allows_nothing(process, resident):
    process.status = "draft"
    process.save()
    item = InputFactory(phase=phase_at(process, "during"))
    assert not permissions.can_submit(resident, item.phase)
    assert not permissions.can_support(resident, item)


def test_collect_phase_kind_is_registered():
    from samenspraak.consultation.models import SUBMIT_INPUT, SUPPORT
    from samenspraak.dialogue.models import COMMENT
    from samenspraak.processes.phases import phase_kinds

    kind = phase_kinds["consultation.collect"]
    assert str(kind.name) == "Inbreng verzamelen"
    assert kind.allows == {SUBMIT_INPUT, SUPPORT, COMMENT}
