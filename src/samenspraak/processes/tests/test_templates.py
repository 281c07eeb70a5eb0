"""Templates: shipped ones are present, save/start/export/import round trip, bad files get a
clear Dutch message and never a 500."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes import designs, services
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.processes.forms import day_start
from samenspraak.processes.models import Process, ProcessStatus, ProcessTemplate

pytestmark = pytest.mark.django_db

SHIPPED = {
    "ideeen-voor-het-plein": ["consultation.collect", "processes.decide"],
    "inspraak-op-een-raadsvoorstel": ["consultation.collect", "processes.decide"],
    "enquete": ["surveys.respond", "processes.evaluate"],
    "buurtagenda": ["consultation.collect", "processes.decide"],
}


def test_shipped_templates_are_installed_after_migrate():
    """post_migrate loads the four shipped templates (idempotently)."""
    templates = {t.key: t for t in ProcessTemplate.objects.filter(municipality__isnull=True)}
    assert set(SHIPPED) <= set(templates)
    for key, kinds in SHIPPED.items():
        assert [p["kind"] for p in templates[key].design["phases"]] == kinds
    assert templates["inspraak-op-een-raadsvoorstel"].design["process"]["answer_days"] == 42
    assert templates["inspraak-op-een-raadsvoorstel"].design["process"]["level"] == "consult"
    assert templates["buurtagenda"].design["process"]["level"] == "co_produce"
    services.shipped_templates_install()
    assert ProcessTemplate.objects.filter(municipality__isnull=True).count() == len(templates)


def test_start_from_template_dates_phases_from_the_start_date(manager, input_kinds):
    municipality = MunicipalityFactory()
    template = ProcessTemplate.objects.get(key="ideeen-voor-het-plein")
    start = datetime.date(2027, 3, 1)
    process = services.process_start_from_template(
        actor=manager, template=template, municipality=municipality, start_date=start
    )
    assert process.status == ProcessStatus.DRAFT
    assert process.level == "advise"
    phases = list(process.phases.order_by("order"))
    assert [p.kind for p in phases] == ["consultation.collect", "processes.decide"]
    assert timezone.localtime(phases[0].starts_at).date() == start
    assert phases[0].last_day == start + datetime.timedelta(days=27)
    assert timezone.localtime(phases[1].starts_at).date() == start + datetime.timedelta(days=28)
    assert services.publish_problems(process) == []


def test_start_from_template_with_an_unknown_phase_kind_is_a_clear_error(manager):
    template = ProcessTemplate.objects.create(
        key="stemmen",
        name="Stemmen",
        design={
            "name": "Stemmen",
            "process": {"title": "Stemmen", "goal": "Kiezen."},
            "phases": [{"kind": "lottery.draw", "title": "Loting", "start_day": 0, "days": 7}],
        },
    )
    with pytest.raises(ValidationError) as error:
        services.process_start_from_template(
            actor=manager,
            template=template,
            municipality=MunicipalityFactory(),
            start_date=datetime.date(2027, 1, 1),
        )
    assert "lottery.draw" in error.value.messages[0]
    assert not Process.objects.exists()


def test_save_export_import_round_trip(manager, input_kinds):
    """A process saved as a template, exported and imported elsewhere gives the same design."""
    process = ProcessFactory(title="Speeltuin", level="co_produce", answer_days=30)
    first = day_start(timezone.localdate())
    PhaseFactory(
        process=process,
        kind="consultation.collect",
        title="Ideeën",
        starts_at=first,
        ends_at=first + datetime.timedelta(days=14),
    )
    template = services.template_save_from_process(
        actor=manager, process=process, name="Speeltuin-ontwerp"
    )
    assert template.municipality == process.municipality
    exported = services.template_export_json(template)
    data = json.loads(exported)
    assert data["format"] == designs.FORMAT
    assert data["phases"][0]["days"] == 14

    other = MunicipalityFactory()
    imported = services.template_import_json(actor=manager, municipality=other, raw=exported)
    assert imported.pk != template.pk
    assert imported.design == template.design
    assert services.template_export_json(imported) == exported


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{niet json", "geen geldig JSON-bestand"),
        (b"\xff\xfe\x00", "geen tekst"),
        (b"[]", "JSON-object"),
        (json.dumps({"name": "X", "process": {}, "extra": 1}), "Onbekende velden"),
        (json.dumps({"name": "X", "process": {"kleur": "rood"}}), "Onbekende velden"),
        (json.dumps({"name": "X", "process": {"level": "alles"}}), "Onbekend participatieniveau"),
        (json.dumps({"name": "X", "process": {"answer_days": "veel"}}), "heel getal"),
        (json.dumps({"name": "X", "process": {"answer_days": 400}}), "tussen 1 en 90"),
        (
            json.dumps(
                {
                    "name": "X",
                    "process": {},
                    "phases": [
                        {"kind": "processes.inform", "title": "A", "start_day": -3, "days": 2}
                    ],
                }
            ),
            "tussen 0 en",
        ),
        (json.dumps({"process": {}}), "naam ontbreekt"),
        (b"x" * (designs.MAX_BYTES + 10), "te groot"),
    ],
)
def test_bad_template_files_are_refused_in_dutch(manager, raw, message):
    with pytest.raises(ValidationError) as error:
        services.template_import_json(actor=manager, municipality=MunicipalityFactory(), raw=raw)
    assert message in " ".join(error.value.messages)


def test_import_view_shows_the_error_and_never_500(manager_client):
    MunicipalityFactory()
    upload = SimpleUploadedFile("sjabloon.json", b"{kapot", content_type="application/json")
    response = manager_client.post(reverse("processes:manage_template_import"), {"file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "geen geldig JSON-bestand" in body
    assert 'aria-describedby="id_file-help id_file-error"' in body


def test_import_unknown_phase_kind_is_accepted_but_refused_at_start(manager_client, manager):
    """Templates may name kinds of apps installed elsewhere; starting one says which."""
    municipality = MunicipalityFactory()
    design = {
        "name": "Loting",
        "process": {"title": "Burgerberaad", "goal": "Samen"},
        "phases": [{"kind": "panels.select", "title": "Loting", "start_day": 0, "days": 9}],
    }
    upload = SimpleUploadedFile("loting.json", json.dumps(design).encode())
    response = manager_client.post(reverse("processes:manage_template_import"), {"file": upload})
    assert response.status_code == 302
    template = ProcessTemplate.objects.get(municipality=municipality, key="loting")
    response = manager_client.post(
        reverse("processes:manage_from_template"),
        {"template": template.pk, "start_date": "2027-01-01", "title": ""},
    )
    assert response.status_code == 200
    assert "panels.select" in response.content.decode()


def test_export_view_downloads_json(manager_client):
    MunicipalityFactory()
    template = ProcessTemplate.objects.get(key="enquete")
    response = manager_client.get(reverse("processes:manage_template_export", args=[template.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="enquete.json"'
    assert json.loads(response.content)["name"] == "Enquête"


def test_start_from_template_view_makes_a_draft_and_opens_the_wizard(manager_client, input_kinds):
    MunicipalityFactory()
    template = ProcessTemplate.objects.get(key="buurtagenda")
    response = manager_client.post(
        reverse("processes:manage_from_template"),
        {"template": template.pk, "start_date": "2027-02-01", "title": "Buurtagenda Oost"},
    )
    process = Process.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("processes:manage_step", args=[process.slug, "doel"])
    assert process.title == "Buurtagenda Oost"
    assert process.phases.count() == 2


def test_start_from_template_view_with_bad_date_keeps_input(manager_client):
    MunicipalityFactory()
    response = manager_client.post(
        reverse("processes:manage_from_template"),
        {"template": "999999", "start_date": "morgen", "title": "Mijn titel"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kies een sjabloon uit de lijst." in body
    assert "Vul een datum in" in body
    assert "Mijn titel" in body


def test_save_as_template_view(manager_client):
    process = ProcessFactory()
    PhaseFactory(process=process)
    response = manager_client.post(
        reverse("processes:manage_save_template", args=[process.slug]),
        {"name": "Ons eigen sjabloon", "description": ""},
    )
    assert response.status_code == 302
    assert ProcessTemplate.objects.filter(
        municipality=process.municipality, name="Ons eigen sjabloon"
    ).exists()
