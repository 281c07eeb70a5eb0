"""Ballot secrecy, one test per sentence of docs/ballot-secrecy.md (named after it).

The attacker (tests/security/ballot_attacker.py) reads raw rows, so it also tries columns a
future change might add. Everything runs on PostgreSQL (xmin is PostgreSQL's).
"""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting import results, voting
from samenspraak.budgeting.budgets import services as budgets
from samenspraak.budgeting.models import Ballot, Budget, VoterRegister
from samenspraak.budgeting.phases import VOTE
from samenspraak.budgeting.tests.test_voting_helpers import vote_budget
from samenspraak.budgeting.voting import codes, paper
from samenspraak.core.models import AuditLogEntry
from tests.security import ballot_attacker as attacker
from tests.test_settings_production import SECRET, production_env, run_python

pytestmark = pytest.mark.django_db

KEYS = [settings.SAMENSPRAAK_BALLOT_KEY, settings.SECRET_KEY, "ballot:" + settings.SECRET_KEY]


def all_channels_vote(budget, projects, *, online=1, by_code=3, on_paper=1):
    """`online` residents with an account, `by_code` letters, `on_paper` sheets (entered twice).
    One online voter among code voters is the case a ballot's channel used to give away."""
    residents = [UserFactory() for _i in range(online)]
    for i, resident in enumerate(residents):
        voting.cast_online(budget=budget, user=resident, choices={projects[i % 3].pk: 1})
    if by_code:
        _batch, letters = codes.generate_batch(
            budget=budget, label="Brief", created_by=None, count=by_code
        )
        for i, letter in enumerate(letters):
            voting.cast_with_code(
                budget=budget, code=letter["code"], choices={projects[(i + 1) % 3].pk: 1}
            )
    clerks = [StaffUserFactory(role=Role.PROCESS_MANAGER) for _i in range(2)]
    for number in range(on_paper):
        for clerk in clerks:
            paper.enter_sheet(
                budget=budget, sheet=str(number), choices={projects[2].pk: 1}, user=clerk
            )
    return residents


def end_vote(budget) -> Budget:
    """Move the vote phase's end to a minute ago (as staff would); the budget as fresh."""
    phase = budget.process.phases.get(kind=VOTE)
    phase.ends_at = timezone.now() - datetime.timedelta(minutes=1)
    phase.save()
    return results.budget_get(budget.pk)


# --- the ballot itself --------------------------------------------------------------------------


def test_a_ballot_shares_nothing_with_the_register_but_the_budget():
    with connection.cursor() as cursor:
        ballot = {
            c.name
            for c in connection.introspection.get_table_description(cursor, "budgeting_ballot")
        }
        register = {
            c.name
            for c in connection.introspection.get_table_description(
                cursor, "budgeting_voterregister"
            )
        }
    assert ballot == {"id", "budget_id", "voter_key"}
    assert ballot & register == {"id", "budget_id"}  # ids: a UUID against an integer


# --- while the vote is open -----------------------------------------------------------------------


def test_while_open_only_ballots_cast_with_an_account_carry_a_voter_key():
    budget, projects = vote_budget()
    all_channels_vote(budget, projects, online=2, by_code=2, on_paper=1)
    keys = list(Ballot.objects.filter(budget=budget).values_list("voter_key", flat=True))
    assert len(keys) == 5
    assert sum(key is not None for key in keys) == 2


def test_while_open_the_database_alone_has_no_voter_key_to_match():
    """Without SAMENSPRAAK_BALLOT_KEY the keys match no user (the key is not in the database)."""
    budget, projects = vote_budget()
    all_channels_vote(budget, projects, online=2, by_code=0, on_paper=0)
    assert attacker.keyed_links(["a-guessed-key", "ballot:"], {budget.pk}) == {}


