"""Reading population figures from a CBS table (Kerncijfers wijken en buurten, CSV).

CBS StatLine and the open-data portal give the table as CSV: separated by ";" (or ","), quoted,
values padded with spaces, "." where CBS has no figure, and column names that end in a running
number that changes every year (`Mannen_6`, `Codering_3`). We read the columns by their name
without that number:

    Codering                 the area code (WK036301, BU03630101; GM rows are the municipality)
    AantalInwoners           inhabitants
    Mannen, Vrouwen          men, women
    k_0Tot15Jaar ... k_65JaarOfOuder   the five age bands
    OpleidingsniveauLaag, OpleidingsniveauMiddelbaar, OpleidingsniveauHoog   education level

Only Codering and AantalInwoners are required; a group of columns counts when all its columns are
there. `read_table` never raises on bad content: it returns rows plus line-numbered messages in
plain Dutch (`problems` stop the import, `notes` say what was skipped).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from samenspraak.representation.models import INHABITANTS, AgeBand, Characteristic, Education

MAX_BYTES = 5_000_000
CODE_COLUMN = "codering"
INHABITANTS_COLUMN = "aantalinwoners"
#: characteristic -> {CBS column (lower case, without the number): our value}
GROUP_COLUMNS: dict[str, dict[str, str]] = {
    Characteristic.GENDER: {"mannen": "man", "vrouwen": "vrouw"},
    Characteristic.AGE: {
        "k_0tot15jaar": AgeBand.UNDER_15,
        "k_15tot25jaar": AgeBand.FROM_15,
        "k_25tot45jaar": AgeBand.FROM_25,
        "k_45tot65jaar": AgeBand.FROM_45,
        "k_65jaarofouder": AgeBand.FROM_65,
    },
    Characteristic.EDUCATION: {
        "opleidingsniveaulaag": Education.LOW,
        "opleidingsniveaumiddelbaar": Education.MIDDLE,
        "opleidingsniveauhoog": Education.HIGH,
    },
}
_NUMBERED = re.compile(r"_\d+$")
_CODE = re.compile(r"^(WK|BU)\d{6,8}$")


@dataclass
class TableRow:
    line: int
    code: str
    #: (characteristic, value) -> count; INHABITANTS with value "" for the inhabitants.
    figures: dict[tuple[str, str], int]


@dataclass
class Table:
    rows: list[TableRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    characteristics: list[str] = field(default_factory=list)


def _column_key(name: str) -> str:
    return _NUMBERED.sub("", name.strip().strip('"').strip()).lower()


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def read_table(raw: bytes) -> Table:
    table = Table()
    if len(raw) > MAX_BYTES:
        table.problems.append(
            _("Het bestand is te groot: maximaal %(mb)s MB.") % {"mb": MAX_BYTES // 1_000_000}
        )
        return table
    text = _decode(raw)
    if not text.strip():
        table.problems.append(_("Het bestand is leeg."))
        return table
    first_line = text.lstrip().splitlines()[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        table.problems.append(_("Regel 1: de kopregel kan niet worden gelezen."))
        return table
    keys = [_column_key(name) for name in header]
    position = {key: i for i, key in enumerate(keys)}
    missing = [name for name in (CODE_COLUMN, INHABITANTS_COLUMN) if name not in position]
    if missing:
        table.problems.append(
            _(
                "Regel 1: de kolommen %(columns)s ontbreken. Gebruik de tabel Kerncijfers wijken "
                "en buurten van het CBS (met de kolommen Codering en AantalInwoners)."
            )
            % {"columns": ", ".join(_header_name(name) for name in missing)}
        )
        return table
    groups = {
        characteristic: columns
        for characteristic, columns in GROUP_COLUMNS.items()
        if all(column in position for column in columns)
    }
    table.characteristics = [str(c) for c in groups]
    seen: dict[str, int] = {}
    try:
        for line, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue
            _read_row(table, line, values, position, groups, seen)
    except csv.Error as error:
        table.problems.append(
            _("Regel %(line)s: deze regel kan niet worden gelezen (%(error)s).")
            % {"line": reader.line_num, "error": error}
        )
    if not table.rows and not table.problems:
        table.problems.append(_("Er staan geen wijken of buurten in het bestand."))
    return table


def _read_row(table, line, values, position, groups, seen) -> None:
    def cell(column: str) -> str:
        index = position[column]
        return values[index].strip() if index < len(values) else ""

    code = cell(CODE_COLUMN).upper()
    if code.startswith("GM") or code.startswith("NL"):
        table.notes.append(
            _("Regel %(line)s: %(code)s is de gemeente of het land, overgeslagen.")
            % {"line": line, "code": code}
        )
        return
    if not _CODE.match(code):
        table.problems.append(
            _("Regel %(line)s: „%(code)s” is geen CBS-code van een wijk of buurt (WK… of BU…).")
            % {"line": line, "code": code[:20]}
        )
        return
    if code in seen:
        table.problems.append(
            _("Regel %(line)s: %(code)s staat ook al op regel %(first)s.")
            % {"line": line, "code": code, "first": seen[code]}
        )
        return
    seen[code] = line
    figures: dict[tuple[str, str], int] = {}
    columns = {INHABITANTS_COLUMN: (INHABITANTS, "")}
    for characteristic, group in groups.items():
        for column, value in group.items():
            columns[column] = (characteristic, str(value))
    ok = True
    for column, key in columns.items():
        raw = cell(column)
        if raw in {"", ".", "-", "x"}:
            continue  # CBS has no figure here (secret or unknown)
        number = raw.replace(" ", "")
        if not re.fullmatch(r"\d+", number):
            table.problems.append(
                _("Regel %(line)s: „%(value)s” in kolom %(column)s is geen heel getal.")
                % {"line": line, "value": raw[:20], "column": _header_name(column)}
            )
            ok = False
            continue
        figures[key] = int(number)
    if ok:
        table.rows.append(TableRow(line=line, code=code, figures=figures))


def _header_name(key: str) -> str:
    names = {
        "codering": "Codering",
        "aantalinwoners": "AantalInwoners",
        "mannen": "Mannen",
        "vrouwen": "Vrouwen",
        "k_0tot15jaar": "k_0Tot15Jaar",
        "k_15tot25jaar": "k_15Tot25Jaar",
        "k_25tot45jaar": "k_25Tot45Jaar",
        "k_45tot65jaar": "k_45Tot65Jaar",
        "k_65jaarofouder": "k_65JaarOfOuder",
        "opleidingsniveaulaag": "OpleidingsniveauLaag",
        "opleidingsniveaumiddelbaar": "OpleidingsniveauMiddelbaar",
        "opleidingsniveauhoog": "OpleidingsniveauHoog",
    }
    return names.get(key, key)
