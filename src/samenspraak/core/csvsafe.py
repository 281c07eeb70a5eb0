"""CSV files that are safe to open in a spreadsheet program (OWASP "CSV injection").

A spreadsheet treats a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one of those) as a formula: a survey answer ``=HYPERLINK("http://x","y")`` in an
export becomes a link, or worse, the moment a civil servant opens the file. Every CSV the product
writes goes through :func:`writer`, which prefixes such text cells with a single quote. Numbers
(int, float, Decimal) are written as they are, so ``-5`` in a numeric column stays a number.

    from samenspraak.core import csvsafe

    out = csvsafe.writer(response, delimiter=";")
    out.writerow(["Naam", 12, "=1+1"])   # Naam;12;'=1+1

tests/security/test_csv_exports.py checks that no other module calls ``csv.writer`` itself.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise

#: A text cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value to write: text that a spreadsheet would run as a formula gets a leading '."""
    if isinstance(value, Promise):  # lazy translations are text too
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` with every text cell neutralised; same writerow/writerows interface."""

    def __init__(self, stream, **fmtparams):
        self._writer = csv.writer(stream, **fmtparams)

    @property
    def dialect(self):
        return self._writer.dialect

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream, **fmtparams) -> SafeWriter:
    """The one way the product writes CSV (see the module docstring)."""
    return SafeWriter(stream, **fmtparams)