def test_while_open_database_plus_ballot_key_links_ballots_cast_with_an_account():
    """The limit, stated: while voters may still change their ballot, the key finds it."""
    budget, projects = vote_budget()
    residents = all_channels_vote(budget, projects, online=2, by_code=1, on_paper=0)
    links = attacker.keyed_links(KEYS, {budget.pk})
    assert sorted(links.values()) == sorted(r.pk for r in residents)


@pytest.mark.django_db(transaction=True)
def test_while_open_the_write_order_ties_a_ballot_to_its_register_row():
    """The limit, stated: someone reading the live database sees in which order (transaction
    stamp `xmin`) rows were written, and a ballot is written just before its register row. The
    close removes this (see the after-close tests)."""
    budget, projects = vote_budget()
    residents = all_channels_vote(budget, projects, online=3, by_code=0, on_paper=0)
    assert attacker.order_links({budget.pk}) == {
        Ballot.objects.get(voter_key=voting.voter_key(budget, r)).pk: r.pk for r in residents
    }


# --- the close ------------------------------------------------------------------------------------


def test_after_close_no_ballot_carries_a_voter_key():
    budget, projects = vote_budget()
    all_channels_vote(budget, projects, online=3)
    budget = end_vote(budget)
    assert voting.vote_close(budget) == 3 + 3 + 1
    assert not Ballot.objects.filter(voter_key__isnull=False).exists()
    budget.refresh_from_db()
    assert budget.vote_closed_at is not None


def test_result_compute_closes_the_vote():
    budget, projects = vote_budget()
    all_channels_vote(budget, projects, online=3)
    budget = end_vote(budget)
    results.result_compute(budget)
    assert not Ballot.objects.filter(voter_key__isnull=False).exists()
    assert Budget.objects.get(pk=budget.pk).vote_closed_at is not None


def test_the_close_is_refused_while_the_vote_is_open():
    budget, projects = vote_budget()
    all_channels_vote(budget, projects)
    with pytest.raises(PermissionDenied):
        voting.vote_close(budget)
    assert Ballot.objects.filter(voter_key__isnull=False).count() == 1


@pytest.mark.django_db(transaction=True)
def test_after_close_database_plus_both_keys_cannot_link_a_ballot():
    """With the database, SECRET_KEY and SAMENSPRAAK_BALLOT_KEY: no HMAC of any user matches any
    column of any ballot, and no group of ballots and register rows sharing a column (channel,
    day, transaction stamp) holds one of each."""
    budget, projects = vote_budget()
    all_channels_vote(budget, projects, online=1, by_code=3, on_paper=1)
    budget = end_vote(budget)
    results.result_compute(budget)
    assert attacker.keyed_links(KEYS, {budget.pk}) == {}
    assert attacker.group_links({budget.pk}) == {}
    assert attacker.order_links({budget.pk}) == {}


@pytest.mark.django_db(transaction=True)
def test_after_close_ballot_rows_carry_one_transaction_stamp():
    budget, projects = vote_budget()
    all_channels_vote(budget, projects, online=2)
    voting.vote_close(end_vote(budget))
    stamps = {row["xmin"] for row in attacker.ballots({budget.pk})}
    register = {row["xmin"] for row in attacker.register({budget.pk})}
    assert len(stamps) == 1 and not stamps & register


