"""Read and write the Pabulib file format (pabulib.org), with errors that name the line.

A file has three sections, `META`, `PROJECTS` and `VOTES`, in that order. Each section marker is
followed by a header line (`key;value` for META, the column names for the others) and then rows.
Fields are separated by `;` and may be quoted with `"` (a quote inside a quoted field is doubled),
as Python's `csv` module reads them. Lines end in LF or CRLF; blank lines are ignored; a UTF-8 BOM
is allowed. Costs, the budget and points are read as exact `Fraction`s from plain decimals
(`2158427.19`; a decimal comma as in `12,5` is accepted for costs and the budget, as pabutools
does). Exponents are not accepted: `1e999999999` would be a denial of service.

Every problem with the input raises `PabulibError`, never another exception. It carries `.line`
(1-based line number in the file, 0 when the problem is the file as a whole), `.code` (a stable
string the app maps onto a translated message) and `.params` (a dict for that message). `str()`
gives an English sentence such as "line 17: cost 'abc' of project 12 is not a number".

Error codes and their params:

- `encoding`: the bytes are not UTF-8 text. {}
- `empty_file`: nothing but blank lines. {}
- `unexpected_line`: a row before the first section marker. {}
- `section_order`: a section marker out of order or repeated. {"section", "expected"}
- `missing_section`: META, PROJECTS or VOTES is absent. {"section"}
- `missing_header`: a section marker with no header line after it. {"section"}
- `missing_column`: PROJECTS lacks project_id or cost, or VOTES lacks voter_id or vote, or a
  cumulative/scoring file's VOTES lacks points. {"section", "column"}
- `duplicate_column`: a column name twice in one header. {"section", "column"}
- `column_count`: a row with another number of fields than its header. {"section", "expected",
  "found"}
- `bad_quoting`: a quoted field that the csv rules cannot read (e.g. a carriage return or NUL
  inside it). {"detail"}
- `duplicate_meta`: a META key twice. {"key"}
- `missing_meta`: META lacks `budget` or `vote_type`. {"key"}
- `bad_number`: a budget, cost, point or numeric META value that is not a plain decimal number
  (or not a whole number where one is needed). {"field", "value", "project"?, "voter"?, "key"?}
- `negative_number`: a negative budget, cost or (cumulative) point. {"field", "value", ...}
- `bad_vote_type`: META `vote_type` is not approval, choose-1, cumulative, ordinal or scoring.
  {"value"}
- `empty_id`: an empty project or voter id. {"section"}
- `duplicate_project`: a project id twice in PROJECTS. {"project"}
- `duplicate_voter`: a voter id twice in VOTES. {"voter"}
- `unknown_project`: a vote names a project that PROJECTS does not list. {"voter", "project"}
- `duplicate_vote`: one ballot names the same project twice (only with `strict=True`). {"voter",
  "project"}
- `points_mismatch`: a ballot's points list is not as long as its project list. {"voter",
  "projects", "points"}
- `count_mismatch`: META num_projects / num_votes differs from the rows (only with
  `strict=True`). {"key", "declared", "found"}

`write(election)` produces a file `parse` reads back into an equal election and that
pabulib-checker accepts; the app uses it to publish a vote anonymised.
"""

from __future__ import annotations

import csv
import io
import re
from fractions import Fraction
from pathlib import Path

from pbengine.model import (
    CUMULATIVE,
    SCORING,
    VOTE_TYPES,
    Ballot,
    Election,
    Project,
)

__all__ = ["ERROR_CODES", "PabulibError", "format_number", "parse", "read", "write"]

ERROR_CODES = (
    "encoding",
    "empty_file",
    "unexpected_line",
    "section_order",
    "missing_section",
    "missing_header",
    "missing_column",
    "duplicate_column",
    "column_count",
    "bad_quoting",
    "duplicate_meta",
    "missing_meta",
    "bad_number",
    "negative_number",
    "bad_vote_type",
    "empty_id",
    "duplicate_project",
    "duplicate_voter",
    "unknown_project",
    "duplicate_vote",
    "points_mismatch",
    "count_mismatch",
)

