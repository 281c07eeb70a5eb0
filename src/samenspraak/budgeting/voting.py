"""Casting secret ballots (services) and reading them back without voters (selectors).

Ballot secrecy, as built here (the whole model, with a test per sentence: docs/ballot-secrecy.md):

- The register (`VoterRegister`) says *who* voted: a user, a vote code or a paper sheet, with the
  channel, the voter's area and the day. It has no link to a ballot.
- A `Ballot` says *what* was voted: a random UUID, the budget and the choices. No user, no code,
  no channel, no day: nothing a ballot shares with a register row but the budget. Selectors
  return ballots in UUID (that is: random) order.
- An account holder may change their ballot until the vote closes. While the vote is open their
  ballot carries `voter_key` = HMAC-SHA256(settings.SAMENSPRAAK_BALLOT_KEY, "<budget pk>:<user
  pk>"). The key is not in the database, so a database dump alone cannot join ballots to people;
  only the running application, asked by that same logged-in person, finds their ballot again.
- `vote_close(budget)` ends that: once the vote phase is over it sets every voter key of the
  budget to NULL and rewrites the ballots and choices in one transaction, in UUID order (one
  transaction stamp `xmin` for all, new choice ids), so neither the keys nor the order or
  transaction in which ballots were written tie one to its register row any more. It runs as a
  task at the end of the vote phase (`schedule_close`) and, at the latest, when the result is
  computed. After it, no vote with an account or a code is taken.
- A ballot cast with a vote code cannot be changed (there is nothing to find it by), and a
  paper ballot has no key either.
- Register row and ballot are written in one transaction, so a vote is never registered without
  its ballot or the other way round. No page or export in this app shows a ballot next to a
  person or a code: `ballots_for_tally` gives choices only, `turnout` gives counts.

Choices are a dict {project pk: value}: 1 for approval and knapsack, the points for cumulative,
the position (1 is first) for ranking.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.budgeting import budgets, proposals
from samenspraak.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    BallotType,
    Budget,
    BudgetProject,
    VoteCode,
    VoterRegister,
)
from samenspraak.budgeting.phases import VOTE, VOTE_ACTION
from samenspraak.core.money import format_money as euro
from samenspraak.processes.phases import phase_allows

#: Ballots per budget at which a retry after a lost race is given up (never reached in practice).
RETRIES = 3


# --- the other budgeting parts (proposals) ----------------------------------------------------


def ballot_projects(budget: Budget) -> list[BudgetProject]:
    """The projects on the ballot, in ballot order (the proposals part decides which)."""
    return list(proposals.ballot_projects(budget))


def eligibility_problem(user, budget: Budget) -> str | None:
    """Why this person may not vote on this budget, in plain Dutch; None when they may."""
    return budgets.eligibility_problem(user, budget)


def _lock_budget(budget: Budget) -> None:
    """From the first ballot on, the ballot and the rule cannot change. The system locks it, not
    the voter (nobody is recorded as the one who voted first), at the start of the vote phase
    (not at the moment of the first ballot)."""
    if budget.locked_at is None:
        phase = vote_phase(budget)
        start = phase.starts_at if phase is not None and phase.starts_at <= timezone.now() else None
        budgets.budget_lock(budget, at=start, system=True)


_CLOSED_QUERY = (
    "SELECT b.vote_closed_at, EXISTS (SELECT 1 FROM budgeting_budgetresult r "
    "WHERE r.budget_id = b.id) FROM budgeting_budget b WHERE b.id = %s"
)


def _refuse_when_closed(budget: Budget) -> None:
    """Inside the casting transaction: refuse once the vote is closed or its result computed.
    Takes a share lock on the budget row, so `vote_close` (which locks it for update) waits for
    ballots being written and ballots wait for the close: none slips in with its key after it."""
    from django.db import connection

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


def RESULT_FINAL_MESSAGE() -> str:  # noqa: N802 - a message, translated when asked for
    return _("De uitslag is al berekend. Er kunnen geen stemmen meer bij.")


# --- phase ------------------------------------------------------------------------------------


def vote_phase(budget: Budget, at=None):
    """The budget's vote phase: the running one if any, else the latest (None: no vote phase).

    Uses `budget.process.phases.all()`, so a prefetched process costs no query."""
    at = at or timezone.now()
    phases = [p for p in budget.process.phases.all() if p.kind == VOTE]
    for phase in phases:
        if phase.starts_at <= at < phase.ends_at:
            return phase
    return max(phases, key=lambda p: p.starts_at, default=None)


def vote_is_open(budget: Budget, at=None) -> bool:
    phase = vote_phase(budget, at)
    return phase is not None and phase_allows(phase, VOTE_ACTION, at)


def _require_open(budget: Budget, at=None) -> None:
    phase = vote_phase(budget, at)
    if phase is None or not phase_allows(phase, VOTE_ACTION, at):
        at = at or timezone.now()
        if phase is not None and at < phase.starts_at:
            raise PermissionDenied(
                _("De stemming begint op %(date)s. U kunt dan stemmen.")
                % {"date": _day(phase.starts_at)}
            )
        raise PermissionDenied(_("U kunt nu niet stemmen: de stemming is gesloten."))


def _day(moment) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y")


# --- validation -------------------------------------------------------------------------------


def validate_ballot(budget: Budget, projects, choices: dict) -> dict[int, int]:
    """The choices, checked against the ballot's rules; raises a field-keyed ValidationError.

    `projects`: the projects on the ballot; `choices`: {project pk: value} (values 0 or empty
    mean "not chosen" for points and ranking). Returns {project pk: value} without zeros.
    """
    by_pk = {p.pk: p for p in projects}
    cleaned: dict[int, int] = {}
    for key, value in (choices or {}).items():
        try:
            pk = int(key)
            value = int(value)
        except (TypeError, ValueError):
            raise ValidationError(
                {"choices": _("Vul bij elk project een heel getal in, of laat het leeg.")}
            ) from None
        if pk not in by_pk:
            raise ValidationError(
                {"choices": _("U koos een project dat niet op het stembiljet staat.")}
            )
        if value < 0:
            raise ValidationError({"choices": _("Negatieve getallen kunnen niet.")})
        if value:
            cleaned[pk] = value
    kind = budget.ballot_type
    if not cleaned:
        if kind == BallotType.CUMULATIVE:
            raise ValidationError({"choices": _("Geef minstens één project een punt.")})
        raise ValidationError({"choices": _("Kies minstens één project.")})
    if kind in (BallotType.APPROVAL, BallotType.KNAPSACK) and any(
        value != 1 for value in cleaned.values()
    ):
        raise ValidationError({"choices": _("Kies een project of laat het leeg.")})
    if kind == BallotType.APPROVAL and budget.max_choices and len(cleaned) > budget.max_choices:
        raise ValidationError(
            {
                "choices": _("U kiest %(count)s projecten; het maximum is %(max)s.")
                % {"count": len(cleaned), "max": budget.max_choices}
            }
        )
    if kind == BallotType.KNAPSACK:
        total = sum((by_pk[pk].cost for pk in cleaned), Decimal(0))
        if total > budget.amount:
            raise ValidationError(
                {
                    "choices": _("Uw keuze kost %(total)s; het budget is %(amount)s.")
                    % {"total": euro(total), "amount": euro(budget.amount)}
                }
            )
    if kind == BallotType.CUMULATIVE:
        used = sum(cleaned.values())
        if budget.points and used > budget.points:
            raise ValidationError(
                {
                    "choices": _("U verdeelt %(used)s punten; u heeft er %(max)s.")
                    % {"used": used, "max": budget.points}
                }
            )
    if kind == BallotType.RANKING:
        positions = sorted(cleaned.values())
        if len(set(positions)) != len(positions):
            raise ValidationError(
                {
                    "choices": _(
                        "Elk nummer mag maar één keer voorkomen. Geef elk project een ander nummer."
                    )
                }
            )
        if budget.max_choices and len(positions) > budget.max_choices:
            raise ValidationError(
                {
                    "choices": _("U zet %(count)s projecten in uw top; het maximum is %(max)s.")
                    % {"count": len(positions), "max": budget.max_choices}
                }
            )
        if positions != list(range(1, len(positions) + 1)):
            raise ValidationError(
                {
                    "choices": _(
                        "Nummer de projecten 1, 2, 3 en zo verder, zonder een nummer over te slaan."
                    )
                }
            )
    return cleaned


def remaining(budget: Budget, projects, choices: dict) -> Decimal:
    """Knapsack: what is left of the budget after these choices (negative when over)."""
    by_pk = {p.pk: p for p in projects}
    spent = Decimal(0)
    for key, value in (choices or {}).items():
        try:
            pk, value = int(key), int(value)
        except (TypeError, ValueError):
            continue
        if value and pk in by_pk:
            spent += by_pk[pk].cost
    return budget.amount - spent


# --- services ---------------------------------------------------------------------------------


def voter_key(budget: Budget, user) -> str:
    message = f"{budget.pk}:{user.pk}".encode()
    return hmac.new(settings.SAMENSPRAAK_BALLOT_KEY.encode(), message, hashlib.sha256).hexdigest()


def _voter_area_id(user, budget: Budget) -> int | None:
    """The area a voter counts in for the turnout figures: the budget's own area, or for a
    city-wide budget the voter's wijk (a buurt claim counts for the wijk it lies in)."""
    if budget.area_id is not None:
        return budget.area_id
    from samenspraak.accounts.selectors import user_valid_attributes
    from samenspraak.organisations.models import AreaKind

    districts = {
        a.area_id
        if a.area.kind == AreaKind.DISTRICT or a.area.parent_id is None
        else a.area.parent_id
        for a in user_valid_attributes(user)
        if a.kind == "resident_of_area" and a.area_id is not None
    }
    return min(districts) if districts else None


