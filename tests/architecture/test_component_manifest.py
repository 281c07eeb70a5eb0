"""The throw-away component: an app known only to its own manifest appears in search, the staff
menu, the audit log filter, the privacy export, the API's url list, the phase kinds, Mijn
Samenspraak and the process wizard's templates, with no edit anywhere else, and disappears
again when it is not installed."""

import pytest
from django.conf import settings
from django.core import checks
from django.test.utils import override_settings

from samenspraak.accounts import privacy
from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.core import components
from samenspraak.core.audit import record
from samenspraak.processes.phases import phase_kinds

pytestmark = pytest.mark.django_db

APP = "tests.architecture.throwaway_component"


@pytest.fixture
def throwaway():
    with override_settings(
        INSTALLED_APPS=[*settings.INSTALLED_APPS, APP],
        ROOT_URLCONF=f"{APP}.urls",
    ):
        yield


def test_it_appears_in_search(client, throwaway):
    html = client.get("/zoeken/", {"q": "zandbak"}).content.decode()
    assert "Wegwerpnotities (1)" in html
    assert "<mark>zandbak</mark>" in html
    assert 'href="/wegwerp/"' in html


def test_it_appears_in_the_staff_menu(client, throwaway):
    client.force_login(StaffUserFactory(role=Role.MODERATOR))
    html = client.get("/beheer/").content.decode()
    assert '<a class="utrecht-link" href="/wegwerp/">Wegwerpnotities beheren</a>' in html


def test_its_audit_action_is_in_the_filter_and_labelled(client, throwaway):
    administrator = StaffUserFactory(role=Role.ADMINISTRATOR)
    record(administrator, "throwaway.note_pinned", target="Notitie 1")
    client.force_login(administrator)
    response = client.get("/beheer/auditlog/", {"action": "throwaway.note_pinned"})
    html = response.content.decode()
    assert '<option value="throwaway.note_pinned" selected>Wegwerpnotitie vastgezet' in html
    assert response.context["form"].is_valid()
    assert [e.action_label for e in response.context["page"]] == ["Wegwerpnotitie vastgezet"]


def test_it_appears_in_the_privacy_export(throwaway):
    user = UserFactory()
    exported = privacy.export_user_data(user)
    assert exported["throwaway"] == {"notes": [f"Notitie van {user.pk}"]}
    assert "throwaway" in [h.key for h in privacy.handlers()]


def test_it_appears_in_mijn_samenspraak(client, throwaway):
    client.force_login(UserFactory())
    html = client.get("/mijn/samenspraak/").content.decode()
    assert (
        '<h2 class="utrecht-heading-2" id="mijn-wegwerp-heading">Mijn wegwerpnotities</h2>' in html
    )
    assert html.count('class="throwaway-note"') == 2
    assert '<a class="utrecht-link" href="#mijn-wegwerp">Mijn wegwerpnotities</a>' in html


def test_its_api_routes_are_listed_and_its_phase_kind_exists(throwaway):
    assert f"{APP}.api_urls" in components.api_url_modules()
    assert "throwaway.ponder" in phase_kinds
    assert "throwaway_ponder" in components.phase_actions()
    assert [e for e in checks.run_checks() if e.id.startswith("core.E01")] == []


def test_its_process_template_is_installed(throwaway):
    from samenspraak.processes.models import ProcessTemplate
    from samenspraak.processes.services import shipped_templates_install

    keys = [template.key for template in shipped_templates_install()]
    assert "wegwerp-nadenken" in keys
    assert ProcessTemplate.objects.get(key="wegwerp-nadenken").name == "Wegwerp: samen nadenken"


def test_it_adds_to_the_golden_thread_and_the_area_memory(throwaway):
    from samenspraak.core import trace

    steps = trace.thread("accounts.User", [7, 9, 7])
    assert list(steps) == [7, 9]
    assert [step.title for step in steps[9]] == ["Nagedacht over 9", "Besloten over 9"]
    assert trace.thread("consultation.Input", [7]) == {7: []}
    assert [e.title for e in trace.area_memory([1, 2], limit=1)] == ["Wegwerpproject in 1"]


def test_uninstalled_it_is_gone_everywhere(client):
    assert "Wegwerpnotities" not in client.get("/zoeken/", {"q": "zandbak"}).content.decode()
    assert "throwaway" not in privacy.export_user_data(UserFactory())
    assert "throwaway.note_pinned" not in components.audit_action_labels()
    assert f"{APP}.api_urls" not in components.api_url_modules()
    assert "throwaway.ponder" not in phase_kinds
    from samenspraak.core import trace

    assert trace.thread("accounts.User", [7]) == {7: []}
    assert trace.area_memory([1]) == []
    client.force_login(UserFactory())
    assert "Mijn wegwerpnotities" not in client.get("/mijn/samenspraak/").content.decode()
