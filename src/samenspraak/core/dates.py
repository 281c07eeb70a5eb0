"""One way of writing dates for people: "25 december 2026", and "25 december 2026 om 14:30"
where the time matters (English "25 December 2026", "25 December 2026 at 14:30").

Templates use `{% load dates %}` and `{{ phase.ends_at|day }}`, `{{ comment.created_at|moment }}`,
`{{ month|month }}`; Python code (messages, e-mails, the API's human texts) calls `format_day`,
`format_moment` and `format_month`. Month names are written out and lower-case in Dutch, the
way the Dutch write them; a datetime is shown in the site's time zone (Europe/Amsterdam).

Machine-readable dates stay ISO 8601 (the API's date fields, `<time datetime>`, exports and
file formats such as Pabulib); `core/tests/test_dates.py` fails on other date formats in
templates and in messages built in Python.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

DAY_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
MONTH_FORMAT = "F Y"


def _local(value: datetime.date | datetime.datetime) -> datetime.date | datetime.datetime:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_day(value: datetime.date | datetime.datetime | None, empty: str = "") -> str:
    """'25 december 2026' (the day of a datetime in the site's time zone)."""
    if value is None or value == "":
        return empty
    return date_format(_local(value), DAY_FORMAT)


def format_moment(value: datetime.datetime | datetime.date | None, empty: str = "") -> str:
    """'25 december 2026 om 14:30'; a date without a time gives just the day."""
    if value is None or value == "":
        return empty
    if not isinstance(value, datetime.datetime):
        return format_day(value)
    local = _local(value)
    return gettext("%(day)s om %(time)s") % {
        "day": date_format(local, DAY_FORMAT),
        "time": date_format(local, TIME_FORMAT),
    }


def format_month(value: datetime.date | datetime.datetime | None, empty: str = "") -> str:
    """'december 2026'."""
    if value is None or value == "":
        return empty
    return date_format(_local(value), MONTH_FORMAT)
