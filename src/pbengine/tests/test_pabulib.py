"""The Pabulib reader and writer: real files, their quirks, line-numbered errors, round trips.

No database: these tests exercise the pure-Python engine only.
"""

from __future__ import annotations

import io
import random
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pbengine import pabulib
from pbengine.model import VOTE_TYPES, Ballot, Election, Project
from pbengine.pabulib import PabulibError

FIXTURES = Path(__file__).parent / "fixtures" / "pabulib"
FIXTURE_FILES = sorted(FIXTURES.glob("*.pb"))
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "pabulib"
SHARED_FILES = sorted(SHARED.glob("*.pb")) if SHARED.is_dir() else []

MINIMAL = """META
key;value
description;Test
country;Netherlands
unit;Voorbeeldstad
instance;2026
num_projects;2
num_votes;2
budget;100
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;name
a;60;Bankjes
b;50.5;Bomen
VOTES
voter_id;vote
1;a,b
2;b
"""


def _same_everywhere(one: Election, other: Election) -> bool:
    """Equality including the free-text columns the dataclasses leave out of ==.

    `write` fills in META's num_projects, num_votes, budget and vote_type from the election, so
    `one` (what was read back) may have those keys where `other` lacked them.
    """
    filled = ("num_projects", "num_votes", "budget", "vote_type")
    return (
        one.budget == other.budget
        and one.vote_type == other.vote_type
        and one.projects == other.projects
        and list(one.projects) == list(other.projects)
        and one.ballots == other.ballots
        and {k: v for k, v in one.meta.items() if k not in filled or k in other.meta} == other.meta
        and all(one.projects[p].extra == other.projects[p].extra for p in one.projects)
        and all(a.extra == b.extra for a, b in zip(one.ballots, other.ballots, strict=True))
    )


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_every_fixture_parses_with_the_counts_its_meta_declares(path):
    election = pabulib.read(path)
    assert len(election.projects) == int(election.meta["num_projects"])
    assert election.num_voters == int(election.meta["num_votes"])
    assert election.budget == Fraction(election.meta["budget"])
    assert election.vote_type in VOTE_TYPES


@pytest.mark.parametrize("path", FIXTURE_FILES[:6], ids=lambda p: p.stem)
def test_fixture_reads_as_pabutools_reads_it(path):
    """Same projects, exact costs, budget and ballots (as sets or rankings) as pabutools' parser."""
    from pabutools.election import parse_pabulib

    instance, profile = parse_pabulib(str(path))
    election = pabulib.read(path)
    assert election.budget == Fraction(str(instance.budget_limit))
    assert {p.name: Fraction(str(p.cost)) for p in instance} == {
        p.id: p.cost for p in election.projects.values()
    }
    assert len(profile) == election.num_voters
    for theirs, ours in zip(profile, election.ballots, strict=True):
        if election.vote_type in ("approval", "choose-1"):
            assert {p.name for p in theirs} == set(ours.projects)
        elif election.vote_type == "ordinal":
            assert [p.name for p in theirs] == list(ours.projects)
        else:
            assert {p.name: Fraction(str(v)) for p, v in theirs.items()} == dict(
                zip(ours.projects, ours.points, strict=True)
            )


def test_file_and_path_and_binary_file_read_the_same():
    path = FIXTURE_FILES[0]
    by_path = pabulib.read(path)
    assert pabulib.read(str(path)) == by_path
    with path.open("rb") as handle:
        assert pabulib.read(handle) == by_path
    with path.open(encoding="utf-8", newline="") as handle:
        assert pabulib.read(handle) == by_path


def test_crlf_bom_blank_lines_quotes_and_decimals_are_read():
    text = "\ufeff" + MINIMAL.replace(
        "description;Test", 'description;"Een ""echte"" test; met puntkomma"'
    ).replace("a;60;Bankjes", 'a;60;"Bankjes; groen"').replace("\n", "\r\n").replace(
        "PROJECTS", "\r\nPROJECTS"
    )
    election = pabulib.parse(text)
    assert election.meta["description"] == 'Een "echte" test; met puntkomma'
    assert election.projects["a"].name == "Bankjes; groen"
    assert election.projects["b"].cost == Fraction(101, 2)
    assert election.ballots[0].projects == ("a", "b")


def test_category_lists_with_spaces_are_split_and_stripped():
    text = MINIMAL.replace("project_id;cost;name", "project_id;cost;name;category").replace(
        "a;60;Bankjes", 'a;60;Bankjes;"Groen, Sport"'
    )
    text = text.replace("b;50.5;Bomen", "b;50.5;Bomen;None")
    election = pabulib.parse(text)
    assert election.projects["a"].categories == ("Groen", "Sport")
    assert election.projects["b"].categories == ()


