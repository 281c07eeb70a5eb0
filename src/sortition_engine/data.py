"""The pool and its quotas: reading the CSV files and grouping people into types.

FEATURES is the `feature,value,min,max` file sortition-algorithms uses (extra columns such as
`min_flex,max_flex` are ignored); the paper's `category,feature,min,max` spelling is read too.
PEOPLE has an id column (or none: then the row number is the id) and one column per feature.

People with the same value on every feature who share no household with anyone are
interchangeable: every algorithm here treats them alike, so they form one *type* and the
algorithms work on counts per type (a panel is a *composition*: how many of each type).
Someone who shares a household with others is a type of their own, so the household rule
(at most one per household) stays a constraint on single people.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import DataError


@dataclass(frozen=True)
class Feature:
    name: str
    values: tuple[str, ...]
    mins: tuple[int, ...]
    maxs: tuple[int, ...]


@dataclass
class Pool:
    ids: list[str]
    features: list[Feature]
    profile: np.ndarray  # (people, features): index of each person's value
    households: list[list[int]] = field(default_factory=list)  # groups of 2 or more people


@dataclass
class Instance:
    """A pool, its quotas and a panel size, with people grouped into types."""

    pool: Pool
    k: int
    type_of: np.ndarray = field(init=False)  # person -> type
    members: list[list[int]] = field(init=False)  # type -> people (in pool order)
    sizes: np.ndarray = field(init=False)  # people per type
    type_profile: np.ndarray = field(init=False)  # (types, features)
    type_households: list[list[int]] = field(init=False)  # households as groups of types

    def __post_init__(self) -> None:
        pool = self.pool
        in_household = np.zeros(len(pool.ids), dtype=bool)
        for group in pool.households:
            in_household[group] = True
        keys: dict[tuple, int] = {}
        type_of = np.empty(len(pool.ids), dtype=np.int64)
        members: list[list[int]] = []
        for person, row in enumerate(pool.profile):
            key = ("person", person) if in_household[person] else tuple(int(v) for v in row)
            t = keys.setdefault(key, len(members))
            if t == len(members):
                members.append([])
            members[t].append(person)
            type_of[person] = t
        self.type_of = type_of
        self.members = members
        self.sizes = np.array([len(m) for m in members], dtype=np.int64)
        self.type_profile = pool.profile[[m[0] for m in members]]
        self.type_households = [[int(type_of[p]) for p in group] for group in pool.households]

    @property
    def n(self) -> int:
        return len(self.pool.ids)

    @property
    def n_types(self) -> int:
        return len(self.members)

    def type_marginals_to_people(self, type_probs: np.ndarray) -> np.ndarray:
        return np.asarray(type_probs)[self.type_of]


def _text(source: str | Path | io.TextIOBase) -> tuple[str, str]:
    if isinstance(source, io.TextIOBase):
        return getattr(source, "name", "<input>"), source.read()
    path = Path(source)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot be read ({exc.strerror})", source=str(path)) from exc
    try:
        return str(path), raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError("is not UTF-8 text", source=str(path)) from exc


def _rows(name: str, text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) of every non-empty row; delimiter , or ; sniffed."""
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip() for c in cells]
                continue
            rows.append((reader.line_num, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise DataError(str(exc), source=name, line=reader.line_num) from exc
    if header is None:
        raise DataError("is empty (no header row)", source=name)
    return header, rows


def _column(header: list[str], wanted: str, name: str, *, alternatives: tuple[str, ...] = ()):
    lowered = [h.lower() for h in header]
    for option in (wanted, *alternatives):
        if option.lower() in lowered:
            return lowered.index(option.lower())
    raise DataError(f"has no column '{wanted}' (columns: {', '.join(header)})", source=name, line=1)


def read_features(source: str | Path | io.TextIOBase) -> list[Feature]:
    name, text = _text(source)
    header, rows = _rows(name, text)
    lowered = [h.lower() for h in header]
    if "category" in lowered and "value" not in lowered:
        # The paper's spelling: category = our feature, feature = our value.
        i_feature, i_value = lowered.index("category"), _column(header, "feature", name)
    else:
        i_feature, i_value = _column(header, "feature", name), _column(header, "value", name)
    i_min, i_max = _column(header, "min", name), _column(header, "max", name)
    collected: dict[str, dict[str, tuple[int, int]]] = {}
    spelled: dict[str, str] = {}
    for line, cells in rows:

        def cell(i: int, line: int = line, cells: list[str] = cells) -> str:
            if i >= len(cells) or cells[i] == "":
                raise DataError("is empty", source=name, line=line, column=header[i])
            return cells[i]

        feature, value = cell(i_feature), cell(i_value)
        bounds = []
        for i in (i_min, i_max):
            try:
                number = int(cell(i))
            except ValueError:
                raise DataError(
                    f"'{cells[i]}' is not a whole number", source=name, line=line, column=header[i]
                ) from None
            if number < 0:
                raise DataError(f"{number} is negative", source=name, line=line, column=header[i])
            bounds.append(number)
        if bounds[0] > bounds[1]:
            raise DataError(
                f"min {bounds[0]} is larger than max {bounds[1]}",
                source=name,
                line=line,
                column=header[i_min],
            )
        key = feature.lower()
        spelled.setdefault(key, feature)
        values = collected.setdefault(key, {})
        if value.lower() in {v.lower() for v in values}:
            raise DataError(
                f"value '{value}' of feature '{feature}' is listed twice",
                source=name,
                line=line,
                column=header[i_value],
            )
        values[value] = (bounds[0], bounds[1])
    if not collected:
        raise DataError("lists no features", source=name)
    return [
        Feature(
            name=spelled[key],
            values=tuple(values),
            mins=tuple(b[0] for b in values.values()),
            maxs=tuple(b[1] for b in values.values()),
        )
        for key, values in collected.items()
    ]


def read_people(
    source: str | Path | io.TextIOBase,
    features: list[Feature],
    *,
    id_column: str | None = "id",
    household_columns: list[str] | tuple[str, ...] = (),
) -> Pool:
    """The pool; `id_column=None` numbers people by their row (1, 2, ...)."""
    name, text = _text(source)
    header, rows = _rows(name, text)
    i_id = _column(header, id_column, name) if id_column else None
    i_features = [_column(header, f.name, name) for f in features]
    i_households = [_column(header, h, name) for h in household_columns]
    lookup = [{v.lower(): j for j, v in enumerate(f.values)} for f in features]
    ids: list[str] = []
    seen: dict[str, int] = {}
    profile = np.empty((len(rows), len(features)), dtype=np.int64)
    addresses: dict[tuple[str, ...], list[int]] = {}
    for person, (line, cells) in enumerate(rows):
        if i_id is None:
            pid = str(person + 1)
        else:
            pid = cells[i_id] if i_id < len(cells) else ""
            if not pid:
                raise DataError("the id is empty", source=name, line=line, column=header[i_id])
            if pid in seen:
                raise DataError(
                    f"id '{pid}' is also on line {seen[pid]}",
                    source=name,
                    line=line,
                    column=header[i_id],
                )
        seen[pid] = line
        ids.append(pid)
        for f, (feature, i) in enumerate(zip(features, i_features, strict=True)):
            value = cells[i] if i < len(cells) else ""
            j = lookup[f].get(value.lower())
            if j is None:
                raise DataError(
                    f"'{value}' is not a value of feature '{feature.name}' in the features file "
                    f"(values: {', '.join(feature.values)})",
                    source=name,
                    line=line,
                    column=header[i],
                )
            profile[person, f] = j
        if i_households:
            address = tuple((cells[i] if i < len(cells) else "").lower() for i in i_households)
            if any(address):  # an empty address is nobody's household
                addresses.setdefault(address, []).append(person)
    if not ids:
        raise DataError("lists no people", source=name)
    households = [group for group in addresses.values() if len(group) > 1]
    return Pool(ids=ids, features=features, profile=profile, households=households)


def load(
    features_path: str | Path,
    people_path: str | Path,
    k: int,
    *,
    id_column: str | None = "id",
    household_columns: list[str] | tuple[str, ...] = (),
) -> Instance:
    features = read_features(features_path)
    pool = read_people(
        people_path, features, id_column=id_column, household_columns=household_columns
    )
    if k < 1:
        raise DataError(f"the panel size must be at least 1, not {k}")
    if k > len(pool.ids):
        raise DataError(f"the panel size {k} is larger than the pool ({len(pool.ids)} people)")
    return Instance(pool=pool, k=k)