def _write_choices(ballot: Ballot, choices: dict[int, int]) -> None:
    BallotChoice.objects.bulk_create(
        BallotChoice(ballot=ballot, project_id=pk, value=value) for pk, value in choices.items()
    )


def online_vote_problem(user, budget: Budget, *, channel=...) -> str | None:
    """Why this person may not vote (or change their vote) with their account, in plain Dutch;
    None when they may. Beyond eligibility: who voted with a code while logged in has voted.
    `channel`: the person's `voted_channel`, when the caller has it (saves a query)."""
    problem = eligibility_problem(user, budget)
    if problem:
        return problem
    if channel is ...:
        channel = voted_channel(user, budget)
    if channel not in (None, BallotChannel.ONLINE):
        return VOTED_WITH_CODE_MESSAGE()
    return None


def cast_online(*, budget: Budget, user, choices: dict, at=None, projects=None) -> Ballot:
    """Cast or change the ballot of a logged-in, eligible resident; returns their ballot.
    `projects`: the ballot's projects when the caller has them already (saves a query).

    Two submissions at once by the same person end with one ballot (the last one's choices)
    and one register row: the unique `voter_key` makes the loser of the race find the winner's
    ballot, which it then locks and changes.
    """
    _require_open(budget, at)
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
                        "area_id": _voter_area_id(user, budget),
                        "voted_on": today,
                    },
                )
            return ballot
        except IntegrityError:  # pragma: no cover - a race get_or_create did not absorb
            if attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def VOTED_WITH_CODE_MESSAGE() -> str:  # noqa: N802
    return _("U heeft al gestemd met een stemcode terwijl u was ingelogd. Iedereen stemt één keer.")


