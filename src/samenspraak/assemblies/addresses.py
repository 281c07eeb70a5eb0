"""Reading the municipality's address file (CSV) and the stratified invitation lottery.

The file has a header row with (Dutch or English names) straat/street, huisnummer/number,
toevoeging/addition (optional), postcode, woonplaats/city and buurtcode/area; comma or
semicolon separated, UTF-8 (Excel's Windows-1252 is read too). Every problem is reported with its
line number, in Dutch, so staff can correct the file.

The lottery is stratified by area, proportional to the number of addresses (largest
remainders), and deterministic given the published seed: within an area the addresses are
ordered by sha256("<seed>:<postcode>:<number>:<addition>") and the first ones are invited.
Anyone with the file and the seed can check it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

MAX_ADDRESSES = 250_000
MAX_PROBLEMS = 20
POSTCODE = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})$")

COLUMNS = {
    "street": ("straat", "straatnaam", "street", "openbareruimte"),
    "number": ("huisnummer", "nummer", "number", "housenumber"),
    "addition": ("toevoeging", "huisletter", "addition", "huisnummertoevoeging"),
    "postcode": ("postcode", "postal_code", "zip"),
    "city": ("woonplaats", "plaats", "city"),
    "area_code": ("buurtcode", "buurt", "wijkcode", "wijk", "area", "area_code"),
}
REQUIRED = ("street", "number", "postcode", "city", "area_code")


@dataclass(frozen=True)
class AddressRow:
    line: int
    street: str
    number: int
    addition: str
    postcode: str
    city: str
    area_code: str

    @property
    def key(self) -> str:
        return f"{self.postcode}:{self.number}:{self.addition}"


class AddressFileError(Exception):
    """The file cannot be used; `problems` lists what is wrong, each with its line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _label(name: str) -> str:
    return {
        "street": _("straat"),
        "number": _("huisnummer"),
        "postcode": _("postcode"),
        "city": _("woonplaats"),
        "area_code": _("buurtcode"),
    }.get(name, name)


def read_addresses(raw: bytes) -> list[AddressRow]:
    """The addresses of the file; raises AddressFileError with line-numbered problems."""
    if not raw or not raw.strip():
        raise AddressFileError([_("Het bestand is leeg.")])
    text = _decode(raw)
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [c.strip().lower().replace(" ", "") for c in next(reader)]
    except (csv.Error, StopIteration):
        raise AddressFileError([_("Regel 1: de kopregel ontbreekt of is niet te lezen.")]) from None
    where: dict[str, int] = {}
    for name, spellings in COLUMNS.items():
        for spelling in spellings:
            if spelling in header:
                where[name] = header.index(spelling)
                break
    missing = [n for n in REQUIRED if n not in where]
    if missing:
        raise AddressFileError(
            [
                _("Regel 1: de kolom '%(column)s' ontbreekt. Gevonden kolommen: %(found)s.")
                % {"column": _label(name), "found": ", ".join(header) or "-"}
                for name in missing
            ]
        )
    rows: list[AddressRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ADDRESSES:
                raise AddressFileError(
                    [
                        _("Het bestand heeft meer dan %(max)d adressen. Dat is te veel.")
                        % {"max": MAX_ADDRESSES}
                    ]
                )

            def cell(name: str, cells: list[str] = cells) -> str:
                i = where.get(name)
                return cells[i].strip() if i is not None and i < len(cells) else ""

            values = {name: cell(name) for name in COLUMNS}
            empty = [n for n in REQUIRED if not values[n]]
            if empty:
                problems.append(
                    _("Regel %(line)d: %(column)s is leeg.")
                    % {"line": line, "column": _label(empty[0])}
                )
                continue
            number_text = values["number"]
            if not number_text.isdigit() or not 0 < int(number_text) < 100_000:
                problems.append(
                    _("Regel %(line)d: het huisnummer '%(value)s' is geen heel getal.")
                    % {"line": line, "value": number_text[:20]}
                )
                continue
            match = POSTCODE.match(values["postcode"])
            if not match:
                problems.append(
                    _(
                        "Regel %(line)d: de postcode '%(value)s' klopt niet. Schrijf hem als "
                        "1234 AB."
                    )
                    % {"line": line, "value": values["postcode"][:20]}
                )
                continue
            too_long = [
                n
                for n, limit in (("street", 120), ("city", 80), ("area_code", 40), ("addition", 10))
                if len(values[n]) > limit
            ]
            if too_long:
                problems.append(
                    _("Regel %(line)d: %(column)s is te lang.")
                    % {"line": line, "column": _label(too_long[0])}
                )
                continue
            row = AddressRow(
                line=line,
                street=values["street"],
                number=int(number_text),
                addition=values["addition"].upper(),
                postcode=f"{match.group(1)} {match.group(2).upper()}",
                city=values["city"],
                area_code=values["area_code"],
            )
            if row.key in seen:
                problems.append(
                    _("Regel %(line)d: dit adres staat ook op regel %(other)d.")
                    % {"line": line, "other": seen[row.key]}
                )
                continue
            seen[row.key] = line
            rows.append(row)
    except csv.Error:
        problems.append(
            _("Regel %(line)d: deze regel is niet te lezen.") % {"line": reader.line_num}
        )
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(_("En nog %(n)d andere fouten.") % {"n": len(problems) - MAX_PROBLEMS})
        raise AddressFileError(shown)
    if not rows:
        raise AddressFileError([_("Het bestand heeft geen adressen onder de kopregel.")])
    return rows


def allocate(counts: dict[str, int], total_invitations: int) -> dict[str, int]:
    """Invitations per area, proportional to its addresses (largest remainders; ties by code)."""
    addresses = sum(counts.values())
    if total_invitations >= addresses:
        return dict(counts)
    shares = {a: Fraction(n * total_invitations, addresses) for a, n in counts.items()}
    out = {a: int(share) for a, share in shares.items()}
    left = total_invitations - sum(out.values())
    by_remainder = sorted(shares, key=lambda a: (-(shares[a] - out[a]), a))
    for area in by_remainder[:left]:
        out[area] += 1
    return out


def lottery_key(seed: str, postcode: str, number: int, addition: str) -> str:
    return hashlib.sha256(f"{seed}:{postcode}:{number}:{addition}".encode()).hexdigest()


def pick(addresses: list, total_invitations: int, seed: str) -> list:
    """The addresses the seed invites: per area its share, the lowest lottery keys first.
    `addresses` are objects with postcode, number, addition and area_code."""
    by_area: dict[str, list] = {}
    for address in addresses:
        by_area.setdefault(address.area_code, []).append(address)
    shares = allocate({a: len(items) for a, items in by_area.items()}, total_invitations)
    chosen = []
    for area in sorted(by_area):
        ranked = sorted(
            by_area[area],
            key=lambda a: lottery_key(seed, a.postcode, a.number, a.addition),
        )
        chosen.extend(ranked[: shares[area]])
    return chosen
