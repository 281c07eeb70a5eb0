"""The address file (line-numbered problems, never a crash), the stratified invitation lottery
(proportional per area, deterministic given the published seed) and the registration codes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from samenspraak.assemblies import addresses, codes, services
from samenspraak.assemblies.factories import QUOTAS, address_csv, make_ready
from samenspraak.assemblies.models import Invitation, Stage

pytestmark = pytest.mark.django_db

HEADER = "straat,huisnummer,toevoeging,postcode,woonplaats,buurtcode\n"


def problems(raw: bytes) -> list[str]:
    with pytest.raises(addresses.AddressFileError) as caught:
        addresses.read_addresses(raw)
    return caught.value.problems


def test_a_good_file_is_read_with_normalised_postcodes():
    raw = (
        HEADER + "Kerkstraat,12,a,1234ab,Voorbeeldstad,BU01\nMolenweg,3,,1234 CD,V,BU02\n"
    ).encode()
    rows = addresses.read_addresses(raw)
    assert [(r.line, r.postcode, r.addition, r.area_code) for r in rows] == [
        (2, "1234 AB", "A", "BU01"),
        (3, "1234 CD", "", "BU02"),
    ]


def test_semicolons_english_headers_and_windows_1252_are_read():
    raw = "street;number;addition;postcode;city;area\nCafé-laan;1;;1000 AA;Sûdwest;X\n"
    rows = addresses.read_addresses(raw.encode("cp1252"))
    assert rows[0].street == "Café-laan" and rows[0].city == "Sûdwest"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Kerkstraat,12,,12345,V,BU01\n", "Regel 2: de postcode '12345' klopt niet"),
        ("Kerkstraat,twaalf,,1234 AB,V,BU01\n", "Regel 2: het huisnummer 'twaalf' is geen"),
        ("Kerkstraat,12,,1234 AB,V,\n", "Regel 2: buurtcode is leeg"),
        (
            "Kerkstraat,12,,1234 AB,V,BU1\nKerkstraat,12,,1234AB,V,BU1\n",
            "Regel 3: dit adres staat ook op regel 2",
        ),
        ("\n", "Het bestand heeft geen adressen"),
    ],
)
def test_bad_lines_are_named_with_their_line_number(body, expected):
    found = problems((HEADER + body).encode())
    assert any(p.startswith(expected) for p in found), found


def test_a_missing_column_and_an_empty_file():
    found = problems(b"straat,nummer,postcode,plaats\nA,1,1234 AB,V\n")
    assert found == [
        "Regel 1: de kolom 'buurtcode' ontbreekt. "
        "Gevonden kolommen: straat, nummer, postcode, plaats."
    ]
    assert problems(b"") == ["Het bestand is leeg."]


def test_many_problems_are_capped_with_a_count():
    body = "".join(f"Kerkstraat,x{i},,1234 AB,V,B\n" for i in range(30))
    found = problems((HEADER + body).encode())
    assert len(found) == addresses.MAX_PROBLEMS + 1
    assert found[-1] == "En nog 10 andere fouten."


def test_upload_keeps_the_old_addresses_when_the_file_is_bad(assembly, manager):
    services.addresses_upload(actor=manager, assembly=assembly, raw=address_csv({"BU01": 5}))
    with pytest.raises(ValidationError) as caught:
        services.addresses_upload(actor=manager, assembly=assembly, raw=b"onzin")
    assert "Regel 1" in caught.value.message_dict["file"][0]
    assert assembly.addresses.count() == 5


def test_allocation_is_proportional_with_largest_remainders():
    assert addresses.allocate({"A": 600, "B": 300, "C": 100}, 100) == {"A": 60, "B": 30, "C": 10}
    # Shares 2.22, 1.33, 0.44: floors give 3 seats, the fourth goes to the largest remainder.
    assert addresses.allocate({"A": 5, "B": 3, "C": 1}, 4) == {"A": 2, "B": 1, "C": 1}
    assert sum(addresses.allocate({"A": 7, "B": 7, "C": 7}, 10).values()) == 10
    assert addresses.allocate({"A": 2, "B": 1}, 5) == {"A": 2, "B": 1}


def test_invitations_are_stratified_and_deterministic_given_the_seed(assembly, manager):
    made = make_ready(
        assembly, manager, areas={"BU01": 60, "BU02": 30, "BU03": 10}, invitations=20, seed="abc"
    )
    per_area: dict[str, int] = {}
    for invitation in made:
        per_area[invitation.address.area_code] = per_area.get(invitation.address.area_code, 0) + 1
    assert per_area == {"BU01": 12, "BU02": 6, "BU03": 2}
    assembly.refresh_from_db()
    assert assembly.stage == Stage.INVITED and assembly.invitation_seed == "abc"
    # Anyone with the file and the seed picks the same addresses; another seed picks others.
    again = addresses.pick(list(assembly.addresses.all()), 20, "abc")
    assert {a.pk for a in again} == {i.address_id for i in made}
    other = addresses.pick(list(assembly.addresses.all()), 20, "abd")
    assert {a.pk for a in other} != {i.address_id for i in made}


def test_codes_are_unique_short_and_without_look_alikes(assembly, manager):
    made = make_ready(assembly, manager, areas={"BU01": 300}, invitations=300)
    all_codes = [i.code for i in made]
    assert len(set(all_codes)) == 300 == Invitation.objects.count()
    for code in all_codes:
        assert codes.looks_valid(code)
        assert not set(code) & set("01OIL")
    assert codes.normalise(" abcde-fgh23 ") == "ABCDEFGH23"
    assert codes.shown("ABCDEFGH23") == "ABCDE-FGH23"


def test_invitations_need_addresses_quotas_and_a_sensible_count(assembly, manager):
    with pytest.raises(ValidationError, match="adressenbestand"):
        services.invitations_draw(actor=manager, assembly=assembly, count=5)
    services.addresses_upload(actor=manager, assembly=assembly, raw=address_csv({"BU01": 5}))
    with pytest.raises(ValidationError, match="quota"):
        services.invitations_draw(actor=manager, assembly=assembly, count=5)
    services.quotas_save(actor=manager, assembly=assembly, text=QUOTAS)
    with pytest.raises(ValidationError, match="Kies 1 tot 5"):
        services.invitations_draw(actor=manager, assembly=assembly, count=6)
    services.invitations_draw(actor=manager, assembly=assembly, count=5)
    with pytest.raises(ValidationError, match="al verloot"):
        services.invitations_draw(actor=manager, assembly=assembly, count=5)


def test_quota_text_is_checked_line_by_line(assembly, manager):
    with pytest.raises(ValidationError) as caught:
        services.quotas_save(
            actor=manager,
            assembly=assembly,
            text="Leeftijd,jong,10,3,2\nLeeftijd,oud\nLeeftijd,jong,1,1,1\nA,b,x,1,2",
        )
    assert caught.value.message_dict["quotas"] == [
        "Regel 1: min (3) is groter dan max (2).",
        "Regel 2: schrijf vijf dingen: kenmerk, waarde, inwoners, min, max.",
        "Regel 4: inwoners, min en max moeten hele getallen zijn (0 of meer).",
    ]
    with pytest.raises(ValidationError, match="minima samen"):
        services.quotas_save(actor=manager, assembly=assembly, text="L,a,,4,6\nL,b,,4,6")


def test_quotas_are_derived_from_population(assembly, manager):
    assembly.panel_size = 20
    saved = services.quotas_save(
        actor=manager,
        assembly=assembly,
        text="Leeftijd,jong,3000,0,0\nLeeftijd,midden,5000,0,0\nLeeftijd,oud,2000,0,0",
        derive=True,
    )
    assert [(q.value, q.minimum, q.maximum) for q in saved] == [
        ("jong", 5, 7),
        ("midden", 9, 11),
        ("oud", 3, 5),
    ]