def test_decimal_comma_in_cost_and_sentinel_cost_are_kept_exactly():
    text = MINIMAL.replace("a;60;Bankjes", "a;999999999;Teruggetrokken").replace(
        "b;50.5;Bomen", 'b;"2158427,19";Bomen'
    )
    election = pabulib.parse(text)
    assert election.projects["a"].cost == 999999999
    assert election.projects["b"].cost == Fraction("2158427.19")


def test_cumulative_and_ordinal_ballots_keep_order_and_points():
    cumulative = (
        MINIMAL.replace("vote_type;approval", "vote_type;cumulative")
        .replace("voter_id;vote", "voter_id;vote;points")
        .replace("1;a,b", "1;b,a;3,2")
        .replace("2;b\n", "2;b;1.5\n")
    )
    election = pabulib.parse(cumulative)
    assert election.ballots[0].projects == ("b", "a")
    assert election.ballots[0].points == (3, 2)
    assert election.ballots[1].points == (Fraction(3, 2),)
    ordinal = MINIMAL.replace("vote_type;approval", "vote_type;ordinal").replace("1;a,b", "1;b,a")
    assert pabulib.parse(ordinal).ballots[0].projects == ("b", "a")


def test_scoring_ballots_may_give_negative_scores_cumulative_may_not():
    text = (
        MINIMAL.replace("voter_id;vote", "voter_id;vote;points")
        .replace("1;a,b", "1;a,b;-1,2")
        .replace("2;b\n", "2;b;1\n")
    )
    scoring = pabulib.parse(text.replace("vote_type;approval", "vote_type;scoring"))
    assert scoring.ballots[0].points == (-1, 2)
    with pytest.raises(PabulibError) as error:
        pabulib.parse(text.replace("vote_type;approval", "vote_type;cumulative"))
    assert (error.value.line, error.value.code) == (18, "negative_number")


def test_empty_ballot_is_allowed():
    election = pabulib.parse(MINIMAL.replace("2;b\n", "2;\n"))
    assert election.ballots[1].projects == ()


def test_duplicate_vote_is_read_as_pabutools_reads_it_unless_strict():
    text = (
        MINIMAL.replace("vote_type;approval", "vote_type;cumulative")
        .replace("voter_id;vote", "voter_id;vote;points")
        .replace("1;a,b", "1;a,b,a;3,2,1")
        .replace("2;b\n", "2;b;1\n")
    )
    election = pabulib.parse(text)
    assert election.ballots[0].projects == ("a", "b")
    assert election.ballots[0].points == (1, 2)
    with pytest.raises(PabulibError) as error:
        pabulib.parse(text, strict=True)
    assert (error.value.line, error.value.code) == (18, "duplicate_vote")


def _replace_line(text: str, number: int, new: str) -> str:
    lines = text.split("\n")
    lines[number - 1] = new
    return "\n".join(lines)


ERROR_CASES = [
    # (description, text transformation, line, code)
    ("not a number", lambda t: t.replace("a;60;", "a;abc;"), 14, "bad_number"),
    ("exponent", lambda t: t.replace("a;60;", "a;1e999999999;"), 14, "bad_number"),
    ("negative cost", lambda t: t.replace("a;60;", "a;-5;"), 14, "negative_number"),
    ("bad budget", lambda t: t.replace("budget;100", "budget;veel"), 9, "bad_number"),
    ("bad num_votes", lambda t: t.replace("num_votes;2", "num_votes;2.5"), 8, "bad_number"),
    ("vote type", lambda t: t.replace("vote_type;approval", "vote_type;x"), 10, "bad_vote_type"),
    ("unknown project", lambda t: t.replace("1;a,b", "1;a,c"), 18, "unknown_project"),
    (
        "duplicate project",
        lambda t: t.replace("b;50.5;Bomen", "a;50.5;Bomen"),
        15,
        "duplicate_project",
    ),
    ("duplicate voter", lambda t: t.replace("2;b\n", "1;b\n"), 19, "duplicate_voter"),
    ("column count", lambda t: t.replace("2;b\n", "2;b;x\n"), 19, "column_count"),
    ("project column count", lambda t: t.replace("a;60;Bankjes", "a;60"), 14, "column_count"),
    ("meta column count", lambda t: t.replace("rule;greedy", "rule"), 11, "column_count"),
    ("no budget", lambda t: t.replace("budget;100\n", ""), 0, "missing_meta"),
    ("no VOTES", lambda t: t.split("VOTES")[0], 0, "missing_section"),
    ("no header", lambda t: t.split("voter_id")[0].rstrip("\n"), 16, "missing_header"),
    ("order", lambda t: t.replace("PROJECTS", "VOTES", 1), 12, "section_order"),
    ("text first", lambda t: "hallo\n" + t, 1, "unexpected_line"),
    ("empty", lambda t: "\n\n", 0, "empty_file"),
    (
        "cost column",
        lambda t: t.replace("project_id;cost;name", "project_id;prijs;name"),
        13,
        "missing_column",
    ),
    (
        "twice a column",
        lambda t: t.replace("voter_id;vote", "voter_id;vote;vote"),
        17,
        "duplicate_column",
    ),
    ("twice a key", lambda t: t.replace("rule;greedy", "budget;5"), 11, "duplicate_meta"),
    ("empty id", lambda t: t.replace("2;b\n", ";b\n"), 19, "empty_id"),
    (
        "points",
        lambda t: (
            t.replace("vote_type;approval", "vote_type;cumulative")
            .replace("voter_id;vote", "voter_id;vote;points")
            .replace("1;a,b", "1;a,b;1")
            .replace("2;b\n", "2;b;1\n")
        ),
        18,
        "points_mismatch",
    ),
    (
        "no points column",
        lambda t: t.replace("vote_type;approval", "vote_type;scoring"),
        17,
        "missing_column",
    ),
]


