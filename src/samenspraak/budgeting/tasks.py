"""Background work: closing a vote when its phase ends (see voting.vote_close)."""

from django_tasks import task


@task()
def close_votes(process_id: int) -> int:
    """Close the votes of this process whose vote phase is over; returns how many."""
    from samenspraak.budgeting import voting

    return voting.close_ended_votes(process_id)
