import pytest

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.assemblies.factories import AssemblyFactory

#: The draw seed the tests commit unless they say otherwise.
SEED = "geheim-lotnummer-2026"


@pytest.fixture
def assembly(db):
    return AssemblyFactory()


@pytest.fixture
def resident(db):
    return UserFactory()


@pytest.fixture
def manager(db):
    return StaffUserFactory(role=Role.PROCESS_MANAGER)


@pytest.fixture
def run_draw(django_capture_on_commit_callbacks):
    """Start the draw as staff do; the queued task runs when the transaction commits."""
    from samenspraak.assemblies import tasks

    def run(assembly, actor, seed=SEED):
        with django_capture_on_commit_callbacks(execute=True):
            row = tasks.draw_schedule(actor=actor, assembly=assembly, seed=seed)
        row.refresh_from_db()
        assembly.refresh_from_db()
        return row

    return run
