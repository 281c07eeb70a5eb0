"""Pabulib in the product: the anonymised export (checked by pabulib-checker) and the replay
page for uploaded files, with Dutch messages that name the wrong line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pbengine
from pbengine import pabulib, rules
from samenspraak.accounts.factories import UserFactory
from samenspraak.budgeting import results
from samenspraak.budgeting.models import BallotType, OutcomeRule, VoteCode
from samenspraak.budgeting.results import pb_io
from samenspraak.budgeting.tests.test_results import abc, cast, ended, fresh, project  # noqa: F401

pytestmark = pytest.mark.django_db

# The engine's own Pabulib fixtures (src/pbengine/tests/fixtures).
FIXTURES = Path(pbengine.__file__).parent / "tests" / "fixtures" / "pabulib"


def checker_errors(text: str) -> dict:
    from pabulib.checker import Checker

    report = Checker().process_files([text])
    found = {}
    for key, value in report.items():
        if key == "metadata" or not isinstance(value, dict):
            continue
        found.update(value.get("results", {}).get("errors", {}) or {})
    return found


def publish(budget, manager):
    result = results.result_compute(fresh(budget))
    return results.result_publish(result, actor=manager)


# --- export -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "meta_rule", "leftover"),
    [
        (OutcomeRule.MES, "equalshares", None),
        (OutcomeRule.MES_ADD1, "equalshares/add1", None),
        (OutcomeRule.MES_ADD1_GREEDY, "equalshares/add1", rules.LEFTOVER_MES_GREEDY),
        (
            OutcomeRule.MES_BUDGET_INCREASE_GREEDY,
            "equalshares/budget-increase",
            rules.LEFTOVER_MES_GREEDY,
        ),
    ],
)
def test_export_names_the_completion_and_reads_back_to_the_same_outcome(
    abc,  # noqa: F811
    budget,
    manager,
    rule,
    meta_rule,
    leftover,
):
    """The export's META names the Equal Shares completion that was used; the file read back
    and run by its own META (as the replay page does) selects what the result selected."""
    budget.rule = rule
    budget.save()
    abc[1].final_cost = Decimal("55")  # no exact tie between A and B (see below)
    abc[1].save()
    publish(budget, manager)
    text = pb_io.export_text(fresh(budget))
    election = pabulib.parse(text)
    assert election.meta["rule"] == meta_rule
    assert election.meta.get("leftover_budget") == leftover
    stored = {str(pk) for pk in results.result_of(budget).selected}
    assert set(rules.from_meta(election).selected) == stored
    replay = pb_io.replay(text)
    assert replay.file_rule_problem == ""
    (file_column,) = [c for c in replay.comparison.columns if c.rule == "file"]
    assert set(file_column.outcome.selected) == stored
    errors = checker_errors(text)
    if meta_rule == "equalshares/budget-increase":
        # Not a Pabulib rule value (Pabulib has no name for this completion): the checker says
        # so, and the file's comment describes the rule.
        assert set(errors) == {"unknown rule value"}
        assert "exhaustion_by_budget_increase" in election.meta["comment"]
    else:
        assert errors == {}
        assert "comment" not in election.meta


@pytest.mark.parametrize("rule", [OutcomeRule.GREEDY, OutcomeRule.MES_ADD1])
def test_export_passes_pabulib_checker(abc, budget, manager, rule):  # noqa: F811
    budget.rule = rule
    budget.save()
    # pabulib-checker gives up on an exact Equal Shares tie (A and B): make B dearer.
    abc[1].final_cost = Decimal("55")
    abc[1].save()
    publish(budget, manager)
    text = pb_io.export_text(fresh(budget))
    assert checker_errors(text) == {}
    election = pabulib.parse(text)
    assert election.num_voters == 10
    selected = {p for p, project in election.projects.items() if project.extra["selected"] == "1"}
    assert selected == {str(pk) for pk in results.result_of(budget).selected}


def test_export_of_cumulative_ballots_passes_pabulib_checker(budget, ended, manager):  # noqa: F811
    budget.ballot_type = BallotType.CUMULATIVE
    budget.points = 10
    budget.rule = OutcomeRule.GREEDY
    budget.amount = Decimal("300")
    budget.save()
    a, b, c = project(budget, "200"), project(budget, "100"), project(budget, "150")
    cast(budget, {a: 6, b: 4})
    cast(budget, {c: 10})
    cast(budget, {a: 5, c: 5})
    publish(budget, manager)
    text = pb_io.export_text(fresh(budget))
    assert checker_errors(text) == {}
    assert pabulib.parse(text).vote_type == "cumulative"


@pytest.mark.parametrize("ballot_type", [BallotType.RANKING, BallotType.KNAPSACK])
def test_export_of_ranking_and_knapsack_passes_pabulib_checker(
    budget,
    ended,  # noqa: F811
    manager,
    ballot_type,
):
    budget.ballot_type = ballot_type
    budget.rule = OutcomeRule.GREEDY
    budget.amount = Decimal("300")
    budget.save()
    a, b, c = project(budget, "200"), project(budget, "100"), project(budget, "150")
    if ballot_type == BallotType.RANKING:
        cast(budget, {a: 1, b: 2, c: 3})
        cast(budget, {c: 1, a: 2})
        cast(budget, {b: 1, c: 2, a: 3})
    else:
        cast(budget, {a: 1, b: 1})
        cast(budget, {c: 1, b: 1})
        cast(budget, {b: 1})
    publish(budget, manager)
    text = pb_io.export_text(fresh(budget))
    assert checker_errors(text) == {}
    expected = "ordinal" if ballot_type == BallotType.RANKING else "approval"
    assert pabulib.parse(text).vote_type == expected


def test_export_is_anonymous(abc, budget, manager):  # noqa: F811
    voter = UserFactory(email="geheim.stemmer@example.org")
    row = budget.register.first()
    row.user = voter
    row.save()
    publish(budget, manager)
    text = pb_io.export_text(fresh(budget))
    assert "geheim.stemmer" not in text and manager.email not in text
    for ballot in budget.ballots.all():
        assert str(ballot.id) not in text
    assert not VoteCode.objects.exists() or all(
        c.code_hash not in text for c in VoteCode.objects.all()
    )
    election = pabulib.parse(text)
    assert sorted(int(b.voter_id) for b in election.ballots) == list(range(1, 11))
    assert all(not b.extra for b in election.ballots)
    assert text.splitlines()[text.splitlines().index("VOTES") + 1] == "voter_id;vote"


def test_export_needs_a_published_result(abc, budget, staff_client):  # noqa: F811
    results.result_compute(fresh(budget))
    response = staff_client.get(reverse("budgeting:result_export", args=[budget.pk]))
    assert response.status_code == 404


def test_staff_download_the_export(abc, budget, manager, staff_client):  # noqa: F811
    publish(budget, manager)
    response = staff_client.get(reverse("budgeting:result_export", args=[budget.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.pb"')
    assert response.content.decode().startswith("META\n")


def test_residents_cannot_download_the_export(abc, budget, manager, client):  # noqa: F811
    publish(budget, manager)
    client.force_login(UserFactory())
    response = client.get(reverse("budgeting:result_export", args=[budget.pk]))
    assert response.status_code == 403


# --- replay -------------------------------------------------------------------------------


def upload(name: str, content: bytes):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_replay_of_a_real_file_shows_every_rule(staff_client):
    data = (FIXTURES / "Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb").read_bytes()
    response = staff_client.post(
        reverse("budgeting:pabulib_replay"), {"file": upload("warszawa.pb", data)}
    )
    assert response.status_code == 200
    replay = response.context["replay"]
    assert replay is not None
    rules = [c.rule for c in replay.comparison.columns]
    assert rules[:6] == list(pb_io.REPLAY_RULES)
    assert replay.election.num_voters == 27
    page = response.content.decode()
    assert "warszawa.pb" in page and "Plaats 1 met" in page


def test_replay_shows_the_file_rule_next_to_the_file_outcome():
    """Świecie 2023 (equalshares/add1): the file's own rule selects what the city selected."""
    data = (FIXTURES / "Poland_Swiecie_2023.pb").read_text()
    replay = pb_io.replay(data, seconds=300)
    columns = {c.rule: c for c in replay.comparison.columns}
    assert {"file", "official"} <= set(columns)
    assert set(columns["file"].outcome.selected) == set(columns["official"].outcome.selected)
    assert replay.file_rule_text == "equalshares/add1"
    assert columns["official"].count == 17


