import datetime

import pytest
from django.utils import timezone

from samenspraak.dialogue.models import COMMENT
from samenspraak.dialogue.permissions import (
    register_comment_rule,
    register_view_rule,
    unregister_comment_rule,
    unregister_view_rule,
)
from samenspraak.processes.models import Process
from samenspraak.processes.permissions import can_view_process
from samenspraak.processes.phases import PhaseKind, phase_allows, phase_kinds

# A phase kind that allows commenting, so these tests do not depend on the consultation app.
DISCUSS = phase_kinds.register(
    PhaseKind(key="dialoguetest.discuss", name="Bespreken", allows=frozenset({COMMENT}))
)


def process_comment_rule(user, process) -> bool:
    return any(phase_allows(phase, COMMENT) for phase in process.phases.all())


@pytest.fixture(autouse=True)
def processes_are_commentable():
    """In these tests a process can be commented on while a discussion phase runs; its comments
    are visible where the process page is (the processes app's own rule)."""
    register_comment_rule(Process, process_comment_rule)
    register_view_rule(Process, can_view_process)
    yield
    unregister_comment_rule(Process)
    unregister_view_rule(Process)


def phase_window(when: str):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    return {
        "before": (now + day, now + 7 * day),
        "during": (now - day, now + 7 * day),
        "after": (now - 7 * day, now - day),
    }[when]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Staff users get a password; the real hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