def test_after_close_no_vote_with_an_account_or_a_code_is_taken():
    """Even when staff open the vote phase again: the keys are gone, so a voter's ballot could
    not be found to change, and a second ballot would count twice."""
    budget, projects = vote_budget()
    [resident] = all_channels_vote(budget, projects, online=1, by_code=0, on_paper=0)
    _batch, letters = codes.generate_batch(budget=budget, label="B", created_by=None, count=1)
    voting.vote_close(end_vote(budget))
    phase = budget.process.phases.get(kind=VOTE)
    phase.ends_at = timezone.now() + datetime.timedelta(days=1)
    phase.save()
    budget = results.budget_get(budget.pk)
    with pytest.raises(PermissionDenied, match="gesloten"):
        voting.cast_online(budget=budget, user=resident, choices={projects[1].pk: 1})
    with pytest.raises(PermissionDenied, match="gesloten"):
        voting.cast_with_code(budget=budget, code=letters[0]["code"], choices={projects[1].pk: 1})
    assert Ballot.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_vote_being_cast_while_the_close_runs_waits_for_it_and_is_refused():
    """The close holds the budget row; a vote that checked the phase just before the end waits
    for the close to commit and is then refused, instead of slipping in with its key."""
    import threading

    from django.db import connections, transaction

    budget, projects = vote_budget()
    voting.cast_online(budget=budget, user=UserFactory(), choices={projects[1].pk: 1})
    during = timezone.now() - datetime.timedelta(minutes=5)  # just before the end
    budget = end_vote(budget)
    outcome = []

    def vote():
        try:
            outcome.append(
                voting.cast_online(
                    budget=results.budget_get(budget.pk),
                    user=UserFactory(),
                    choices={projects[0].pk: 1},
                    at=during,
                )
            )
        except PermissionDenied as refused:
            outcome.append(refused)
        except Exception as error:  # pragma: no cover - reported below
            outcome.append(error)
        finally:
            connections.close_all()

    with transaction.atomic():  # what vote_close does first
        Budget.objects.select_for_update().filter(pk=budget.pk).values_list("pk").get()
        voter = threading.Thread(target=vote)
        voter.start()
        voter.join(timeout=1.0)
        assert voter.is_alive() and outcome == [], outcome  # it waits
        voting.vote_close(budget)
    voter.join()
    assert isinstance(outcome[0], PermissionDenied)
    assert Ballot.objects.count() == 1 and VoterRegister.objects.count() == 1
    assert not Ballot.objects.filter(voter_key__isnull=False).exists()


@pytest.mark.real_queue
@pytest.mark.django_db(transaction=True)
def test_the_close_runs_as_a_task_when_the_vote_phase_ends():
    """Saving a vote phase queues the close for its end; the worker runs it then."""
    from django_tasks_db.models import DBTaskResult

    budget, projects = vote_budget()
    all_channels_vote(budget, projects, online=2, by_code=0, on_paper=0)
    [queued] = DBTaskResult.objects.filter(task_path__endswith="close_votes")
    assert queued.run_after > timezone.now()  # at the end of the phase, not now
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    assert Ballot.objects.filter(voter_key__isnull=False).count() == 2  # not yet

    end_vote(budget)
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    assert not Ballot.objects.filter(voter_key__isnull=False).exists()
    assert Budget.objects.get(pk=budget.pk).vote_closed_at is not None


# --- the audit log --------------------------------------------------------------------------------


