"""`samenspraak pb-outcome`: one JSON object on stdout, or exit code 2 with the line on stderr.

Runs the installed command in a subprocess, as a user would; it needs no database.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import pbengine

# The engine's own Pabulib fixtures (src/pbengine/tests/fixtures).
FIXTURES = Path(pbengine.__file__).parent / "tests" / "fixtures" / "pabulib"
COMMAND = Path(sys.executable).parent / "samenspraak"
LODZ = FIXTURES / "Poland_Lodz_2020_Nr_33.pb"


def _run(*args, env=None):
    command = [str(COMMAND)] if COMMAND.exists() else [sys.executable, "-m", "samenspraak"]
    return subprocess.run(  # noqa: S603 - our own command, arguments from the test
        [*command, "pb-outcome", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_file_rule_prints_the_official_outcome_as_json():
    result = _run(LODZ, "--rule", "file")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["selected"] == ["W008NR", "W014NR", "W127NR"]
    assert output["rule"] == output["meta_rule"] == "greedy-threshold"
    assert output["budget"] == 411000
    assert output["cost"] == 385000
    assert (output["voters"], output["projects"]) == (237, 5)
    assert output["seconds"] >= 0 and output["parse_seconds"] >= 0


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("greedy", ["W008NR", "W014NR", "W127NR", "W068NR"]),
        ("mes", ["W014NR", "W127NR", "W068NR"]),
        ("ees", ["W014NR", "W127NR", "W068NR"]),
        ("ees-add-opt", ["W008NR", "W014NR", "W127NR", "W068NR"]),
        ("ees-add-opt-skip", ["W008NR", "W014NR", "W127NR", "W068NR"]),
    ],
)
def test_named_rule_prints_its_outcome_in_selection_order(rule, expected):
    result = _run(LODZ, "--rule", rule)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["rule"] == rule
    assert output["selected"] == expected
    assert "meta_rule" not in output


def test_works_without_django_settings_or_database(tmp_path):
    """Dispatched before Django: an impossible settings module does not matter."""
    env = {"DJANGO_SETTINGS_MODULE": "does.not.exist", "DATABASE_URL": "postgres://nowhere:1/x"}
    env["PATH"] = "/usr/bin:/bin"
    result = _run(LODZ, "--rule", "greedy", env=env)
    assert result.returncode == 0, result.stderr


def test_bad_file_exits_2_with_the_line_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.pb"
    bad.write_text(LODZ.read_text(encoding="utf-8").replace("W014NR;25000", "W014NR;abc"))
    result = _run(bad, "--rule", "greedy")
    assert result.returncode == 2
    assert result.stdout == ""
    line = next(
        i
        for i, text in enumerate(bad.read_text(encoding="utf-8").splitlines(), start=1)
        if text.startswith("W014NR;abc")
    )
    assert f"line {line}: cost 'abc' of project W014NR is not a number" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("missing.pb", "--rule", "greedy"),
        (LODZ, "--rule", "lottery"),
        (FIXTURES / "Worldwide_Mechanical_Turk_Ranking_value_8.pb", "--rule", "file"),
        (LODZ, "--rule", "greedy-threshold", "--threshold", "veel"),
        (FIXTURES / "Worldwide_Mechanical_Turk_Ranking_value_8.pb", "--rule", "ees-add-opt"),
    ],
    ids=["missing file", "unknown rule", "META rule unknown", "bad threshold", "EES on rankings"],
)
def test_unusable_input_exits_2_without_traceback(args):
    result = _run(*args)
    assert result.returncode == 2
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr
