"""Form fields every app shares.

`DayField` is the one field for a typed date (a day, no time). A date far outside what a
participation process can mean is refused with a plain Dutch message, the typed value kept:

- not before 1 January 2000 (`EARLIEST_DAY`): Samenspraak records processes, input and audit
  entries from this century; 1900 is a typing slip (the year field left at its first value);
- not after today + 25 years (`YEARS_AHEAD`): the longest plans a municipality asks residents
  about (an area vision, an Omgevingsvisie) look about twenty years ahead. It also keeps
  date arithmetic safe: 9999-12-31 plus one day raised OverflowError (a 500).

A field where older dates are real (the date of a policy document) passes `earliest`.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST_DAY = datetime.date(2000, 1, 1)
YEARS_AHEAD = 25


def latest_day(today: datetime.date | None = None) -> datetime.date:
    """Today (local) + YEARS_AHEAD years; 29 February becomes 28 February."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


class DayBoundsValidator:
    """Refuses a day before `earliest` or after today + YEARS_AHEAD years."""

    message = _("Vul een datum in van %(earliest)s tot en met %(latest)s.")
    code = "date_out_of_range"

    def __init__(self, earliest: datetime.date = EARLIEST_DAY):
        self.earliest = earliest

    def __call__(self, value: datetime.date) -> None:
        latest = latest_day()
        if not self.earliest <= value <= latest:
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "earliest": date_format(self.earliest, "j F Y"),
                    "latest": date_format(latest, "j F Y"),
                },
            )

    def __eq__(self, other) -> bool:  # so migrations and form comparisons see equal validators
        return isinstance(other, DayBoundsValidator) and other.earliest == self.earliest


class DayField(forms.DateField):
    """A typed day: the browser's date picker, ISO format, and sensible bounds (see above)."""

    default_error_messages = {"invalid": _("Vul een datum in, bijvoorbeeld 2027-03-01.")}

    def __init__(self, *, earliest: datetime.date = EARLIEST_DAY, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)
        self.validators.append(DayBoundsValidator(earliest))
