"""Delivery in the browser: a process manager makes a project from a funded budget project,
with a milestone and an update with a photo; the public project page (progress, budget, map,
"Waar komt dit vandaan?") and the dashboard (charts with text and tables). axe-core on every
page, and screenshots in test-results/ to look at."""

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting.factories import BudgetProjectFactory
from samenspraak.budgeting.models import BudgetResult
from samenspraak.delivery.factories import DeliveryProjectFactory, MilestoneFactory
from samenspraak.delivery.models import DeliveryProject, ProjectStatus
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import screenshot
from tests.e2e.test_consultation_journey import log_in_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def funded(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    MunicipalityFactory()
    area = AreaFactory(name="Noord", slug="noord", with_shape=True)
    project = BudgetProjectFactory()
    project.input.title = "Een speeltuin in het Noorderpark"
    project.input.area = area
    project.input.save()
    BudgetResult.objects.create(
        budget=project.budget,
        rule="greedy",
        selected=[project.pk],
        computed_at=timezone.now(),
        published_at=timezone.now(),
    )
    return project


def test_manager_makes_a_project_and_residents_see_page_and_dashboard(
    page: Page, browser: Browser, live_server, funded, tmp_path
):
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    today = timezone.localdate()
    late = DeliveryProjectFactory(
        title="Nieuwe bruggen over de Singel",
        status=ProjectStatus.DELAYED,
        area=funded.input.area,
        budget_planned=200000,
        budget_spent=90000,
    )
    MilestoneFactory(
        project=late, title="Fundering klaar", planned_on=today - datetime.timedelta(days=5)
    )
    DeliveryProjectFactory(
        title="Fietspad langs het kanaal", status=ProjectStatus.DELIVERED, progress=100
    )

    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    staff = context.new_page()
    log_in_staff(staff, manager)
    staff.goto("/beheer/uitvoering/")
    assert_accessible(staff)
    staff.get_by_role(
        "link", name="Nieuw uitvoeringsproject van Een speeltuin in het Noorderpark"
    ).click()
    expect(staff.get_by_label("Titel")).to_have_value("Een speeltuin in het Noorderpark")
    staff.get_by_label("Status").select_option("in_progress")
    staff.get_by_label("Voortgang in procent").fill("150")
    staff.get_by_label("Geplande kosten in euro (niet verplicht)").fill("40.000")
    staff.get_by_label("Uitgegeven in euro").fill("15.000")
    staff.get_by_label("Openbaar: iedereen ziet dit project").check()
    staff.get_by_role("button", name="Opslaan").click()
    # Bad input: a clear message, and what was typed stays.
    expect(
        staff.get_by_text("De voortgang is een percentage: van 0 tot en met 100.")
    ).to_be_visible()
    expect(staff.get_by_label("Geplande kosten in euro (niet verplicht)")).to_have_value("40.000")
    assert_accessible(staff)
    staff.get_by_label("Voortgang in procent").fill("35")
    staff.get_by_label("Breedtegraad").fill("52.085")
    staff.get_by_label("Lengtegraad").fill("5.11")
    staff.get_by_label("Naam van de plek (niet verplicht)").fill("Noorderpark, bij de vijver")
    staff.get_by_role("button", name="Opslaan").click()
    expect(staff.get_by_text("Het uitvoeringsproject is gemaakt.")).to_be_visible()
    project = DeliveryProject.objects.get(title="Een speeltuin in het Noorderpark")

    staff.get_by_role("link", name="Mijlpaal toevoegen").click()
    staff.get_by_label("Mijlpaal").fill("Ontwerp met de buurt klaar")
    staff.get_by_label("Gepland op").fill(
        project.starts_on.isoformat() if project.starts_on else today.isoformat()
    )
    staff.get_by_label("Gehaald op (niet verplicht)").fill(today.isoformat())
    staff.get_by_role("button", name="Opslaan").click()
    expect(staff.get_by_text("De mijlpaal is opgeslagen.")).to_be_visible()

    staff.goto(f"/beheer/uitvoering/{project.pk}/bericht/")
    assert_accessible(staff)
    photo = tmp_path / "speeltuin.png"
    image = Image.new("RGB", (480, 320), (120, 180, 90))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())
    staff.get_by_label("Bericht").fill("De eerste toestellen staan er. Kinderen mochten ze testen.")
    staff.get_by_label("Afbeelding (niet verplicht)").set_input_files(str(photo))
    staff.get_by_label("Wat staat er op de afbeelding?").fill("Een nieuwe schommel in het park")
    staff.get_by_role("button", name="Plaatsen").click()
    expect(staff.get_by_text("Het bericht staat op de pagina van het project.")).to_be_visible()
    context.close()

    # The public project page.
    page.goto(f"/uitvoering/{project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Een speeltuin in het Noorderpark")
    expect(page.get_by_text("35% klaar")).to_be_visible()
    expect(page.get_by_text("€ 15.000 uitgegeven van € 40.000 gepland")).to_be_visible()
    origins = page.get_by_role("region", name="Waar komt dit vandaan?")
    expect(origins.get_by_role("link", name="Een speeltuin in het Noorderpark")).to_be_visible()
    expect(page.get_by_text("Gehaald op")).to_be_visible()
    expect(page.get_by_role("img", name="Een nieuwe schommel in het park")).to_be_visible()
    expect(page.get_by_role("region", name="Kaart met de plek van het project")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "delivery-project")

    # The dashboard: charts with their text, tables, the overdue milestone.
    page.goto("/uitvoering/dashboard/")
    expect(page.get_by_role("heading", name="3 projecten, per status")).to_be_visible()
    expect(
        page.get_by_role("img", name="Staafdiagram: aantal projecten per status")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="1 mijlpaal te laat")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Fundering klaar")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "delivery-dashboard")
    page.get_by_label("Gebied", exact=True).select_option("noord")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard uitvoering: Noord")
    assert_accessible(page)