_SECTIONS = ("meta", "projects", "votes")
#: Plain decimals only: no exponent, no inf/nan, no underscores.
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")
#: META keys whose value must be a whole number when present.
_INTEGER_META = ("num_projects", "num_votes", "min_length", "max_length")
#: Longest number we read (digits); a cost with more is not a real cost.
_MAX_DIGITS = 60


class PabulibError(ValueError):
    """A Pabulib file that cannot be read; `.line`, `.code` and `.params` say where and why."""

    def __init__(self, line: int, code: str, message: str, **params):
        self.line = line
        self.code = code
        self.params = params
        self.message = message
        super().__init__(f"line {line}: {message}" if line else message)


# --- reading ----------------------------------------------------------------------------------


def read(path_or_file, *, strict: bool = False) -> Election:
    """Parse a `.pb` file given as a path or an open (text or binary) file."""
    if isinstance(path_or_file, (str, Path)):
        data = Path(path_or_file).read_bytes()
    else:
        data = path_or_file.read()
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise PabulibError(
                0, "encoding", f"the file is not UTF-8 text ({error.reason})"
            ) from None
    return parse(data, strict=strict)


def _fields(line: str, number: int) -> list[str]:
    # csv is only needed when a field is quoted; a plain split is several times faster.
    if '"' in line:
        try:
            return next(csv.reader((line,), delimiter=";", quotechar='"'), [])
        except csv.Error as error:
            raise PabulibError(
                number, "bad_quoting", f"the quotes cannot be read ({error})", detail=str(error)
            ) from None
    return line.split(";")


def _number(
    text: str, line: int, field: str, *, integer=False, comma=False, negative=False, **where
):
    value = text.strip()
    if comma and "," in value and "." not in value:
        value = value.replace(",", ".")
    pattern = _INTEGER if integer else _DECIMAL
    if len(value) > _MAX_DIGITS or not pattern.match(value):
        described = " ".join(f"{k} {v}" for k, v in where.items())
        kind = "a whole number" if integer else "a number"
        raise PabulibError(
            line,
            "bad_number",
            f"{field} {text!r}{' of ' + described if described else ''} is not {kind}",
            field=field,
            value=text,
            **where,
        )
    number = int(value) if integer or "." not in value else Fraction(value)
    if number < 0 and not negative:
        described = " ".join(f"{k} {v}" for k, v in where.items())
        raise PabulibError(
            line,
            "negative_number",
            f"{field} {text!r}{' of ' + described if described else ''} is negative",
            field=field,
            value=text,
            **where,
        )
    return number


def _header(fields: list[str], line: int, section: str, required: tuple[str, ...]) -> list[str]:
    names = [name.strip() for name in fields]
    seen = set()
    for name in names:
        if name in seen:
            raise PabulibError(
                line,
                "duplicate_column",
                f"column {name!r} appears twice in the {section.upper()} header",
                section=section,
                column=name,
            )
        seen.add(name)
    for name in required:
        if name not in seen:
            raise PabulibError(
                line,
                "missing_column",
                f"the {section.upper()} header has no {name!r} column",
                section=section,
                column=name,
            )
    return names


def _check_count(fields, header, line, section):
    if len(fields) != len(header):
        raise PabulibError(
            line,
            "column_count",
            f"{len(fields)} fields where the {section.upper()} header has {len(header)}",
            section=section,
            expected=len(header),
            found=len(fields),
        )


