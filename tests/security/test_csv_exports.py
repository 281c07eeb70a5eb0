"""Every CSV the product writes is safe to open in a spreadsheet (OWASP CSV injection).

A cell that begins with =, +, -, @, a tab or a carriage return is run as a formula by Excel and
LibreOffice. core.csvsafe prefixes such text with a single quote; numbers stay numbers.
"""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.core import csvsafe

SRC = Path(__file__).resolve().parents[2] / "src" / "samenspraak"

ATTACKS = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
]


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


@pytest.mark.parametrize("value", ATTACKS)
def test_helper_neutralises_formula_text(value):
    buffer = io.StringIO()
    csvsafe.writer(buffer, delimiter=";").writerow([value, "gewoon"])
    assert _rows(buffer.getvalue()) == [["'" + value, "gewoon"]]


def test_helper_leaves_numbers_and_harmless_text_alone():
    buffer = io.StringIO()
    csvsafe.writer(buffer, delimiter=";").writerows(
        [[-5, Decimal("-12.50"), -0.5, 7], ["a=b", "Jan-Willem", " =niet aan het begin", ""]]
    )
    assert _rows(buffer.getvalue()) == [
        ["-5", "-12.50", "-0.5", "7"],
        ["a=b", "Jan-Willem", " =niet aan het begin", ""],
    ]


@pytest.mark.django_db
def test_survey_export_neutralises_a_malicious_open_answer(client):
    from samenspraak.surveys.factories import QuestionFactory, SurveyFactory
    from samenspraak.surveys.models import QuestionKind
    from samenspraak.surveys.tests.conftest import add_responses

    survey = SurveyFactory()
    question = QuestionFactory(
        survey=survey, kind=QuestionKind.OPEN, text="@Wat mist u?", required=False
    )
    add_responses(survey, [{question.pk: value} for value in ATTACKS])
    client.force_login(StaffUserFactory(role=Role.PROCESS_MANAGER))

    response = client.get(reverse("surveys:export", args=[survey.process.slug, survey.pk]))

    assert response.status_code == 200
    rows = _rows(response.content.decode("utf-8"))
    assert rows[0][2] == "1. @Wat mist u?"
    answers = sorted(row[2] for row in rows[1:])
    assert answers == sorted("'" + value for value in ATTACKS)
    # The response number stays a plain number.
    assert all(re.fullmatch(r"\d+", row[0]) for row in rows[1:])


@pytest.mark.django_db
def test_vote_code_letters_neutralise_a_malicious_address(client):
    from samenspraak.budgeting.tests.test_voting_helpers import vote_budget

    budget, _projects = vote_budget()
    client.force_login(StaffUserFactory(role=Role.PROCESS_MANAGER))
    upload = SimpleUploadedFile(
        "adressen.csv",
        b"adres;postcode;plaats\n"
        b'=HYPERLINK("http://x","y");1234 AB;Voorbeeldstad\n'
        b"@SUM(1);1234 AC;Voorbeeldstad\n",
    )
    response = client.post(
        reverse("budgeting:staff_codes", args=[budget.pk]),
        {"label": "Brief mei", "addresses": upload, "format": "csv"},
    )

    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    rows = _rows(response.content.decode("utf-8"))
    addresses = sorted(row[0] for row in rows[1:])
    assert addresses == [
        '\'=HYPERLINK("http://x","y"), 1234 AB, Voorbeeldstad',
        "'@SUM(1), 1234 AC, Voorbeeldstad",
    ]


#: csv.writer(...), csv.DictWriter(...) or importing either name from csv.
DIRECT_WRITER = re.compile(
    r"\bcsv\.(writer|DictWriter)\s*\(|from\s+csv\s+import\s+[^\n]*\b(writer|DictWriter)\b"
)

#: Modules that may call csv.writer themselves, with the reason.
CSV_WRITER_ALLOWED = {
    # The helper itself.
    "samenspraak/core/csvsafe.py": "the one wrapper everything else uses",
    # The Pabulib writer is the pure-Python engine (src/pbengine: no Django, no samenspraak,
    # an import-linter contract) and writes the exchange format that pabutools reads back
    # byte for byte: a quote before a project name would change the data. It is a .pb file,
    # not a spreadsheet.
    "pbengine/pabulib.py": "Pabulib exchange format, must round-trip exactly",
    # Synthetic volunteer pools for the sortition benchmark and tests: every cell comes from the
    # generator's own fixed vocabulary and numbers (no person's text), in a pure package that
    # may not import the platform.
    "sortition_engine/generate.py": "generated benchmark pools, no user text",
    # The burgerberaad's quota lines as staff edit them in a text area and the form parses them
    # back: no download and no spreadsheet, and a quote before a value would change the value.
    "samenspraak/assemblies/selectors.py": "quota lines edited in a text area, parsed back",
}


def test_no_module_writes_csv_without_the_helper():
    offenders = []
    for path in sorted(SRC.parent.rglob("*.py")):  # the app and the engine (src/pbengine)
        relative = path.relative_to(SRC.parent).as_posix()
        if "/tests/" in f"/{relative}" or relative in CSV_WRITER_ALLOWED:
            continue
        if DIRECT_WRITER.search(path.read_text(encoding="utf-8")):
            offenders.append(relative)
    assert offenders == [], (
        f"use samenspraak.core.csvsafe.writer instead of csv.writer in {offenders}"
    )


def test_the_architecture_check_sees_a_direct_csv_writer():
    """The grep above is no test that cannot fail: it matches the ways to call csv.writer."""
    assert DIRECT_WRITER.search("w = csv.writer(out)")
    assert DIRECT_WRITER.search("w = csv.DictWriter(out, fieldnames=f)")
    assert DIRECT_WRITER.search("from csv import reader, writer")
    assert not DIRECT_WRITER.search("rows = csv.reader(text)")
