"""`samenspraak opinion-groups DIR` prints the opinion groups of a Polis export as JSON."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from opinionmap import compute, read_polis_export

LONDON = (
    Path(__file__).resolve().parents[3]
    / "opinionmap"
    / "tests"
    / "fixtures"
    / "polis-export"
    / "london.youth.policing"
)


def run(*args: str) -> dict:
    out = io.StringIO()
    call_command("opinion-groups", *args, stdout=out)
    return json.loads(out.getvalue())


def test_prints_groups_consensus_and_repness_with_export_ids():
    printed = run(str(LONDON))
    expected = compute(read_polis_export(LONDON))
    assert {"groups", "k", "consensus", "repness", "seconds", "group-sizes"} <= set(printed)
    assert printed["groups"] == {str(p): g for p, g in expected.groups.items()}
    assert printed["k"] == expected.k == len(printed["repness"])
    assert sum(printed["group-sizes"].values()) == len(printed["groups"])
    statement_ids = set(read_polis_export(LONDON).statements)
    assert set(printed["consensus"]) <= statement_ids
    for tids in printed["repness"].values():
        assert tids and set(tids) <= statement_ids
    assert 0 <= printed["seconds"] < 60


def test_k_can_be_forced_and_details_added():
    printed = run(str(LONDON), "--k", "3", "--details")
    assert printed["k"] == 3
    assert set(printed["repness-detail"]) == {"0", "1", "2"}
    assert len(printed["pca"]["comps"]) == 2


def test_bad_folder_is_a_clear_error(tmp_path):
    (tmp_path / "comments.csv").write_text("comment-id,moderated\n0,1\n")
    (tmp_path / "votes.csv").write_text("comment-id,voter-id,vote\n0,1,agree\n")
    with pytest.raises(CommandError, match=r"votes.csv, line 2: column 'vote' must be"):
        run(str(tmp_path))


def test_the_samenspraak_command_runs_it():
    done = subprocess.run(  # noqa: S603 (our own command, fixed arguments)
        [sys.executable, "-m", "samenspraak", "opinion-groups", str(LONDON)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(done.stdout)["k"] >= 2
