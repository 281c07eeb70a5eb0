"""Who takes part, in a real browser: a resident answers the four voluntary questions from "Wat
kunt u nu doen?", a process manager publishes the figures, and anyone reads them: the gap chart
with its text, the tables, and "< 10" for small groups. axe-core on every page and the layout
check on the form; screenshots go to test-results/representatie-*.png."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.representation import services
from samenspraak.representation.models import ELSEWHERE, NOT_SAID, Answer
from samenspraak.representation.tests.conftest import FIXTURE
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import assert_form_layout, screenshot
from tests.e2e.test_account_pages import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db):
    municipality = MunicipalityFactory(cbs_code="GM0999")
    north = AreaFactory(municipality=municipality, name="Noord", slug="noord", cbs_code="WK099901")
    AreaFactory(municipality=municipality, name="Zuid", slug="zuid", cbs_code="WK099902")
    manager = StaffUserFactory()
    services.population_import(
        actor=manager, municipality=municipality, raw=FIXTURE.read_bytes(), source="test"
    )
    process = ProcessFactory(
        municipality=municipality, title="Een nieuw Stationsplein", slug="stationsplein"
    )
    process.areas.set([north])
    PhaseFactory(process=process, kind="consultation.collect")
    groups = [
        (38, "65+", "vrouw", "hoog", str(north.pk)),
        (27, "45-64", "man", "middelbaar", str(north.pk)),
        (14, "25-44", "vrouw", "laag", ELSEWHERE),
        (3, "15-24", "man", "laag", NOT_SAID),
    ]
    for count, age, gender, education, area in groups:
        for _ in range(count):
            Answer.objects.create(
                process=process,
                user=UserFactory(),
                age=age,
                gender=gender,
                education=education,
                area=area,
            )
    services.target_add(
        actor=manager,
        process=process,
        characteristic="leeftijd",
        value="15-24",
        kind="minimaal",
        number=15,
    )
    return {"process": process, "manager": manager}


def test_resident_answers_and_everyone_reads_the_published_figures(page: Page, live_server, world):
    resident = UserFactory(email="noor@example.org", display_name="Noor")
    log_in(page, live_server, resident)
    page.goto("/processen/stationsplein/")
    page.get_by_role("link", name="Vertel ons kort wie u bent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vragen over uzelf")
    expect(page.get_by_role("group", name="Hoe oud bent u?")).to_be_visible()
    assert_accessible(page)
    assert_form_layout(page, "representatie-vragen")
    page.get_by_role("group", name="Hoe oud bent u?").get_by_label("25 tot 45 jaar").check()
    page.get_by_role("group", name="Waar woont u?").get_by_label("Noord").check()
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_text("Dank u wel! Zo weten we beter wie er meedoen.")).to_be_visible()
    expect(page.get_by_role("link", name="Vertel ons kort wie u bent")).to_have_count(0)
    answer = Answer.objects.get(user=resident)
    assert (answer.age, answer.gender) == ("25-44", NOT_SAID)

    # The process manager sees the lagging target and publishes the figures.
    page.context.clear_cookies()
    log_in(page, live_server, get_user_model().objects.get(pk=world["manager"].pk))
    page.goto("/processen/stationsplein/")
    expect(page.get_by_text("Niet alle groepen doen genoeg mee.")).to_be_visible()
    page.get_by_role("link", name="Deelnemers, doelen en aantallen op papier (beheer)").click()
    assert_accessible(page)
    screenshot(page, "representatie-beheer")
    page.get_by_role("button", name="Cijfers openbaar maken").click()
    expect(page.get_by_text("De cijfers staan nu op de pagina van het proces.")).to_be_visible()

    # Anyone reads them.
    page.context.clear_cookies()
    page.goto("/processen/stationsplein/")
    page.get_by_role("link", name="Bekijk wie er meedoen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wie doen er mee?")
    age = page.get_by_role("table", name="Leeftijd: deelnemers en inwoners in cijfers")
    expect(age.get_by_role("row", name="15 tot 25 jaar")).to_contain_text("< 10")
    expect(age.get_by_role("row", name="65 jaar of ouder")).to_contain_text("38")
    expect(page.get_by_role("img", name="Staafdiagram: Leeftijd van deelnemers en inwoners"))
    assert_accessible(page)
    screenshot(page, "representatie-cijfers")
