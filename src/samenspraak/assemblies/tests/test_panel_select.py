"""The `panel-select` command: the JSON the issue specifies, on the reference fixtures, and clear
errors (file, line, column; the smallest relaxation of quotas that cannot be met)."""

import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sortition_engine import lottery

FIXTURES = Path(__file__).parents[3] / "sortition_engine" / "tests" / "fixtures"
LIB = FIXTURES / "sortition-algorithms-fixture"
PAPER = FIXTURES / "paper-example-small-200"


def _run(*args) -> dict:
    out = io.StringIO()
    call_command("panel-select", *args, stdout=out)
    return json.loads(out.getvalue())


def test_leximin_on_the_150_pool_prints_the_lottery():
    result = _run(
        "--features",
        str(LIB / "features.csv"),
        "--people",
        str(LIB / "candidates.csv"),
        "--panel-size",
        "22",
        "--id-column",
        "nationbuilder_id",
        "--household-columns",
        "primary_address1,primary_zip",
        "--draw-seed",
        "open-zaal",
    )
    assert result["algorithm"] == "leximin"
    probabilities = result["probabilities"]
    assert len(probabilities) == 150
    assert min(probabilities.values()) == pytest.approx(1 / 11, abs=1e-4)
    assert sum(p < 1 / 11 + 1e-4 for p in probabilities.values()) == 22
    # The lottery's marginals are the printed probabilities.
    marginals = dict.fromkeys(probabilities, 0.0)
    for entry in result["lottery"]:
        assert len(entry["panel"]) == 22
        for person in entry["panel"]:
            marginals[person] += entry["probability"]
    assert max(abs(marginals[i] - probabilities[i]) for i in probabilities) < 1e-9
    assert sum(e["probability"] for e in result["lottery"]) == pytest.approx(1)
    assert result["seconds"] > 0
    draw = result["draw"]
    assert draw["commitment"] == hashlib.sha256(b"open-zaal").hexdigest()
    assert lottery.draw(result["lottery"], "open-zaal")["panel"] == draw["panel"]


@pytest.mark.parametrize("algorithm", ["maximin", "nash", "legacy"])
def test_every_algorithm_on_the_paper_example(algorithm):
    result = _run(
        "--features",
        str(PAPER / "categories.csv"),
        "--people",
        str(PAPER / "respondents.csv"),
        "--panel-size",
        "20",
        "--id-column",
        "",
        "--algorithm",
        algorithm,
        "--legacy-runs",
        "300",
    )
    assert result["algorithm"] == algorithm
    assert set(result["probabilities"]) == {str(i) for i in range(1, 201)}
    if algorithm != "legacy":
        assert all(abs(p - 0.1) < 1e-4 for p in result["probabilities"].values())


def test_a_bad_file_names_line_and_column(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("id,gender,leaning\n1,female,liberal\n2,female,centrist\n")
    with pytest.raises(CommandError, match="line 3: column 'leaning': 'centrist' is not a value"):
        _run(
            "--features",
            str(PAPER / "categories.csv"),
            "--people",
            str(people),
            "--panel-size",
            "1",
        )


def test_infeasible_quotas_print_the_smallest_relaxation(tmp_path):
    features = tmp_path / "features.csv"
    features.write_text("feature,value,min,max\ngender,female,15,20\ngender,male,15,20\n")
    people = tmp_path / "people.csv"
    people.write_text(
        "id,gender\n" + "".join(f"{i},{'female' if i % 2 else 'male'}\n" for i in range(40))
    )
    with pytest.raises(CommandError) as error:
        _run("--features", str(features), "--people", str(people), "--panel-size", "20")
    message = str(error.value)
    assert "smallest relaxation (total 10)" in message
    assert '"new_min"' in message
