"""Integrations: made by an administrator (command), token shown once and stored hashed,
audit logged, switched off; covered by privacy export and erasure."""

import io

import pytest
from django.core.management import CommandError, call_command

from samenspraak.accounts.models import Role
from samenspraak.api import services
from samenspraak.api.models import Integration
from samenspraak.api.selectors import integration_for_token, token_hash
from samenspraak.api.tests.conftest import bearer, make_token

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("api_token", *args, stdout=out)
    return out.getvalue()


def test_command_creates_an_integration_and_shows_the_token_once(administrator):
    from samenspraak.core.models import AuditLogEntry

    output = run(
        "create", "Zaaksysteem", "--scopes", "inputs:answer", "--user", administrator.email
    )
    token = output.strip().splitlines()[-1]
    integration = Integration.objects.get(name="Zaaksysteem")
    assert integration.scopes == ["inputs:answer"] and integration.created_by == administrator
    assert token.startswith("ssp_") and token not in integration.token_hash
    assert integration.token_hash == token_hash(token)
    assert integration_for_token(token) == integration
    assert token not in run("list")
    entry = AuditLogEntry.objects.get(action="api.integration_created")
    assert entry.actor == administrator and entry.changes == {"scopes": ["inputs:answer"]}
    run("deactivate", "Zaaksysteem", "--user", administrator.email)
    integration.refresh_from_db()
    assert not integration.is_active
    assert AuditLogEntry.objects.filter(action="api.integration_deactivated").exists()


def test_only_administrators_make_integrations_with_known_scopes(administrator, manager):
    with pytest.raises(CommandError, match="koppelingen"):
        run("create", "X", "--scopes", "inputs:answer", "--user", manager.email)
    with pytest.raises(CommandError, match="Onbekend recht: alles"):
        run("create", "X", "--scopes", "alles", "--user", administrator.email)
    services.integration_create(actor=administrator, name="Dubbel", scopes=["inputs:answer"])
    with pytest.raises(CommandError, match="al een koppeling"):
        run("create", "Dubbel", "--scopes", "inputs:answer", "--user", administrator.email)
    assert Integration.objects.count() == 1


def test_a_token_of_another_integration_with_the_same_start_does_not_match(manager):
    integration, token = make_token(manager, "inputs:answer")
    forged = token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
    assert integration_for_token(forged) is None


def test_privacy_export_and_erasure_cover_integrations(api, world, manager):
    from samenspraak.accounts import privacy

    integration, token = make_token(manager, "inputs:answer", name="Meldingen")
    exported = privacy.export_user_data(manager)["api"]["integrations"]
    assert exported[0]["name"] == "Meldingen"
    assert "api.Integration.created_by" not in privacy.uncovered_references()
    privacy.anonymise_user_data(manager)
    integration.refresh_from_db()
    assert integration.created_by is None and not integration.is_active
    response = api.post(
        f"/api/v1/inputs/{world.inputs[0].pk}/answer", {}, "application/json", **bearer(token)
    )
    assert response.status_code == 401


def test_the_role_check_is_the_administrators(manager, administrator):
    from samenspraak.api.permissions import can_manage_integrations

    assert can_manage_integrations(administrator)
    assert not can_manage_integrations(manager)
    manager.role = Role.ADMINISTRATOR
    assert can_manage_integrations(manager)