def parse(text: str, *, strict: bool = False) -> Election:
    """Parse the text of a Pabulib file into an `Election`; raises `PabulibError`.

    Real files are not always clean: Częstochowa 2020 has a ballot naming one project four times.
    By default such a ballot is read as pabutools reads it (the project once, at its first
    position, with the last points given) and META's num_projects/num_votes are not checked.
    `strict=True` (for files we write ourselves or take in through the app) refuses both with
    `duplicate_vote` and `count_mismatch`.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    section = ""
    header: list[str] | None = None
    header_line = {}
    seen_sections: list[str] = []
    meta: dict[str, str] = {}
    meta_lines: dict[str, int] = {}
    projects: dict[str, Project] = {}
    ballots: list[Ballot] = []
    voter_ids: set[str] = set()
    project_ids: set[str] = set()
    vote_type = ""
    # Column positions for the VOTES section, set when its header is read.
    vote_columns: dict = {}

    for number, raw in enumerate(lines, start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if not line.strip():
            continue
        fields = _fields(line, number)
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        marker = fields[0].strip().lower()
        if marker in _SECTIONS and not any(f.strip() for f in fields[1:]):
            expected = _SECTIONS[len(seen_sections)] if len(seen_sections) < 3 else None
            if marker != expected:
                raise PabulibError(
                    number,
                    "section_order",
                    f"section {marker.upper()} where "
                    + (f"{expected.upper()} was expected" if expected else "the file should end"),
                    section=marker,
                    expected=expected or "",
                )
            if section and header is None:
                raise PabulibError(
                    header_line[section],
                    "missing_header",
                    f"section {section.upper()} has no header line",
                    section=section,
                )
            if marker == "votes":
                vote_type = _meta_done(meta, meta_lines)
            seen_sections.append(marker)
            section, header = marker, None
            header_line[section] = number
            continue
        if not section:
            raise PabulibError(
                number, "unexpected_line", "text before the META section", line_text=line[:80]
            )
        if header is None:
            required = {
                "meta": (),
                "projects": ("project_id", "cost"),
                "votes": ("voter_id", "vote"),
            }[section]
            if section == "votes" and vote_type in (CUMULATIVE, SCORING):
                required = ("voter_id", "vote", "points")
            header = _header(fields, number, section, required)
            if section == "votes":
                vote_columns = {
                    "voter_id": header.index("voter_id"),
                    "vote": header.index("vote"),
                    "points": header.index("points") if "points" in header else None,
                }
                vote_columns["extra"] = [
                    (i, name)
                    for i, name in enumerate(header)
                    if name not in ("voter_id", "vote", "points")
                ]
            continue
        if section == "meta":
            if len(fields) != 2:
                _check_count(fields, ("key", "value"), number, section)
            key, value = fields[0].strip(), fields[1].strip()
            if key in meta:
                raise PabulibError(
                    number, "duplicate_meta", f"META key {key!r} appears twice", key=key
                )
            meta[key] = value
            meta_lines[key] = number
        elif section == "projects":
            _check_count(fields, header, number, section)
            _add_project(fields, header, number, projects, project_ids)
        else:
            _check_count(fields, header, number, section)
            ballots.append(
                _ballot(fields, vote_columns, number, vote_type, project_ids, voter_ids, strict)
            )

    if not seen_sections:
        raise PabulibError(0, "empty_file", "the file has no META, PROJECTS or VOTES section")
    for name in _SECTIONS:
        if name not in seen_sections:
            raise PabulibError(
                0,
                "missing_section",
                f"the file has no {name.upper()} section",
                section=name,
            )
    if header is None:
        raise PabulibError(
            header_line[section],
            "missing_header",
            f"section {section.upper()} has no header line",
            section=section,
        )
    budget = _number(meta["budget"], meta_lines["budget"], "budget", comma=True)
    for key, found in (("num_projects", len(projects)), ("num_votes", len(ballots))):
        if strict and key in meta and int(meta[key]) != found:
            raise PabulibError(
                meta_lines[key],
                "count_mismatch",
                f"META {key} says {meta[key]} but the file has {found}",
                key=key,
                declared=int(meta[key]),
                found=found,
            )
    return Election(
        budget=budget, vote_type=vote_type, projects=projects, ballots=ballots, meta=meta
    )


def _meta_done(meta: dict[str, str], meta_lines: dict[str, int]) -> str:
    """Check META once it is complete (before VOTES, whose reading depends on the vote type)."""
    for key in ("budget", "vote_type"):
        if key not in meta:
            raise PabulibError(0, "missing_meta", f"META has no {key!r}", key=key)
    _number(meta["budget"], meta_lines["budget"], "budget", comma=True)
    for key in _INTEGER_META:
        if key in meta:
            _number(meta[key], meta_lines[key], key, integer=True, key=key)
    vote_type = meta["vote_type"]
    if vote_type not in VOTE_TYPES:
        raise PabulibError(
            meta_lines["vote_type"],
            "bad_vote_type",
            f"vote_type {vote_type!r} is not one of {', '.join(VOTE_TYPES)}",
            value=vote_type,
        )
    return vote_type


def _add_project(fields, header, number, projects, project_ids) -> None:
    values = dict(zip(header, fields, strict=True))
    project_id = values.pop("project_id").strip()
    if not project_id:
        raise PabulibError(number, "empty_id", "a project without an id", section="projects")
    if project_id in projects:
        raise PabulibError(
            number,
            "duplicate_project",
            f"project {project_id} appears twice",
            project=project_id,
        )
    cost = _number(values.pop("cost"), number, "cost", comma=True, project=project_id)
    name = values.pop("name", "").strip()
    categories: tuple[str, ...] = ()
    for column in ("category", "categories"):
        if column in values:
            raw = values.pop(column).strip()
            if raw and raw.lower() != "none":
                categories = tuple(c.strip() for c in raw.split(",") if c.strip())
    extra = {key: value.strip() for key, value in values.items()}
    projects[project_id] = Project(
        id=project_id, cost=cost, name=name, categories=categories, extra=extra
    )
    project_ids.add(project_id)


def _ballot(fields, columns, number, vote_type, project_ids, voter_ids, strict) -> Ballot:
    voter_id = fields[columns["voter_id"]].strip()
    if not voter_id:
        raise PabulibError(number, "empty_id", "a vote without a voter id", section="votes")
    if voter_id in voter_ids:
        raise PabulibError(
            number, "duplicate_voter", f"voter {voter_id} votes twice", voter=voter_id
        )
    voter_ids.add(voter_id)
    vote = fields[columns["vote"]].strip()
    if not vote:
        chosen = ()
    elif " " in vote or "\t" in vote:
        chosen = tuple(p.strip() for p in vote.split(","))
    else:
        chosen = tuple(vote.split(","))
    if not project_ids.issuperset(chosen):
        project = next(p for p in chosen if p not in project_ids)
        raise PabulibError(
            number,
            "unknown_project",
            f"voter {voter_id} votes for project {project!r}, which PROJECTS does not list",
            voter=voter_id,
            project=project,
        )
    duplicated = len(set(chosen)) != len(chosen)
    if duplicated and strict:
        duplicate = next(p for i, p in enumerate(chosen) if p in chosen[:i])
        raise PabulibError(
            number,
            "duplicate_vote",
            f"voter {voter_id} names project {duplicate} twice",
            voter=voter_id,
            project=duplicate,
        )
    points = None
    if vote_type in (CUMULATIVE, SCORING):
        raw = fields[columns["points"]].strip()
        given = raw.split(",") if raw else []
        if len(given) != len(chosen):
            raise PabulibError(
                number,
                "points_mismatch",
                f"voter {voter_id} gives {len(given)} points for {len(chosen)} projects",
                voter=voter_id,
                projects=len(chosen),
                points=len(given),
            )
        # Scores may be negative (a scoring ballot's scale can go below zero); points may not.
        negative = vote_type == SCORING
        points = tuple(
            _number(p, number, "points", negative=negative, voter=voter_id) for p in given
        )
    if duplicated:
        # As pabutools reads it: a project keeps its first position and its last points.
        last = dict(zip(chosen, points, strict=True)) if points is not None else None
        chosen = tuple(dict.fromkeys(chosen))
        if last is not None:
            points = tuple(last[p] for p in chosen)
    extra = {name: fields[i].strip() for i, name in columns["extra"]} if columns["extra"] else {}
    if columns["points"] is not None and points is None:
        extra["points"] = fields[columns["points"]].strip()
    return Ballot(projects=chosen, points=points, voter_id=voter_id, extra=extra)


# --- writing ----------------------------------------------------------------------------------

#: The order pabulib-checker expects for the keys it knows; other keys follow in their own order.
_META_ORDER = (
    "description",
    "country",
    "unit",
    "district",
    "subunit",
    "instance",
    "num_projects",
    "num_votes",
    "budget",
    "vote_type",
    "rule",
    "date_begin",
    "date_end",
    "min_length",
    "max_length",
    "min_sum_cost",
    "max_sum_cost",
    "min_points",
    "max_points",
    "min_sum_points",
    "max_sum_points",
    "default_score",
    "min_project_cost",
    "max_project_cost",
    "min_project_score_threshold",
    "neighborhoods",
    "subdistricts",
    "categories",
    "edition",
    "language",
    "currency",
    "fully_funded",
    "experimental",
    "comment",
    "acknowledgments",
    "leftover_budget",
    "budget_per_category",
    "budget_per_neighborhood",
)
_PROJECT_ORDER = (
    "votes",
    "score",
    "name",
    "category",
    "beneficiaries",
    "selected",
    "neighborhood",
    "subunit",
    "district",
    "description",
    "proposer",
    "public_id",
    "latitude",
    "longitude",
)
_VOTE_ORDER = ("age", "sex", "voting_method", "district", "neighborhood", "education")


def _ordered(keys, order) -> list[str]:
    known = [k for k in order if k in keys]
    return known + [k for k in keys if k not in order]


def format_number(value) -> str:
    """An exact decimal for a Fraction or int ('1500', '2158427.19'); ValueError if none exists."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    denominator, twos, fives = value.denominator, 0, 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        raise ValueError(f"{value} has no finite decimal form")
    places = max(twos, fives)
    scaled = value * 10**places
    sign = "-" if scaled < 0 else ""
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def write(election: Election) -> str:
    """The election as Pabulib text (LF line ends); `parse(write(e)) == e`.

    META's num_projects, num_votes, budget and vote_type are taken from the election (`rule`
    defaults to "unknown"); known keys come in the order pabulib-checker expects. For a file the
    checker accepts without errors the caller supplies description, country, unit, instance,
    date_begin and date_end (dd.mm.yyyy) in `election.meta`. Costs, budget and points are written
    as exact decimals (ValueError for a fraction without one, such as 1/3).
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', lineterminator="\n")
    meta = dict(election.meta)
    meta.update(
        num_projects=str(len(election.projects)),
        num_votes=str(len(election.ballots)),
        budget=format_number(election.budget),
        vote_type=election.vote_type,
    )
    meta.setdefault("rule", "unknown")
    out.write("META\n")
    writer.writerow(("key", "value"))
    for key in _ordered(list(meta), _META_ORDER):
        writer.writerow((key, meta[key]))

    extra_keys: list[str] = []
    has_name = has_category = False
    for project in election.projects.values():
        has_name = has_name or bool(project.name)
        has_category = has_category or bool(project.categories)
        for key in project.extra:
            if key not in extra_keys:
                extra_keys.append(key)
    columns = [k for k in extra_keys]
    if has_name:
        columns.append("name")
    if has_category:
        columns.append("category")
    columns = _ordered(columns, _PROJECT_ORDER)
    out.write("PROJECTS\n")
    writer.writerow(["project_id", "cost", *columns])
    for project in election.projects.values():
        row = [project.id, format_number(project.cost)]
        for column in columns:
            if column == "name":
                row.append(project.name)
            elif column == "category":
                row.append(",".join(project.categories))
            else:
                row.append(project.extra.get(column, ""))
        writer.writerow(row)

    with_points = election.vote_type in (CUMULATIVE, SCORING)
    vote_keys: list[str] = []
    for ballot in election.ballots:
        for key in ballot.extra:
            if key not in vote_keys and not (with_points and key == "points"):
                vote_keys.append(key)
    vote_keys = _ordered(vote_keys, _VOTE_ORDER)
    out.write("VOTES\n")
    writer.writerow(["voter_id", "vote", *(["points"] if with_points else []), *vote_keys])
    for index, ballot in enumerate(election.ballots, start=1):
        row = [ballot.voter_id or str(index), ",".join(ballot.projects)]
        if with_points:
            row.append(",".join(format_number(p) for p in (ballot.points or ())))
        row.extend(ballot.extra.get(key, "") for key in vote_keys)
        writer.writerow(row)
    return out.getvalue()
