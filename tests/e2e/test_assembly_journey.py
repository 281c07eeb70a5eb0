"""A burgerberaad in a real browser: a resident registers with the code of their letter (a
housemate with the same code is refused), staff close the registration, commit the seed (shown
once, only its hash kept), enter it again to draw the panel and publish it; the public sees the
anonymised panel, the lottery and the seed; the volunteer without e-mail gets a letter and a
call. axe-core on every page, screenshots at desktop and phone width."""

import random
import re

import pytest
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.assemblies import services
from samenspraak.assemblies.factories import AssemblyFactory, make_ready
from samenspraak.assemblies.models import Assembly, Invitation, Registration, Stage
from samenspraak.organisations.factories import MunicipalityFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import WIDTHS, layout_problems, screenshot
from tests.e2e.test_consultation_journey import log_in_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db):
    MunicipalityFactory()
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    assembly = AssemblyFactory(title="Burgerberaad over de dijk")
    invitations = make_ready(assembly, manager)
    rng = random.Random(4)
    for i, invitation in enumerate(invitations[1:14]):
        services.registration_create(
            assembly=assembly,
            code=invitation.code,
            name=f"Vrijwilliger {i}",
            email=f"v{i}@example.org",
            characteristics={
                "Leeftijd": "jong" if i < 4 else rng.choice(["jong", "oud"]),
                "Opleiding": "laag" if i < 3 else rng.choice(["laag", "hoog"]),
            },
            consent=True,
        )
    return assembly, invitations[0], manager


def _look(page: Page, name: str) -> None:
    original = page.viewport_size
    problems = []
    for width_name, size in WIDTHS.items():
        page.set_viewport_size(size)
        screenshot(page, f"{name}-{width_name}")
        problems += [f"{width_name}: {p}" for p in layout_problems(page)]
    if original:
        page.set_viewport_size(original)
    assert not problems, problems


def _register(page: Page, url: str, code: str, name: str) -> None:
    page.goto(f"{url}?code={code}")
    page.get_by_label("Uw naam").fill(name)
    page.get_by_label("E-mailadres").fill(f"{name.split()[0].lower()}@example.org")
    page.get_by_label("jong").check()
    page.get_by_label("hoog").check()
    page.get_by_label("Ik geef toestemming", exact=False).check()
    page.get_by_role("button", name="Aanmelden").click()