def VOTED_ONLINE_MESSAGE() -> str:  # noqa: N802
    return _(
        "U heeft al gestemd met uw account. Iedereen stemt één keer, dus deze code gebruikt u "
        "niet. U kunt uw stem wel veranderen via de gewone stempagina."
    )


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
    (`budgets.eligibility_problem`): their code counts as the anonymous letter it is.
    """
    from samenspraak.budgeting import codes

    _require_open(budget, at)
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
    resident = user if _is_resident_account(user) else None
    if resident is not None and has_voted(resident, budget):
        errors["code"] = VOTED_ONLINE_MESSAGE()
    if errors:
        raise ValidationError(errors)
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


def _is_resident_account(user) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and not getattr(user, "is_staff_role", False)
    )


def cast_paper(*, budget: Budget, choices: dict[int, int], on: datetime.date | None = None):
    """Count one paper ballot whose two entries agreed (called by paper.py, inside its
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


def results_exist(budget: Budget) -> bool:
    """Has the result been computed (published or not)? From then on no ballot is added."""
    from samenspraak.budgeting.models import BudgetResult

    return BudgetResult.objects.filter(budget=budget).exists()


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


def schedule_close(phase) -> bool:
    """Queue the close of the budgets of this vote phase's process for the end of the phase;
    called whenever a vote phase is saved. The task checks again when it runs, so a phase moved
    later is closed at its new end (by the task queued when it was moved). Needs a queue that
    can run tasks later (the database queue and `samenspraak db_worker`); without one this does
    nothing and the close happens when the result is computed. Returns whether it queued."""
    from samenspraak.budgeting import tasks

    if phase.kind != VOTE or not tasks.close_votes.get_backend().supports_defer:
        return False
    ends_at, process_id = phase.ends_at, phase.process_id
    transaction.on_commit(lambda: tasks.close_votes.using(run_after=ends_at).enqueue(process_id))
    return True


def close_ended_votes(process_id: int) -> int:
    """Close every budget of the process whose vote phase is over and not yet closed (the task
    behind `schedule_close`); returns how many were closed."""
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


# --- selectors --------------------------------------------------------------------------------


def has_voted(user, budget: Budget) -> bool:
    return voted_channel(user, budget) is not None


def voted_channel(user, budget: Budget) -> str | None:
    """How this person voted on this budget ("online", or "code" when they used a code while
    logged in); None when they have not (one query)."""
    if not (user and user.is_authenticated):
        return None
    return (
        VoterRegister.objects.filter(budget=budget, user=user)
        .values_list("channel", flat=True)
        .first()
    )


def voted_budget_ids(user, budgets) -> set[int]:
    """Of these budgets, the ones this person voted on (one query)."""
    if not (user and user.is_authenticated):
        return set()
    return set(
        VoterRegister.objects.filter(budget__in=list(budgets), user=user).values_list(
            "budget_id", flat=True
        )
    )


def my_choices(user, budget: Budget) -> dict[int, int]:
    """The logged-in person's own current choices (to change them), found by their voter key."""
    if not (user and user.is_authenticated):
        return {}
    return dict(
        BallotChoice.objects.filter(
            ballot__voter_key=voter_key(budget, user), ballot__budget=budget
        ).values_list("project_id", "value")
    )


def ballots_for_tally(budget: Budget) -> list[list[tuple[int, int]]]:
    """Every ballot as [(project pk, value), ...], in random (UUID) order, without any voter
    information. One query. A ballot without choices cannot exist (at least one choice is
    required)."""
    rows = (
        BallotChoice.objects.filter(ballot__budget=budget)
        .order_by("ballot_id", "project_id")
        .values_list("ballot_id", "project_id", "value")
    )
    ballots: list[list[tuple[int, int]]] = []
    current = None
    for ballot_id, project_id, value in rows.iterator(chunk_size=5000):
        if ballot_id != current:
            current = ballot_id
            ballots.append([])
        ballots[-1].append((project_id, value))
    return ballots


def ballot_count(budget: Budget) -> int:
    """The number of ballots (one query). Per channel there is only the register (`turnout`):
    a ballot does not say how it was cast."""
    return Ballot.objects.filter(budget=budget).count()


def turnout(budget: Budget) -> dict:
    """Voters per channel and per area, from the register (two queries).

    {"total": n, "by_channel": {channel: n}, "by_area": [(area name or None, n), ...]}."""
    by_channel = {channel: 0 for channel in BallotChannel.values}
    for channel, n in (
        VoterRegister.objects.filter(budget=budget)
        .order_by()
        .values_list("channel")
        .annotate(n=Count("id"))
    ):
        by_channel[channel] = n
    by_area = [
        (name, n)
        for name, n in VoterRegister.objects.filter(budget=budget)
        .order_by()
        .values_list("area__name")
        .annotate(n=Count("id"))
        .order_by("area__name")
    ]
    return {"total": sum(by_channel.values()), "by_channel": by_channel, "by_area": by_area}


def tally(budget: Budget) -> dict[int, int]:
    """Sum of values per project (points; for ranking, the number of ballots naming it)."""
    totals: dict[int, int] = defaultdict(int)
    for choices in ballots_for_tally(budget):
        for pk, value in choices:
            totals[pk] += 1 if budget.ballot_type == BallotType.RANKING else value
    return dict(totals)
