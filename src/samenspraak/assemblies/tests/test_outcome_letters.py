"""Volunteers without an e-mail address hear the outcome too: a letter (PDF, one A4 page each,
in the language they registered in) to the address of their invitation, and for those with a
phone number a call list with a "gebeld" mark that is stored and audit-logged."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspraak.accounts.tests.conftest import log_in_staff
from samenspraak.assemblies import privacy, selectors, services
from samenspraak.assemblies.models import PoolMember, Registration
from samenspraak.assemblies.tests.test_draw import ready_to_draw
from samenspraak.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, manager):
    log_in_staff(client, manager)
    return client


def pdf_text(pdf: bytes) -> str:
    """The text drawn on the (uncompressed) pages, one string per line: the standard fonts'
    WinAnsi bytes, with PDF's escapes (such as octal 204 for „) undone."""
    strings = re.findall(rb"\(((?:[^()\\]|\\.)*)\) Tj", pdf)

    def byte(match):
        code = match.group(1)
        return bytes([int(code, 8)]) if len(code) == 3 else code

    escape = re.compile(rb"\\([0-7]{3}|.)")
    return "\n".join(escape.sub(byte, m).decode("cp1252") for m in strings)


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page (each page's content stream), lines joined by spaces."""
    streams = re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S)
    pages = [" ".join(pdf_text(stream).split()) for stream in streams]
    return [page for page in pages if page]


@pytest.fixture
def published(assembly, manager, run_draw):
    """A published panel of 15 volunteers: two by phone only (one in English), one by post
    only (no e-mail, no phone); the rest have e-mail."""
    ready_to_draw(assembly, manager)
    registrations = list(Registration.objects.filter(assembly=assembly).order_by("pk"))
    phone_nl, phone_en, post_only = registrations[-3:]
    Registration.objects.filter(pk=phone_nl.pk).update(email="", phone="06 1111 2222")
    Registration.objects.filter(pk=phone_en.pk).update(
        email="", phone="06 3333 4444", language="en"
    )
    Registration.objects.filter(pk=post_only.pk).update(email="", phone="")
    run_draw(assembly, manager)
    services.publish(actor=manager, assembly=assembly)
    assembly.refresh_from_db()
    return {
        "assembly": assembly,
        "phone_nl": PoolMember.objects.get(registration=phone_nl),
        "phone_en": PoolMember.objects.get(registration=phone_en),
        "post_only": PoolMember.objects.get(registration=post_only),
    }


def _expected(member, english=False):
    if member.outcome == "selected":
        return "Good news: you have been drawn" if english else "Goed nieuws: u bent geloot"
    if member.outcome == "reserve":
        place = member.reserve_rank
        return (
            f"Your place on the reserve list is {place}"
            if english
            else f"Uw plaats op de reservelijst is {place}"
        )
    return "not been drawn" if english else "niet geloot voor het burgerberaad"


def test_outcome_letters_one_page_per_volunteer_without_e_mail(staff, manager, published):
    assembly = published["assembly"]
    response = staff.get(reverse("assemblies:outcome_letters", args=[assembly.pk]))
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 3
    text = pdf_text(pdf)
    pages = pdf_pages(pdf)
    assert len(pages) == 3
    for key in ("phone_nl", "phone_en", "post_only"):
        member = published[key]
        registration = member.registration
        address = registration.invitation.address
        english = key == "phone_en"
        assert f"{address.street} {address.house_number}" in text
        assert member.public_id in text
        # One page is theirs, in their language, with the link in that language.
        (page,) = [page for page in pages if f"{registration.name}," in page]
        assert (f"Dear {registration.name}," if english else f"Beste {registration.name},") in page
        assert _expected(member, english) in page
        assert ("/en/processen/" in page) == english
    assert f"/en/processen/{assembly.process.slug}/burgerberaad/{assembly.pk}/uitslag/" in text
    assert f"/processen/{assembly.process.slug}/burgerberaad/{assembly.pk}/uitslag/" in text
    # Nobody with an e-mail address gets a letter.
    emailed = Registration.objects.filter(assembly=assembly).exclude(email="")
    assert not any(f"{r.name}," in text for r in emailed)
    entry = AuditLogEntry.objects.get(action="assemblies.outcome_letters_downloaded")
    assert entry.actor == manager and entry.changes == {"letters": 3}