def test_from_invitation_code_to_published_panel(page: Page, live_server, world):
    assembly, invitation, manager = world
    base = f"/processen/{assembly.process.slug}/burgerberaad/{assembly.pk}/"

    # The resident's letter has the code; the page explains why it asks for characteristics.
    page.goto(base + f"aanmelden/?code={invitation.code}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Aanmelden: Burgerberaad over de dijk"
    )
    expect(page.get_by_text("Waarom vragen we dit?", exact=False)).to_be_visible()
    assert_accessible(page)
    _look(page, "assembly-register")
    # Without consent: a clear message, and what was typed stays.
    page.get_by_label("Uw naam").fill("Fatima de Vries")
    page.get_by_label("E-mailadres").fill("fatima@example.org")
    page.get_by_label("jong").check()
    page.get_by_label("hoog").check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_text("Zonder uw toestemming kunnen we u niet aanmelden.")).to_be_visible()
    expect(page.get_by_label("Uw naam")).to_have_value("Fatima de Vries")
    assert_accessible(page)
    page.get_by_label("Ik geef toestemming", exact=False).check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dank u wel, u bent aangemeld")
    assert_accessible(page)

    # A housemate with the same letter is refused: one person per address.
    _register(page, base + "aanmelden/", invitation.code, "Sem de Vries")
    expect(page.get_by_text("Per adres kan één persoon meedoen", exact=False)).to_be_visible()
    assert_accessible(page)
    _look(page, "assembly-register-household")
    assert Registration.objects.filter(invitation=invitation).count() == 1

    # Staff: close, commit the seed, draw (in the task queue), publish.
    log_in_staff(page, manager)
    page.goto(f"/beheer/burgerberaden/{assembly.pk}/")
    assert_accessible(page)
    # A resident who phoned: staff enter the registration with the code of their letter.
    spare = Invitation.objects.filter(assembly=assembly, registrations__isnull=True).first()
    page.get_by_role("link", name="Aanmelding invoeren die per telefoon", exact=False).click()
    page.get_by_label("Aanmeldcode uit de brief").fill(spare.code)
    page.get_by_label("Naam", exact=True).fill("Bellende Buurvrouw")
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_label("Taal voor berichten").select_option("en")
    page.get_by_label("oud").check()
    page.get_by_label("laag").check()
    page.get_by_role("button", name="Aanmelding opslaan").click()
    expect(page.get_by_text("Zonder uw toestemming kunnen we u niet aanmelden.")).to_be_visible()
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Bellende Buurvrouw")
    assert_accessible(page)
    page.get_by_label("De persoon gaf toestemming", exact=False).check()
    page.get_by_role("button", name="Aanmelding opslaan").click()
    expect(page.get_by_text("De aanmelding van Bellende Buurvrouw is opgeslagen.")).to_be_visible()
    assert_accessible(page)
    _look(page, "assembly-staff-register")
    assert Registration.objects.get(invitation=spare).language == "en"
    page.goto(f"/beheer/burgerberaden/{assembly.pk}/")
    page.get_by_role("button", name="Aanmelden sluiten").click()
    expect(page.get_by_text("Aanmelden is gesloten.")).to_be_visible()
    page.get_by_label("Geheim lotnummer", exact=False).fill("dobbelsteen-6-3-1-4-2-5")
    page.get_by_role("button", name="Lotnummer vastleggen en hash publiceren").click()
    # The seed is shown this once (only its hash is stored), with a download.
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewaar dit geheime lotnummer")
    expect(page.locator("#seed")).to_have_text("dobbelsteen-6-3-1-4-2-5")
    assert_accessible(page)
    _look(page, "assembly-staff-seed-once")
    with page.expect_download() as download:
        page.get_by_role("button", name="Lotnummer downloaden (tekstbestand)").click()
    assert "dobbelsteen-6-3-1-4-2-5" in download.value.path().read_text()
    assert Assembly.objects.get(pk=assembly.pk).draw_seed == ""
    page.get_by_role("link", name="Ik heb het lotnummer bewaard", exact=False).click()
    # To draw, staff enter the seed again: a wrong one is refused and nothing happens.
    page.get_by_label("Uw bewaarde geheime lotnummer").fill("dobbelsteen-6-3-1-4-2-6")
    page.get_by_role("button", name="Panel loten").click()
    expect(page.get_by_text("past niet bij de vingerafdruk", exact=False)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Uw bewaarde geheime lotnummer").fill("dobbelsteen-6-3-1-4-2-5")
    page.get_by_role("button", name="Panel loten").click()
    expect(page.get_by_role("table", name="Het panel (alleen voor medewerkers)")).to_be_visible()
    assert_accessible(page)
    _look(page, "assembly-staff-drawn")
    page.get_by_role("button", name="Publiceren en lotnummer bekendmaken").click()
    expect(page.get_by_text("zijn gepubliceerd", exact=False)).to_be_visible()
    assembly = Assembly.objects.get(pk=assembly.pk)
    assert assembly.stage == Stage.PUBLISHED

    # The volunteer who phoned has no e-mail address: a letter (in English, the language
    # chosen) and the call list, where staff mark the call.
    outcome = page.get_by_role("region", name="De uitslag laten weten")
    expect(outcome).to_contain_text("1 vrijwilliger heeft geen e-mailadres en krijgt een brief.")
    assert_accessible(page)
    with page.expect_download() as download:
        outcome.get_by_role("link", name="Brieven met de uitslag", exact=False).click()
    letters = download.value.path().read_bytes()
    assert letters.startswith(b"%PDF") and b"(Dear Bellende Buurvrouw,) Tj" in letters
    outcome.get_by_role("link", name="Naar de bellijst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bellijst: de uitslag laten weten")
    row = page.get_by_role("row", name="Bellende Buurvrouw", exact=False)
    expect(row).to_contain_text("06 12345678")
    assert_accessible(page)
    _look(page, "assembly-call-list")
    page.set_viewport_size(WIDTHS["phone"])  # no sideways scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS["phone"]["width"]
    page.set_viewport_size(WIDTHS["desktop"])
    row.get_by_role("button", name=re.compile(r"^Gebeld\W+Bellende Buurvrouw$")).click()
    expect(page.get_by_text("Bellende Buurvrouw staat op gebeld.")).to_be_visible()
    expect(page.get_by_role("row", name="Bellende Buurvrouw", exact=False)).to_contain_text(
        "Gebeld op"
    )
    assert_accessible(page)
    assert Registration.objects.get(invitation=spare).outcome_called_at is not None

    # The public publication: counts, chances, the lottery and the seed; no names.
    page.goto(base + "uitslag/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Het gelote panel: Burgerberaad over de dijk"
    )
    expect(page.get_by_text("dobbelsteen-6-3-1-4-2-5")).to_be_visible()
    expect(page.get_by_text(assembly.seed_commitment)).to_be_visible()
    body = page.content()
    assert "Fatima" not in body and "Vrijwilliger" not in body
    page.get_by_text("Alle mogelijke panels met hun kans").click()
    assert_accessible(page)
    _look(page, "assembly-publication")
    page.get_by_role("link", name="Zo doet u de loting zelf na").click()
    expect(page.get_by_text("samenspraak panel-draw", exact=False)).to_be_visible()
    assert_accessible(page)
    _look(page, "assembly-rerun")
