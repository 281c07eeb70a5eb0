"""Registering with the code of the letter: bad input gets a clear Dutch message and keeps what
was typed, the household rule refuses a second registration on one address, and registration
is possible only while it is open."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspraak.assemblies import services
from samenspraak.assemblies.factories import make_ready
from samenspraak.assemblies.models import Registration
from samenspraak.assemblies.selectors import feature_field

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitations(assembly, manager):
    return make_ready(assembly, manager)


def url(assembly) -> str:
    return reverse("assemblies:register", args=[assembly.process.slug, assembly.pk])


def form(code: str, **extra) -> dict:
    return {
        "code": code,
        "name": "Fatima de Vries",
        "email": "fatima@example.org",
        "phone": "",
        feature_field("Leeftijd"): "jong",
        feature_field("Opleiding"): "hoog",
        "consent": "on",
        **extra,
    }


def test_register_with_the_code_of_the_letter(client, assembly, invitations):
    code = invitations[0].code
    page = client.get(url(assembly) + f"?code={code.lower()}")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="{code}"' in html
    assert "Waarom vragen we dit?" in html
    typed = f"{code[:5].lower()} - {code[5:]}"  # as people type it
    response = client.post(url(assembly), form(typed))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "assemblies:registered", args=[assembly.process.slug, assembly.pk]
    )
    registration = Registration.objects.get()
    assert registration.invitation == invitations[0]
    assert registration.characteristics == {"Leeftijd": "jong", "Opleiding": "hoog"}
    assert registration.user is None and registration.consent


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"code": "ABC"}, "code", "Deze code klopt niet."),
        ({"code": "ZZZZZ-ZZZZZ"}, "code", "Deze code kennen we niet bij dit burgerberaad."),
        ({"name": ""}, "name", "Vul uw naam in."),
        ({"email": "fatima@"}, "email", "Dit e-mailadres klopt niet."),
        ({"email": ""}, "email", "Vul een e-mailadres of een telefoonnummer in"),
        ({"phone": "12"}, "phone", "Dit telefoonnummer klopt niet."),
        ({feature_field("Leeftijd"): "heel oud"}, feature_field("Leeftijd"), "Kies"),
        ({feature_field("Opleiding"): ""}, feature_field("Opleiding"), "Kies wat bij u past."),
        ({"consent": ""}, "consent", "Zonder uw toestemming"),
    ],
)
def test_bad_input_says_what_is_wrong_and_keeps_what_was_typed(
    client, assembly, invitations, changes, field, message
):
    data = {**form(invitations[0].code), **changes}
    response = client.post(url(assembly), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    html = response.content.decode()
    assert 'value="Fatima de Vries"' in html or changes.get("name") == ""
    assert not Registration.objects.exists()


def test_the_household_rule_refuses_a_second_registration_on_one_address(
    client, assembly, invitations
):
    code = invitations[0].code
    assert client.post(url(assembly), form(code)).status_code == 302
    response = client.post(url(assembly), form(code, name="Sem de Vries"))
    assert response.status_code == 400
    assert "Per adres kan één persoon meedoen" in " ".join(response.context["form"].errors["code"])
    assert Registration.objects.count() == 1
    # Another address's code is fine.
    assert client.post(url(assembly), form(invitations[1].code)).status_code == 302


def test_without_the_household_rule_housemates_may_register(assembly, invitations):
    assembly.household_rule = False
    assembly.save()
    for name in ("Sem", "Noor"):
        services.registration_create(
            assembly=assembly,
            code=invitations[0].code,
            name=name,
            email=f"{name}@example.org",
            characteristics={"Leeftijd": "oud", "Opleiding": "laag"},
            consent=True,
        )
    assert Registration.objects.filter(invitation=invitations[0]).count() == 2


def test_a_code_of_another_assembly_is_unknown(client, assembly, invitations, manager):
    from samenspraak.assemblies.factories import AssemblyFactory

    other = AssemblyFactory()
    make_ready(other, manager, seed="other")
    response = client.post(url(other), form(invitations[0].code))
    assert response.status_code == 400
    assert "kennen we niet" in " ".join(response.context["form"].errors["code"])


def test_registration_is_closed_before_invitations_after_closing_and_after_the_phase(
    client, assembly, manager
):
    page = client.get(url(assembly))
    assert "Aanmelden voor dit burgerberaad kan nu niet." in page.content.decode()
    invitations = make_ready(assembly, manager)
    services.registration_close(actor=manager, assembly=assembly)
    response = client.post(url(assembly), form(invitations[0].code))
    assert response.status_code == 400
    assert "kan nu niet" in " ".join(response.context["form"].non_field_errors())
    assembly.stage = "invited"
    assembly.save()
    phase = assembly.phase
    phase.ends_at = timezone.now() - datetime.timedelta(minutes=1)
    phase.starts_at = phase.ends_at - datetime.timedelta(days=3)
    phase.save()
    assert client.post(url(assembly), form(invitations[0].code)).status_code == 400
    assert not Registration.objects.exists()


def test_a_logged_in_resident_is_linked(client, assembly, invitations, resident):
    client.force_login(resident)
    assert client.post(url(assembly), form(invitations[0].code)).status_code == 302
    assert Registration.objects.get().user == resident


def test_the_process_page_offers_registration_while_it_is_open(client, assembly, manager):
    process_url = reverse("processes:process_detail", args=[assembly.process.slug])
    assert "Meld u aan voor het burgerberaad" not in client.get(process_url).content.decode()
    make_ready(assembly, manager, seed="zichtbaar")
    html = client.get(process_url).content.decode()
    assert f"Meld u aan voor het burgerberaad: {assembly.title}" in html
    assert url(assembly) in html
    public = client.get(reverse("assemblies:assembly", args=[assembly.process.slug, assembly.pk]))
    assert "Het lotnummer van de adressenloting was zichtbaar." in public.content.decode()
    services.registration_close(actor=manager, assembly=assembly)
    assert "Meld u aan voor het burgerberaad" not in client.get(process_url).content.decode()


def staff_url(assembly) -> str:
    return reverse("assemblies:staff_register", args=[assembly.pk])


def test_staff_enter_a_registration_by_phone_with_the_same_rules(
    client, assembly, invitations, manager, resident
):
    from django.core.exceptions import PermissionDenied

    from samenspraak.accounts.tests.conftest import log_in_staff
    from samenspraak.core.models import AuditLogEntry

    with pytest.raises(PermissionDenied):  # the service itself checks the role
        services.registration_create(
            assembly=assembly,
            code=invitations[0].code,
            name="X",
            email="x@example.org",
            characteristics={"Leeftijd": "jong", "Opleiding": "hoog"},
            consent=True,
            actor=resident,
        )
    log_in_staff(client, manager)
    manage = client.get(reverse("assemblies:manage", args=[assembly.pk])).content.decode()
    assert staff_url(assembly) in manage
    page = client.get(staff_url(assembly))
    assert page.status_code == 200 and "Aanmelding invoeren" in page.content.decode()
    # Bad input: a clear message, what was typed stays.
    code = invitations[0].code
    wrong = client.post(staff_url(assembly), {**form("ABCDE-FGH23"), "language": "en"})
    assert wrong.status_code == 400
    html = wrong.content.decode()
    assert "Deze code kennen we niet bij dit burgerberaad." in html
    assert 'value="Fatima de Vries"' in html
    no_consent = client.post(staff_url(assembly), {**form(code), "consent": "", "language": "en"})
    assert no_consent.status_code == 400
    assert "Zonder uw toestemming" in no_consent.content.decode()
    # A phone number only, in English: saved, audited.
    done = client.post(
        staff_url(assembly),
        {**form(code.lower(), email="", phone="06 12345678"), "language": "en"},
        follow=True,
    )
    assert "De aanmelding van Fatima de Vries is opgeslagen." in done.content.decode()
    registration = Registration.objects.get(invitation=invitations[0])
    assert (registration.phone, registration.email, registration.language) == (
        "06 12345678",
        "",
        "en",
    )
    assert registration.user is None  # entered by staff, not the staff member's registration
    entry = AuditLogEntry.objects.get(action="assemblies.registration_entered")
    assert entry.actor == manager and entry.changes == {"invitation": invitations[0].pk}
    # The household rule, as online.
    again = client.post(staff_url(assembly), {**form(code, name="Huisgenoot"), "language": "nl"})
    assert again.status_code == 400
    assert "Per adres kan één persoon meedoen" in again.content.decode()
    assert Registration.objects.filter(invitation=invitations[0]).count() == 1
    # After closing: refused with the reason.
    services.registration_close(actor=manager, assembly=assembly)
    late = client.post(staff_url(assembly), {**form(invitations[1].code), "language": "nl"})
    assert late.status_code == 400
    assert "Aanmelden voor dit burgerberaad kan nu niet." in late.content.decode()
    assert not Registration.objects.filter(invitation=invitations[1]).exists()