def test_replay_leaves_out_slow_equal_shares_variants_with_a_note():
    """Out of time (here: none at all), the Equal Shares variants are left out, not waited for."""
    data = (FIXTURES / "Poland_Swiecie_2023.pb").read_text()
    replay = pb_io.replay(data, seconds=0)
    rules = [c.rule for c in replay.comparison.columns]
    assert rules == ["greedy", "ees", "official"]  # plain EES has no deadline: it is quick
    assert "niet berekend" in replay.notes[0]
    assert "duurt te lang" in replay.file_rule_problem


def test_replay_of_a_file_whose_rule_is_unknown_says_so():
    name = "US_Stanford_Dataset_Merced_Peoples_Budget_Ballot_2019_vote_rankings.pb"
    replay = pb_io.replay((FIXTURES / name).read_bytes())
    assert "kunnen we niet naspelen" in replay.file_rule_problem
    # rankings: every rule but Exact Equal Shares (approval ballots only), which is named
    assert [c.rule for c in replay.comparison.columns][:5] == list(pb_io.REPLAY_RULES)[:5]
    assert "ees" not in [c.rule for c in replay.comparison.columns]
    assert any("Exact gelijke delen" in note for note in replay.notes)


MALFORMED = b"""META
key;value
budget;1000
vote_type;approval
PROJECTS
project_id;cost
1;abc
VOTES
voter_id;vote
1;1
"""