@pytest.mark.parametrize(
    ("change", "line", "code"),
    [case[1:] for case in ERROR_CASES],
    ids=[case[0] for case in ERROR_CASES],
)
def test_malformed_input_names_the_line_and_a_stable_code(change, line, code):
    with pytest.raises(PabulibError) as error:
        pabulib.parse(change(MINIMAL))
    assert error.value.code == code
    assert error.value.code in pabulib.ERROR_CODES
    assert error.value.line == line
    assert isinstance(error.value.params, dict)
    if line:
        assert str(error.value).startswith(f"line {line}: ")


def test_error_message_reads_as_a_sentence():
    with pytest.raises(PabulibError) as error:
        pabulib.parse(MINIMAL.replace("a;60;", "a;abc;"))
    assert str(error.value) == "line 14: cost 'abc' of project a is not a number"
    assert error.value.params == {"field": "cost", "value": "abc", "project": "a"}


def test_count_mismatch_only_in_strict_mode():
    text = MINIMAL.replace("num_votes;2", "num_votes;3")
    assert pabulib.parse(text).num_voters == 2
    with pytest.raises(PabulibError) as error:
        pabulib.parse(text, strict=True)
    assert (error.value.line, error.value.code) == (8, "count_mismatch")


def test_bytes_that_are_not_utf8_raise_an_encoding_error():
    with pytest.raises(PabulibError) as error:
        pabulib.read(io.BytesIO(MINIMAL.encode("utf-8") + b"\xff\xfe"))
    assert error.value.code == "encoding"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_fixture_bytes_never_raise_anything_but_pabulib_error(data):
    """Random byte edits of a real file: either an election or a PabulibError, nothing else."""
    path = data.draw(st.sampled_from(FIXTURE_FILES[:8]))
    raw = bytearray(path.read_bytes()[:6000])
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["replace", "delete", "insert"]))
        byte = data.draw(st.sampled_from([*b';,"\r\n\t 0123456789.-abcMETAPROJECTSVOTES', 0xFF]))
        if action == "replace":
            raw[position] = byte
        elif action == "delete":
            del raw[position]
        else:
            raw.insert(position, byte)
    try:
        election = pabulib.read(io.BytesIO(bytes(raw)))
    except PabulibError as error:
        assert error.code in pabulib.ERROR_CODES
        assert error.line >= 0
    else:
        assert isinstance(election, Election)


@settings(max_examples=120, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list('META\nPROJECTS VOTES;,"\r01.-abc_')), max_size=300)
)
def test_arbitrary_text_never_raises_anything_but_pabulib_error(text):
    try:
        pabulib.parse(text)
    except PabulibError as error:
        assert error.code in pabulib.ERROR_CODES


def test_random_line_shuffles_of_a_fixture_raise_only_pabulib_errors():
    lines = FIXTURE_FILES[1].read_text(encoding="utf-8").splitlines()
    generator = random.Random(20261128)
    for _ in range(200):
        changed = list(lines)
        i, j = generator.randrange(len(lines)), generator.randrange(len(lines))
        changed[i], changed[j] = changed[j], changed[i]
        try:
            pabulib.parse("\n".join(changed))
        except PabulibError as error:
            assert error.code in pabulib.ERROR_CODES


