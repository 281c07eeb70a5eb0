"""Writes of votes: cast online, with a code or on paper (register row and ballot in one
transaction), and the close that drops the voter keys and rewrites the ballots."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.budgeting.budgets import services as budget_services
from samenspraak.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    Budget,
    VoteCode,
    VoterRegister,
)
from samenspraak.budgeting.voting import codes
from samenspraak.budgeting.voting.ballot import (
    RESULT_FINAL_MESSAGE,
    VOTED_ONLINE_MESSAGE,
    ballot_projects,
    is_resident_account,
    require_open,
    validate_ballot,
    vote_is_open,
    vote_phase,
    voter_area_id,
    voter_key,
)
from samenspraak.budgeting.voting.selectors import has_voted, online_vote_problem, results_exist

#: Ballots per budget at which a retry after a lost race is given up (never reached in practice).
RETRIES = 3


def _lock_budget(budget: Budget) -> None:
    """From the first ballot on, the ballot and the rule cannot change. The system locks it, not
    the voter (nobody is recorded as the one who voted first), at the start of the vote phase
    (not at the moment of the first ballot)."""
    if budget.locked_at is None:
        phase = vote_phase(budget)
        start = phase.starts_at if phase is not None and phase.starts_at <= timezone.now() else None
        budget_services.budget_lock(budget, at=start, system=True)


_CLOSED_QUERY = (
    "SELECT b.vote_closed_at, EXISTS (SELECT 1 FROM budgeting_budgetresult r "
    "WHERE r.budget_id = b.id) FROM budgeting_budget b WHERE b.id = %s"
)


def _refuse_when_closed(budget: Budget) -> None:
    """Inside the casting transaction: refuse once the vote is closed or its result computed.
    Takes a share lock on the budget row, so `vote_close` (which locks it for update) waits for
    ballots being written and ballots wait for the close: none slips in with its key after it."""
    # SQLite has no row locks; its transactions (IMMEDIATE, see settings) take the database's
    # write lock at their start, which orders the close and the ballots just the same.
    query = _CLOSED_QUERY + (" FOR SHARE" if connection.vendor == "postgresql" else "")
    with connection.cursor() as cursor:
        cursor.execute(query, [budget.pk])  # noqa: S608 - constant text, the id is a parameter
        closed_at, has_result = cursor.fetchone()
    if has_result:
        raise PermissionDenied(RESULT_FINAL_MESSAGE())
    if closed_at is not None:
        raise PermissionDenied(_("U kunt nu niet stemmen: de stemming is gesloten."))


def _write_choices(ballot: Ballot, choices: dict[int, int]) -> None:
    BallotChoice.objects.bulk_create(
        BallotChoice(ballot=ballot, project_id=pk, value=value) for pk, value in choices.items()
    )


def cast_online(*, budget: Budget, user, choices: dict, at=None, projects=None) -> Ballot:
    """Cast or change the ballot of a logged-in, eligible resident; returns their ballot.
    `projects`: the ballot's projects when the caller has them already (saves a query).

    Two submissions at once by the same person end with one ballot (the last one's choices)
    and one register row: the unique `voter_key` makes the loser of the race find the winner's
    ballot, which it then locks and changes.
    """
    require_open(budget, at)
    problem = online_vote_problem(user, budget)
    if problem:
        raise PermissionDenied(problem)
    projects = ballot_projects(budget) if projects is None else projects
    cleaned = validate_ballot(budget, projects, choices)
    key = voter_key(budget, user)
    today = timezone.localdate()
    for attempt in range(RETRIES):
        try:
            with transaction.atomic():
                _lock_budget(budget)
                _refuse_when_closed(budget)
                ballot, created = Ballot.objects.get_or_create(
                    voter_key=key, defaults={"budget": budget}
                )
                if not created:
                    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
                    BallotChoice.objects.filter(ballot=ballot).delete()
                _write_choices(ballot, cleaned)
                VoterRegister.objects.get_or_create(
                    budget=budget,
                    user=user,
                    defaults={
                        "channel": BallotChannel.ONLINE,
                        "area_id": voter_area_id(user, budget),
                        "voted_on": today,
                    },
                )
            return ballot
        except IntegrityError:  # pragma: no cover - a race get_or_create did not absorb
            if attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def cast_with_code(
    *, budget: Budget, code: str, choices: dict, at=None, projects=None, user=None
) -> Ballot:
    """Cast a ballot with a single-use vote code from a letter; no account needed.

    The code is marked used by `UPDATE ... WHERE used_on IS NULL` in the same transaction as the
    ballot insert: of two submissions at once, exactly one updates a row and votes; the other
    waits for it, updates nothing and is refused. Errors are field-keyed ("code", "choices").

    `user`: the person, when logged in. A resident who already voted with their account cannot
    use a code too; a resident who uses a code while logged in gets the vote on their account in
    the register (channel "code"), so they cannot vote again online. Staff accounts do not vote
    (`budgets.selectors.eligibility_problem`): their code counts as the anonymous letter it is.
    """
    require_open(budget, at)
    errors: dict[str, str] = {}
    cleaned = {}
    try:
        projects = ballot_projects(budget) if projects is None else projects
        cleaned = validate_ballot(budget, projects, choices)
    except ValidationError as error:
        errors.update({field: msgs[0] for field, msgs in error.message_dict.items()})
    vote_code, problem = codes.code_lookup(budget, code)
    if problem:
        errors["code"] = problem
    resident = user if is_resident_account(user) else None
    if resident is not None and has_voted(resident, budget):
        errors["code"] = VOTED_ONLINE_MESSAGE()
    if errors:
        raise ValidationError(errors)
    assert vote_code is not None  # code_lookup gives a code or a problem
    today = timezone.localdate()
    try:
        with transaction.atomic():
            _lock_budget(budget)
            _refuse_when_closed(budget)
            taken = VoteCode.objects.filter(pk=vote_code.pk, used_on__isnull=True).update(
                used_on=today
            )
            if not taken:
                raise ValidationError({"code": codes.USED_MESSAGE()})
            ballot = Ballot.objects.create(budget=budget)
            _write_choices(ballot, cleaned)
            VoterRegister.objects.create(
                budget=budget,
                user=resident,
                code=vote_code,
                channel=BallotChannel.CODE,
                area=budget.area if budget.area_id else vote_code.area,
                voted_on=today,
            )
    except IntegrityError:  # the same account voted online at the same moment
        raise ValidationError({"code": VOTED_ONLINE_MESSAGE()}) from None
    return ballot


def cast_paper(*, budget: Budget, choices: dict[int, int], on: datetime.date | None = None):
    """Count one paper ballot whose two entries agreed (called by voting.paper, inside its
    transaction). The register row has no user and no code."""
    today = on or timezone.localdate()
    _lock_budget(budget)
    if results_exist(budget):
        raise PermissionDenied(RESULT_FINAL_MESSAGE())
    ballot = Ballot.objects.create(budget=budget)
    _write_choices(ballot, {int(pk): int(v) for pk, v in choices.items() if int(v)})
    VoterRegister.objects.create(
        budget=budget, channel=BallotChannel.PAPER, area=budget.area, voted_on=today
    )
    return ballot


def ballots_scramble(budget: Budget, at=None) -> int:
    """Rewrite a closed vote's ballots and choices so the database no longer shows the order
    (or transaction) in which they were cast, and drop every voter key; returns the number of
    ballots. Choices stay exactly as they were. Part of `vote_close`."""
    if vote_is_open(budget, at):
        raise PermissionDenied(_("Dit kan pas als de stemming gesloten is."))
    with transaction.atomic():
        ids = list(
            Ballot.objects.select_for_update()
            .filter(budget=budget)
            .order_by("id")
            .values_list("id", flat=True)
        )
        choices = list(
            BallotChoice.objects.filter(ballot__budget=budget)
            .order_by("ballot_id", "project_id")
            .values_list("ballot_id", "project_id", "value")
        )
        BallotChoice.objects.filter(ballot__budget=budget).delete()
        Ballot.objects.filter(budget=budget).delete()
        Ballot.objects.bulk_create(
            [Ballot(id=pk, budget_id=budget.pk, voter_key=None) for pk in ids], batch_size=5000
        )
        BallotChoice.objects.bulk_create(
            [BallotChoice(ballot_id=b, project_id=p, value=v) for b, p, v in choices],
            batch_size=5000,
        )
    return len(ids)


def vote_close(budget: Budget, at=None) -> int:
    """Close the vote of a budget whose vote phase is over: no ballot keeps a voter key, the
    ballots are rewritten (`ballots_scramble`), and from now on no vote with an account or a
    code is taken (`Budget.vote_closed_at`). Paper ballots may still be entered until the result
    is computed. Safe to run again (a later run rewrites the ballots added since). Returns the
    number of ballots."""
    if vote_is_open(budget, at):
        raise PermissionDenied(_("Dit kan pas als de stemming gesloten is."))
    with transaction.atomic():
        # Waits for ballots being cast (they hold a share lock) and keeps new ones out.
        Budget.objects.select_for_update().filter(pk=budget.pk).order_by().values_list("pk").get()
        count = ballots_scramble(budget, at)
        moment = timezone.now()
        Budget.objects.filter(pk=budget.pk, vote_closed_at__isnull=True).update(
            vote_closed_at=moment
        )
        if budget.vote_closed_at is None:
            budget.vote_closed_at = moment
    return count


def close_ended_votes(process_id: int) -> int:
    """Close every budget of the process whose vote phase is over and not yet closed (the task
    behind `tasks.schedule_close`); returns how many were closed."""
    closed = 0
    for budget in (
        Budget.objects.filter(process_id=process_id, vote_closed_at__isnull=True)
        .select_related("process")
        .prefetch_related("process__phases")
    ):
        phase = vote_phase(budget)
        if phase is not None and phase.is_past():
            vote_close(budget)
            closed += 1
    return closed