def test_malformed_file_names_the_line_in_dutch(staff_client):
    response = staff_client.post(
        reverse("budgeting:pabulib_replay"), {"file": upload("kapot.pb", MALFORMED)}
    )
    assert response.status_code == 200
    assert response.context["replay"] is None
    errors = response.context["form"].errors["file"]
    assert errors[0].startswith("Regel 7: ")
    assert "abc" in errors[0] and "geen geldig getal" in errors[0]
    assert "kapot.pb" in response.content.decode()


GOOD = MALFORMED.replace(b"1;abc", b"1;500")


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b"PROJECTS\n", None),
        (b"\xff\xfe\x00", None),
        (GOOD.replace(b"1;1\n", b"1;9\n"), 10),
        (GOOD.replace(b"vote_type;approval", b"vote_type;stemmen"), 4),
        (GOOD.replace(b"1;1\n", b'1;"1\0"\n'), 10),
        (b"", None),
    ],
)
def test_bad_files_never_give_a_500(staff_client, content, line):
    response = staff_client.post(
        reverse("budgeting:pabulib_replay"), {"file": upload("x.pb", content)}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors
    if line:
        assert errors[0].startswith(f"Regel {line}: ")


def test_every_parser_error_code_has_a_dutch_message():
    assert set(pabulib.ERROR_CODES) <= set(pb_io.ERROR_MESSAGES)


def test_unknown_error_code_falls_back_to_the_english_message():
    error = pabulib.PabulibError(3, "something_new", "something odd", x=1)
    assert pb_io.error_message(error) == "Regel 3: something odd"


def test_too_large_upload_is_refused_with_a_clear_message(staff_client, settings, monkeypatch):
    monkeypatch.setattr(pb_io, "MAX_UPLOAD_BYTES", 10)
    from samenspraak.budgeting.results import forms as forms_results

    monkeypatch.setattr(forms_results, "MAX_UPLOAD_BYTES", 10)
    response = staff_client.post(
        reverse("budgeting:pabulib_replay"), {"file": upload("groot.pb", MALFORMED)}
    )
    assert "te groot" in response.context["form"].errors["file"][0]


def test_replay_is_for_staff_only(client):
    response = client.get(reverse("budgeting:pabulib_replay"))
    assert response.status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("budgeting:pabulib_replay")).status_code == 403
