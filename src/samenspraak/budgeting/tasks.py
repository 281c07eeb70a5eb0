"""Background work: closing a vote when its phase ends (see voting.vote_close).

The task and the code that queues it live here, above voting, so voting never imports this
module back (no import cycle). The result computation's task is in results.computation.
"""

from django.db import transaction
from django_tasks import task

from samenspraak.budgeting import voting
from samenspraak.budgeting.phases import VOTE


@task()
def close_votes(process_id: int) -> int:
    """Close the votes of this process whose vote phase is over; returns how many."""
    return voting.close_ended_votes(process_id)


def schedule_close(phase) -> bool:
    """Queue the close of the budgets of this vote phase's process for the end of the phase;
    called whenever a vote phase is saved. The task checks again when it runs, so a phase moved
    later is closed at its new end (by the task queued when it was moved). Needs a queue that
    can run tasks later (the database queue and `samenspraak db_worker`); without one this does
    nothing and the close happens when the result is computed. Returns whether it queued."""
    if phase.kind != VOTE or not close_votes.get_backend().supports_defer:
        return False
    ends_at, process_id = phase.ends_at, phase.process_id
    transaction.on_commit(lambda: close_votes.using(run_after=ends_at).enqueue(process_id))
    return True