def test_the_call_list_shows_phone_only_volunteers_with_their_outcome(staff, published):
    assembly = published["assembly"]
    page = staff.get(reverse("assemblies:call_list", args=[assembly.pk])).content.decode()
    for key in ("phone_nl", "phone_en"):
        member = published[key]
        assert member.registration.name in page
        assert member.registration.phone in page
    assert published["post_only"].registration.name not in page
    for registration in Registration.objects.filter(assembly=assembly).exclude(email=""):
        assert f">{registration.name}<" not in page
    manage = staff.get(reverse("assemblies:manage", args=[assembly.pk])).content.decode()
    assert "12 vrijwilligers met een e-mailadres kregen de uitslag per e-mail." in manage
    assert "3 vrijwilligers hebben geen e-mailadres en krijgen een brief." in manage
    assert "2 van hen gaven een telefoonnummer; 0 zijn gebeld." in manage


def test_marking_a_call_is_stored_and_audit_logged_and_can_be_undone(staff, manager, published):
    assembly = published["assembly"]
    member = published["phone_nl"]
    url = reverse("assemblies:call_list", args=[assembly.pk])
    response = staff.post(url, {"lid": member.pk, "gebeld": "ja"})
    assert response.status_code == 302
    assert response["Location"] == f"{url}#lid-{member.pk}"
    member.registration.refresh_from_db()
    assert member.registration.outcome_called_at is not None
    entry = AuditLogEntry.objects.get(action="assemblies.outcome_called")
    assert entry.actor == manager and entry.changes == {"public_id": member.public_id}
    assert member.registration.name not in str(entry.changes)
    page = staff.get(url).content.decode()
    assert "Gebeld op" in page and "Toch niet gebeld" in page
    staff.post(url, {"lid": member.pk, "gebeld": "nee"})
    member.registration.refresh_from_db()
    assert member.registration.outcome_called_at is None
    assert AuditLogEntry.objects.filter(action="assemblies.outcome_call_undone").count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"lid": "abc", "gebeld": "ja"},
        {"lid": "", "gebeld": "ja"},
        {"lid": "999999", "gebeld": "ja"},
        {"gebeld": "misschien"},
        "emailed",
        "post_only",
    ],
    ids=str,
)
def test_a_bad_mark_says_so_and_changes_nothing(staff, published, data):
    assembly = published["assembly"]
    if data == "emailed":
        emailed = PoolMember.objects.filter(assembly=assembly).exclude(registration__email="")
        data = {"lid": emailed.first().pk, "gebeld": "ja"}
    elif data == "post_only":
        data = {"lid": published["post_only"].pk, "gebeld": "ja"}
    response = staff.post(reverse("assemblies:call_list", args=[assembly.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "bellijst" in page or "opnieuw" in page
    assert not Registration.objects.filter(outcome_called_at__isnull=False).exists()
    assert not AuditLogEntry.objects.filter(action="assemblies.outcome_called").exists()


def test_letters_and_call_list_wait_for_the_publication(staff, assembly, manager, run_draw):
    ready_to_draw(assembly, manager)
    Registration.objects.filter(assembly=assembly).update(email="", phone="06 1234 5678")
    run_draw(assembly, manager)  # drawn, not published: not final
    assert staff.get(reverse("assemblies:outcome_letters", args=[assembly.pk])).status_code == 404
    assert staff.get(reverse("assemblies:call_list", args=[assembly.pk])).status_code == 404
    member = PoolMember.objects.filter(assembly=assembly).first()
    with pytest.raises(services.ValidationError):
        services.outcome_called(actor=manager, assembly=assembly, member_id=member.pk)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_call_list_and_manage_page_cost_the_same_queries_for_few_or_many(staff, published):
    """2 volunteers to call or 15: the same number of queries."""
    assembly = published["assembly"]
    calls = reverse("assemblies:call_list", args=[assembly.pk])
    manage = reverse("assemblies:manage", args=[assembly.pk])
    staff.get(calls)
    few = (_queries(staff, calls), _queries(staff, manage))
    Registration.objects.filter(assembly=assembly).update(email="", phone="06 5555 6666")
    assert (_queries(staff, calls), _queries(staff, manage)) == few
    assert staff.get(calls).content.decode().count('name="lid"') == 15


def test_the_called_mark_is_in_the_volunteer_s_data_export(published, manager):
    from samenspraak.accounts.factories import UserFactory

    member = published["phone_nl"]
    services.outcome_called(
        actor=manager, assembly=published["assembly"], member_id=member.pk, called=True
    )
    registration = Registration.objects.get(pk=member.registration.pk)
    user = UserFactory()
    Registration.objects.filter(pk=registration.pk).update(user=user)
    (exported,) = privacy.export(user)["registrations"]
    assert exported["outcome_called_at"] == registration.outcome_called_at.isoformat()
    privacy.erase(user)
    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert selectors.call_list(published["assembly"]) == [published["phone_en"]]


def test_long_titles_and_addresses_stay_on_the_page():
    """Lines are fitted to the page by their printed width; a long web address is broken
    after a "/", so it can be typed over from the letter."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from samenspraak.assemblies.letters import OutcomeLetter, outcome_letters_pdf

    slug = "burgerberaad-over-de-toekomst-van-de-dijk-en-water"  # a slug is at most 50
    url = f"https://samenspraak.voorbeeldstad.nl/en/processen/{slug}/burgerberaad/12/uitslag/"
    letter = OutcomeLetter(
        "Anna Smit", "Kerkweg 5", "1000 AC  VOORBEELDSTAD", "reserve", 2, "P012", "nl"
    )
    pdf = outcome_letters_pdf(
        municipality="Voorbeeldstad",
        title="Burgerberaad over de toekomst van de dijk, het water en de polder " * 2,
        link=lambda: url,
        letters=[letter],
    )
    lines = pdf_text(pdf).splitlines()
    usable = A4[0] - 2 * 25 * mm
    # municipality, name, street, postcode, then the heading (bold 13 pt) until "Beste".
    heading = lines[4 : lines.index("Beste Anna Smit,")]
    assert len(heading) >= 2 and heading[0].startswith("De uitslag van de loting:")
    assert all(stringWidth(line, "Helvetica-Bold", 13) <= usable for line in heading)
    note = lines[-1]
    assert note.startswith("U krijgt deze brief") and stringWidth(note, "Helvetica", 10) <= usable
    assert all(stringWidth(line, "Helvetica", 11) <= usable for line in lines[:-1])
    assert any("„Burgerberaad" in line for line in lines)
    start = next(n for n, line in enumerate(lines) if line.startswith("https://"))
    address = lines[start : start + 2]
    assert address[0].endswith("/") and "".join(address) == url


@pytest.mark.parametrize("outcome", ("selected", "reserve", "not_selected"))
@pytest.mark.parametrize("language", ("nl", "en"))
def test_every_outcome_sentence_is_what_the_letter_test_expects(outcome, language):
    """The draw decides which outcome each letter volunteer gets, so the letter test meets only
    some of the sentences in a run: each one is checked here, in both languages."""
    from types import SimpleNamespace

    from django.utils import translation

    from samenspraak.assemblies.letters import _outcome_text

    letter = SimpleNamespace(outcome=outcome, place=2)
    member = SimpleNamespace(outcome=outcome, reserve_rank=2)
    with translation.override(language):
        text = _outcome_text(letter, "Het plein")
    assert _expected(member, english=language == "en") in text