# --- writing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_write_then_parse_gives_the_same_election(path):
    election = pabulib.read(path)
    assert _same_everywhere(pabulib.parse(pabulib.write(election), strict=True), election)


def _checker_errors(text: str) -> dict:
    from pabulib.checker import Checker

    report = Checker().process_files([text])
    files = {k: v for k, v in report.items() if k not in ("metadata", "summary")}
    assert len(files) == 1
    return next(iter(files.values()))["results"]["errors"]


def test_pabulib_checker_catches_a_broken_file_so_the_next_test_means_something():
    broken = FIXTURES / "Poland_Lodz_2020_Nr_33.pb"
    text = broken.read_text(encoding="utf-8").replace("budget;411000", "budget;4110")
    assert _checker_errors(text)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_written_file_passes_pabulib_checker_without_errors(path, capsys):
    assert _checker_errors(pabulib.write(pabulib.read(path))) == {}


def test_anonymised_export_from_scratch_passes_pabulib_checker(capsys):
    """What the app writes for a real vote: ids only, no voter attributes."""
    election = Election(
        budget=Fraction("600"),
        vote_type="approval",
        projects={
            str(i): Project(id=str(i), cost=Fraction(10000 * i + 50, 100), name=f"Plan {i}")
            for i in range(1, 6)
        },
        ballots=[
            Ballot(projects=tuple(str(p) for p in range(1, 6) if (v + p) % 3), voter_id=str(v))
            for v in range(1, 40)
        ],
        meta={
            "description": "Buurtbudget Voorbeeldwijk",
            "country": "Netherlands",
            "unit": "Voorbeeldstad",
            "instance": "2026",
            "rule": "greedy",
            "date_begin": "01.03.2026",
            "date_end": "31.03.2026",
            "language": "nl",
            "currency": "EUR",
        },
    )
    text = pabulib.write(election)
    assert _same_everywhere(pabulib.parse(text, strict=True), election)
    assert _checker_errors(text) == {}


_ids = st.text(alphabet="abcXYZ0123456789_/.", min_size=1, max_size=6)
_texts = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"
    ),
    max_size=12,
).map(str.strip)


@st.composite
def elections(draw):
    vote_type = draw(st.sampled_from(VOTE_TYPES))
    ids = draw(st.lists(_ids, min_size=1, max_size=6, unique=True))
    costs = st.fractions(min_value=0, max_value=10**6, max_denominator=100).filter(
        lambda f: pabulib_decimal(f)
    )
    projects = {
        p: Project(id=p, cost=draw(costs), name=draw(_texts), extra={"votes": draw(_texts)})
        for p in ids
    }
    ballots = []
    for n in range(draw(st.integers(0, 8))):
        chosen = tuple(draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids))))
        if vote_type == "choose-1":
            chosen = chosen[:1]
        points = None
        if vote_type in ("cumulative", "scoring"):
            points = tuple(draw(st.integers(0, 20)) for _ in chosen)
        ballots.append(
            Ballot(projects=chosen, points=points, voter_id=f"v{n}", extra={"age": draw(_texts)})
        )
    budget = draw(costs)
    meta = {"description": draw(_texts), "rule": "greedy", "comment": draw(_texts)}
    return Election(
        budget=budget, vote_type=vote_type, projects=projects, ballots=ballots, meta=meta
    )


def pabulib_decimal(value: Fraction) -> bool:
    try:
        pabulib.format_number(value)
    except ValueError:
        return False
    return True


@settings(max_examples=150, deadline=None)
@given(election=elections())
def test_generated_elections_round_trip_through_write_and_parse(election):
    written = pabulib.write(election)
    back = pabulib.parse(written, strict=True)
    assert _same_everywhere(back, election)
    assert back.meta["num_votes"] == str(len(election.ballots))


def test_format_number_is_exact():
    assert pabulib.format_number(Fraction("2158427.19")) == "2158427.19"
    assert pabulib.format_number(Fraction(1, 8)) == "0.125"
    assert pabulib.format_number(7) == "7"
    with pytest.raises(ValueError):
        pabulib.format_number(Fraction(1, 3))


# --- the full development set (../shared), when present -----------------------------------


@pytest.mark.skipif(not SHARED_FILES, reason=f"development set absent: {SHARED}")
@pytest.mark.parametrize("path", SHARED_FILES, ids=lambda p: p.stem)
def test_every_development_file_parses_and_round_trips(path):
    election = pabulib.read(path)
    assert election.num_voters == int(election.meta["num_votes"])
    assert _same_everywhere(pabulib.parse(pabulib.write(election)), election)
