"""core.dates: one way of writing dates for people, and no other in templates or messages."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from samenspraak.core.dates import format_day, format_moment, format_month

SRC = Path(__file__).resolve().parents[2]  # src/samenspraak
UTC = datetime.UTC
CHRISTMAS = datetime.datetime(2026, 12, 25, 13, 30, tzinfo=UTC)  # 14:30 in Amsterdam


def test_dutch_dates_have_written_out_lower_case_months():
    with translation.override("nl"):
        assert format_day(datetime.date(2026, 12, 25)) == "25 december 2026"
        assert format_day(datetime.date(2027, 3, 5)) == "5 maart 2027"
        assert format_moment(CHRISTMAS) == "25 december 2026 om 14:30"
        assert format_month(datetime.date(2027, 3, 1)) == "maart 2027"


def test_english_dates():
    with translation.override("en"):
        assert format_day(datetime.date(2026, 12, 25)) == "25 December 2026"
        assert format_moment(CHRISTMAS) == "25 December 2026 at 14:30"
        assert format_month(datetime.date(2027, 3, 1)) == "March 2027"


def test_a_moment_is_shown_in_the_site_time_zone_and_its_day_too():
    late = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 1 January 00:30 in Amsterdam
    with translation.override("nl"):
        assert format_day(late) == "1 januari 2027"
        assert format_moment(late) == "1 januari 2027 om 00:30"
        summer = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
        assert format_moment(summer) == "1 juli 2026 om 12:00"


def test_a_day_without_a_time_and_no_date_at_all():
    with translation.override("nl"):
        assert format_moment(datetime.date(2026, 12, 25)) == "25 december 2026"
    assert format_day(None) == ""
    assert format_moment(None, empty="-") == "-"


def test_the_template_filters_write_the_same():
    template = Template(
        "{% load dates %}{{ when|day }} | {{ when|moment }} | {{ when|month }} | "
        '{{ nothing|day|default:"-" }}'
    )
    with translation.override("nl"):
        assert template.render(Context({"when": CHRISTMAS, "nothing": None})) == (
            "25 december 2026 | 25 december 2026 om 14:30 | december 2026 | -"
        )


# Formats a machine reads: <time datetime>, ISO days.
MACHINE_FORMATS = {"c", "Y-m-d"}


def _template_files():
    for path in SRC.rglob("*"):
        if path.suffix in {".html", ".txt"} and "templates" in path.parts:
            yield path


def test_templates_write_dates_for_people_only_through_the_filters():
    other = []
    for path in _template_files():
        text = path.read_text()
        for match in re.finditer(r"\|\s*date(?::\s*(['\"])(.*?)\1)?", text):
            if match.group(2) not in MACHINE_FORMATS:
                other.append(f"{path.relative_to(SRC)}: {match.group(0)}")
        for match in re.finditer(r"\|\s*(naturalday|naturaltime|time)\b", text):
            other.append(f"{path.relative_to(SRC)}: {match.group(0)}")
        for match in re.finditer(r"\{%\s*now\s", text):
            other.append(f"{path.relative_to(SRC)}: {match.group(0)}")
    assert other == [], "use {% load dates %} and |day, |moment or |month"


# strftime and f-string date formats in Python: allowed only where a file format asks for them.
ALLOWED_PYTHON_FORMATS = {
    "budgeting/results/election.py",  # Pabulib's META date (DD.MM.YYYY)
}
# Day first ('%d-%m-%Y', '%d %B') is a date for people; ISO ('%Y-%m-%d') is for machines.
PEOPLE_FORMAT = re.compile(r"%-?[de][-./ ]?%[mbB]")


def test_python_code_writes_dates_for_people_through_core_dates():
    other = []
    for path in SRC.rglob("*.py"):
        relative = str(path.relative_to(SRC))
        if (
            "tests" in path.parts
            or "migrations" in path.parts
            or relative in ALLOWED_PYTHON_FORMATS
        ):
            continue
        text = path.read_text()
        if PEOPLE_FORMAT.search(text):
            other.append(relative)
        if "date_format(" in text and relative != "core/dates.py":
            other.append(relative)
    assert other == [], "use core.dates.format_day / format_moment"


@pytest.mark.parametrize("bad", ['{{ x|date:"j M Y" }}', "{{ x|date }}", '{{ x|date:"d-m-Y" }}'])
def test_the_template_check_would_catch_other_formats(bad, tmp_path):
    matches = [
        m.group(2)
        for m in re.finditer(r"\|\s*date(?::\s*(['\"])(.*?)\1)?", bad)
        if m.group(2) not in MACHINE_FORMATS
    ]
    assert matches
