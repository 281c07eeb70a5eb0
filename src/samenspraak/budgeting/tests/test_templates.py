"""The shipped "Buurtbudget" and "Burgerbegroting" templates: installed after migrate, with the
four budgeting phases in order, co-decision with a plain decision rule, and a process started
from them (by the service and through the wizard) is ready to publish."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting.phases import PROPOSE, RESULTS, REVIEW, VOTE
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.processes import services
from samenspraak.processes.models import ParticipationLevel, Process, ProcessTemplate

pytestmark = pytest.mark.django_db

KEYS = ["buurtbudget", "burgerbegroting"]


@pytest.fixture
def manager(db):
    return StaffUserFactory(role=Role.PROCESS_MANAGER)


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.mark.parametrize("key", KEYS)
def test_budget_templates_are_installed_after_migrate(key):
    """post_migrate loads both, with propose → review → vote → results and co-decision."""
    template = ProcessTemplate.objects.get(municipality__isnull=True, key=key)
    design = template.design
    assert [p["kind"] for p in design["phases"]] == [PROPOSE, REVIEW, VOTE, RESULTS]
    process = design["process"]
    assert process["level"] == ParticipationLevel.CO_DECIDE
    assert process["commitment"].startswith("De gemeente voert de gekozen projecten uit binnen")
    assert "laat de voortgang" in process["commitment"]
    assert "gelijk deel van het budget" in process["decision_rule"]
    assert "Method of Equal Shares" in process["decision_rule"]
    # The phases follow each other without gaps or overlap.
    for earlier, later in zip(design["phases"], design["phases"][1:], strict=False):
        assert later["start_day"] == earlier["start_day"] + earlier["days"]


def test_installing_the_shipped_templates_again_changes_nothing():
    before = ProcessTemplate.objects.filter(municipality__isnull=True).count()
    services.shipped_templates_install()
    assert ProcessTemplate.objects.filter(municipality__isnull=True).count() == before
    assert ProcessTemplate.objects.filter(key__in=KEYS).count() == 2


@pytest.mark.parametrize("key", KEYS)
def test_a_process_started_from_a_budget_template_can_be_published(key, manager):
    municipality = MunicipalityFactory()
    template = ProcessTemplate.objects.get(key=key)
    start = datetime.date(2027, 3, 1)
    process = services.process_start_from_template(
        actor=manager, template=template, municipality=municipality, start_date=start
    )
    phases = list(process.phases.order_by("order"))
    assert [p.kind for p in phases] == [PROPOSE, REVIEW, VOTE, RESULTS]
    assert timezone.localtime(phases[0].starts_at).date() == start
    assert phases[0].ends_at == phases[1].starts_at
    assert process.level == ParticipationLevel.CO_DECIDE
    assert services.publish_problems(process) == []
    services.process_publish(actor=manager, process=process)
    assert process.is_published


def test_buurtbudget_through_the_wizard_gets_the_area_chosen_at_the_start(manager_client):
    """The wizard's first step after "start from template" is where the wijk or buurt is chosen;
    the process then belongs to that one area and publishes without problems."""
    municipality = MunicipalityFactory()
    area = AreaFactory(municipality=municipality, name="Vogelwijk")
    AreaFactory(municipality=municipality, name="Haven")
    template = ProcessTemplate.objects.get(key="buurtbudget")
    response = manager_client.post(
        reverse("processes:manage_from_template"),
        {"template": template.pk, "start_date": "2027-04-01", "title": "Buurtbudget Vogelwijk"},
    )
    process = Process.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("processes:manage_step", args=[process.slug, "doel"])
    response = manager_client.post(
        reverse("processes:manage_step", args=[process.slug, "doel"]),
        {
            "title": process.title,
            "summary": process.summary,
            "goal": process.goal,
            "description": "",
            "policy_phase": process.policy_phase,
            "areas": [area.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    process.refresh_from_db()
    assert list(process.areas.all()) == [area]
    assert process.phases.count() == 4
    response = manager_client.post(
        reverse("processes:manage_step", args=[process.slug, "publiceren"])
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.is_published
