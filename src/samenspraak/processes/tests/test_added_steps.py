"""The wizard's extension point: a step another app adds through its manifest
(core.components.WizardStep) shows in order, saves through the app's own function, and keeps what
was typed when that function refuses. A stand-in step here, so processes needs no other app;
representation's real step is tested in its own app."""

from dataclasses import replace

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.core import components
from samenspraak.processes.factories import ProcessFactory

pytestmark = pytest.mark.django_db

saved_notes = []


class NoteForm(forms.Form):
    note = forms.CharField(label="Notitie", max_length=40)


def save(request, process, form):
    note = form.cleaned_data["note"]
    if note == "fout":
        raise ValidationError({"note": "Dit mag niet."})
    if note == "verboden":
        raise PermissionDenied("U mag dit niet.")
    saved_notes.append((request.user, process, note))
    return "Notitie opgeslagen."


STEP = components.WizardStep(
    "notitie",
    "Notitie",
    template="processes/manage/_simple_form.html",
    form=lambda process, data: NoteForm(data),
    save=save,
    after="niveau",
)


@pytest.fixture
def added(request):
    """The surveys manifest carries the stand-in step (or the steps a test parametrises)."""
    steps = getattr(request, "param", (STEP,))
    saved = components._registered.get("surveys")
    components._registered["surveys"] = [replace(saved[0], wizard_steps=steps)]
    components.clear_cache()
    saved_notes.clear()
    yield
    components._registered["surveys"] = saved
    components.clear_cache()


@pytest.fixture
def process(db):
    return ProcessFactory(with_phase="processes.inform")


def url(process, key):
    return reverse("processes:manage_step", args=[process.slug, key])


def test_an_added_step_shows_after_the_step_it_names(manager_client, process, added):
    page = manager_client.get(url(process, "niveau")).content.decode()
    assert page.index("2. Niveau") < page.index("3. Notitie") < page.index("4. Toezegging")
    # The level step now leads to the added step.
    response = manager_client.post(url(process, "niveau"), {"level": "consult"})
    assert response["Location"] == url(process, "notitie")
    page = manager_client.get(url(process, "notitie")).content.decode()
    assert "stap 3, Notitie" in page
    assert f'href="{url(process, "niveau")}">Vorige stap' in page


def test_saving_an_added_step_goes_through_its_save(manager_client, manager, process, added):
    response = manager_client.post(url(process, "notitie"), {"note": "Denk aan de jongeren"})
    assert response.status_code == 302
    assert response["Location"] == url(process, "notitie")  # repeat: add another
    assert saved_notes == [(manager, process, "Denk aan de jongeren")]
    page = manager_client.get(url(process, "notitie")).content.decode()
    assert "Notitie opgeslagen." in page


@pytest.mark.parametrize(
    "note, message",
    [("fout", "Dit mag niet."), ("verboden", "U mag dit niet."), ("", "Dit veld is verplicht.")],
)
def test_a_refusal_keeps_what_was_typed(manager_client, process, added, note, message):
    response = manager_client.post(url(process, "notitie"), {"note": note})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if note:
        assert f'value="{note}"' in page
    assert saved_notes == []


@pytest.mark.parametrize("added", [(replace(STEP, repeat=False),)], indirect=True)
def test_a_step_without_repeat_goes_on_to_the_next(manager_client, process, added):
    response = manager_client.post(url(process, "notitie"), {"note": "Klaar"})
    assert response["Location"] == url(process, "toezegging")


@pytest.mark.parametrize(
    "added",
    [(replace(STEP, permission=lambda user: user.has_role(Role.ADMINISTRATOR)),)],
    indirect=True,
)
def test_a_step_shows_only_to_whom_its_permission_allows(manager_client, client, process, added):
    assert manager_client.get(url(process, "notitie")).status_code == 404
    assert "Notitie" not in manager_client.get(url(process, "niveau")).content.decode()
    client.force_login(StaffUserFactory(role=Role.ADMINISTRATOR))
    assert client.get(url(process, "notitie")).status_code == 200


@pytest.mark.parametrize(
    "added",
    [
        (
            replace(STEP, key="tweede", label="Tweede", order=20),
            replace(STEP, key="eerste", label="Eerste", order=10),
            replace(STEP, key="na-fasen", label="Na de fasen", after="fasen"),
        ),
    ],
    indirect=True,
)
def test_several_added_steps_follow_their_order(manager_client, process, added):
    page = manager_client.get(url(process, "doel")).content.decode()
    labels = ["2. Niveau", "3. Eerste", "4. Tweede", "5. Toezegging", "6. Fasen"]
    positions = [page.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "Na de fasen</" in page.split("6. Fasen")[1].split("Voorbeeld")[0]


def test_an_unknown_step_is_not_found(manager_client, process, added):
    assert manager_client.get(url(process, "bestaat-niet")).status_code == 404
