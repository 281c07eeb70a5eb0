"""Reading CBS tables: the real format, and bad input with line-numbered messages (never a 500)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenspraak.core.models import AuditLogEntry
from samenspraak.representation import cbs
from samenspraak.representation.models import INHABITANTS, PopulationFigure
from samenspraak.representation.tests.conftest import FIXTURE

HEADER = '"ID";"Codering_3";"AantalInwoners_5";"Mannen_6";"Vrouwen_7"\n'


def test_fixture_is_read_with_cbs_padding_and_missing_values():
    table = cbs.read_table(FIXTURE.read_bytes())
    assert table.problems == []
    assert [row.code for row in table.rows] == [
        "WK099901",
        "BU09990101",
        "BU09990102",
        "WK099902",
        "BU09990201",
    ]
    north = table.rows[0].figures
    assert north[(INHABITANTS, "")] == 7300
    assert north[("geslacht", "man")] == 3600
    assert north[("leeftijd", "65+")] == 1310
    assert north[("opleiding", "hoog")] == 1410
    haven = table.rows[-1].figures
    assert ("opleiding", "laag") not in haven  # "." = CBS has no figure
    assert table.notes == ["Regel 2: GM0999 is de gemeente of het land, overgeslagen."]


def test_import_links_rows_to_areas_by_code(town):
    north = town["north"]
    figures = {
        (f.characteristic, f.value): f.count for f in PopulationFigure.objects.filter(area=north)
    }
    assert figures[(INHABITANTS, "")] == 7300
    assert figures[("leeftijd", "15-24")] == 1010
    assert AuditLogEntry.objects.filter(action="representation.population_imported").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b'"ID";"Naam"\n"1";"x"\n', "Regel 1: de kolommen Codering, AantalInwoners ontbreken."),
        (
            (HEADER + '"1";"WK099901";"7300";"veel";"3700"\n').encode(),
            "Regel 2: „veel” in kolom Mannen is geen heel getal.",
        ),
        (
            (HEADER + '"1";"WK099901";"7300";"3600";"3700"\n"2";"WK099901";"1";"1";"1"\n').encode(),
            "Regel 3: WK099901 staat ook al op regel 2.",
        ),
        (
            (HEADER + '"1";"Noord";"7300";"3600";"3700"\n').encode(),
            "Regel 2: „NOORD” is geen CBS-code van een wijk of buurt (WK… of BU…).",
        ),
        (
            (HEADER + '"1";"WK099901";"-5";"3600";"3700"\n').encode(),
            "Regel 2: „-5” in kolom AantalInwoners is geen heel getal.",
        ),
        (HEADER.encode(), "Er staan geen wijken of buurten in het bestand."),
        (b"x" * (cbs.MAX_BYTES + 1), "Het bestand is te groot: maximaal 5 MB."),
    ],
)
def test_bad_tables_say_what_is_wrong(content, message):
    table = cbs.read_table(content)
    assert any(problem.startswith(message) for problem in table.problems), table.problems


def test_bytes_that_are_not_utf8_are_read_as_windows_text():
    table = cbs.read_table((HEADER + '"1";"WK099901";"7300";"3600";"3700"\n').encode("cp1252"))
    assert table.problems == []


def _upload(client, content, name="kerncijfers.csv", source="CBS 2024"):
    return client.post(
        reverse("representation:import"),
        {"table": SimpleUploadedFile(name, content, content_type="text/csv"), "source": source},
    )


def test_import_page_shows_problems_keeps_source_and_stores_nothing(client, town):
    client.force_login(town["manager"])
    before = PopulationFigure.objects.count()
    bad = (HEADER + '"1";"WK099901";"7300";"?";"3700"\n').encode()
    response = _upload(client, bad)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Regel 2: „?” in kolom Mannen is geen heel getal." in page
    assert 'value="CBS 2024"' in page
    assert PopulationFigure.objects.count() == before


@pytest.mark.parametrize(
    "content", [b"\x00\xff\xfe garbage", b'"a;b\n"unclosed', b"\n\n\n", "é;ü\n".encode("utf-16")]
)
def test_import_page_never_fails_on_garbage(client, town, content):
    client.force_login(town["manager"])
    response = _upload(client, content)
    assert response.status_code == 200
    assert "Het bestand is niet ingelezen" in response.content.decode()


def test_import_page_reads_the_fixture_and_notes_unknown_codes(client, town):
    client.force_login(town["manager"])
    content = FIXTURE.read_bytes() + (
        b'"7";"WK099903  ";"Voorbeeldstad";"Wijk";"WK099903  ";"1";"100";"50";"50";'
        b'"10";"10";"30";"30";"20";"20";"30";"30"\n'
    )
    response = _upload(client, content)
    page = response.content.decode()
    assert "De bevolkingscijfers van 5 gebieden zijn ingelezen." in page
    assert "Regel 8: geen gebied met CBS-code WK099903 in Samenspraak, overgeslagen." in page


def test_import_with_no_known_area_stores_nothing(client, town):
    client.force_login(town["manager"])
    PopulationFigure.objects.all().delete()
    content = (HEADER + '"1";"WK123401";"7300";"3600";"3700"\n').encode()
    response = _upload(client, content)
    assert "Geen enkele CBS-code in het bestand hoort bij een gebied" in response.content.decode()
    assert not PopulationFigure.objects.exists()
