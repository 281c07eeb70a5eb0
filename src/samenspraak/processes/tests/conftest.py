import pytest

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.processes.phases import PhaseKind, phase_kinds

#: Kinds other apps provide (consultation, surveys). Registered here only when those apps have
#: not registered them, so these tests do not depend on apps built alongside this one.
STAND_INS = [
    PhaseKind(
        key="consultation.collect",
        name="Inbreng verzamelen",
        description="Inwoners geven inbreng.",
        allows=frozenset({"submit_input", "support", "comment"}),
    ),
    PhaseKind(
        key="surveys.respond",
        name="Vragenlijst",
        description="Inwoners vullen een vragenlijst in.",
        allows=frozenset({"survey"}),
    ),
]


@pytest.fixture
def input_kinds():
    """consultation.collect and surveys.respond exist (the real ones if installed)."""
    added = []
    for kind in STAND_INS:
        if kind.key not in phase_kinds:
            phase_kinds.register(kind)
            added.append(kind.key)
    yield
    for key in added:
        phase_kinds._kinds.pop(key, None)


@pytest.fixture
def manager(db):
    return StaffUserFactory(role=Role.PROCESS_MANAGER)


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client