def test_budget_lock_records_no_resident(client):
    """The first vote locks the budget: the audit log says the system did, with no address,
    at the start of the vote phase (not the moment of that first vote)."""
    budget, projects = vote_budget()
    resident = UserFactory()
    client.force_login(resident)
    response = client.post(
        reverse("budgeting:ballot", args=[budget.pk]),
        {"projects": [projects[0].pk], "confirm": "1"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    [entry] = AuditLogEntry.objects.filter(action=budgets.AuditAction.LOCKED)
    assert entry.actor_id is None and entry.ip_address is None
    budget.refresh_from_db()
    assert budget.locked_at == budget.process.phases.get(kind=VOTE).starts_at
    assert attacker.audit_residents() == []


def test_no_audit_entry_of_a_vote_names_a_resident(client):
    """Votes through the pages (account, code), paper entry by staff, then the count: the log
    holds no entry with a resident as actor."""
    budget, projects = vote_budget()
    _batch, letters = codes.generate_batch(budget=budget, label="B", created_by=None, count=2)
    for i, letter in enumerate(letters):
        client.force_login(UserFactory())
        client.post(
            reverse("budgeting:ballot", args=[budget.pk]),
            {"projects": [projects[i].pk], "confirm": "1"},
            REMOTE_ADDR="203.0.113.8",
        )
        client.logout()
        client.post(
            reverse("budgeting:vote_code", args=[budget.pk]),
            {"code": letter["code"], "projects": [projects[2].pk], "confirm": "1"},
        )
    all_channels_vote(budget, projects, online=0, by_code=0, on_paper=1)
    assert Ballot.objects.filter(budget=budget).count() == 5
    results.result_compute(end_vote(budget))
    assert attacker.audit_residents() == []


# --- pages and exports ----------------------------------------------------------------------------


def test_turnout_per_channel_on_the_results_page_comes_from_the_register(client):
    budget, projects = vote_budget()
    all_channels_vote(budget, projects, online=2, by_code=3, on_paper=1)
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    result = results.result_compute(end_vote(budget))
    results.result_publish(result, actor=manager)
    response = client.get(reverse("budgeting:results", args=[budget.pk]))
    shown = sorted(row["ballots"] for row in response.context["by_channel"])
    assert shown == [1, 2, 3]
    assert result.tally["channels"] == voting.turnout(budget)["by_channel"]


def test_the_pabulib_export_numbers_ballots_without_any_voter_information():
    budget, projects = vote_budget()
    residents = all_channels_vote(budget, projects, online=2)
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    result = results.result_compute(end_vote(budget))
    results.result_publish(result, actor=manager)
    from samenspraak.budgeting.results import pb_io

    text = pb_io.export_text(budget)
    votes = text.split("VOTES", 1)[1].strip().splitlines()[1:]
    assert sorted(int(line.split(";")[0]) for line in votes) == list(range(1, 7))
    for resident in residents:
        assert resident.email not in text and resident.display_name not in text
    for identifier in Ballot.objects.values_list("id", flat=True):
        assert str(identifier) not in text


# --- settings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ballot_key",
    [None, SECRET, "ballot:" + SECRET],
    ids=["missing", "same-as-secret-key", "derived-from-secret-key"],
)
def test_production_refuses_without_separate_ballot_key(ballot_key):
    env = production_env()
    env.pop("SAMENSPRAAK_BALLOT_KEY", None)
    if ballot_key is not None:
        env["SAMENSPRAAK_BALLOT_KEY"] = ballot_key
    result = run_python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "SAMENSPRAAK_BALLOT_KEY must be set, and differ from SECRET_KEY" in result.stderr


def test_production_starts_with_a_separate_ballot_key():
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SAMENSPRAAK_BALLOT_KEY != s.SECRET_KEY)",
        production_env(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("True")


# --- the demo -------------------------------------------------------------------------------------


def test_demo_closed_votes_cannot_be_linked():
    """The demo's published votes: no ballot ties to a person, with the database and both
    keys (scripts/measure_ballot_links.py prints the numbers)."""
    from samenspraak.demo import generator

    generator.generate()
    closed = [
        b.pk
        for b in Budget.objects.select_related("process").prefetch_related("process__phases")
        if results.vote_has_ended(b)
    ]
    assert closed and Ballot.objects.filter(budget_id__in=closed).count() > 300
    assert attacker.keyed_links(KEYS, set(closed)) == {}
    assert attacker.group_links(set(closed), persons_only=True) == {}
    assert attacker.audit_residents() == []
    assert VoterRegister.objects.filter(budget_id__in=closed, user__isnull=False).exists()


def test_the_staff_voting_page_says_when_the_vote_was_closed(client):
    budget, projects = vote_budget()
    all_channels_vote(budget, projects, online=1, by_code=0, on_paper=0)
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    from samenspraak.accounts.tests.conftest import log_in_staff

    log_in_staff(client, manager)
    url = reverse("budgeting:staff_voting", args=[budget.pk])
    assert "De stemming is afgesloten op" not in client.get(url).content.decode()
    voting.vote_close(end_vote(budget))
    assert "De stemming is afgesloten op" in client.get(url).content.decode()
