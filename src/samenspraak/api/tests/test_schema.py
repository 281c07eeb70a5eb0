"""The OpenAPI document: served, committed without drift, and within the NL API Design Rules."""

import io
import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[4]
COMMITTED = REPO / "docs" / "api" / "openapi.yaml"
# In CI the shared folder sits beside the clone; ADR_RULESET points elsewhere when it does not.
RULESET = Path(
    os.environ.get("ADR_RULESET") or REPO.parent / "shared" / "standards" / "adr-spectral.yml"
)


def generated() -> str:
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    return out.getvalue()


def test_committed_schema_has_not_drifted():
    assert COMMITTED.read_text() == generated(), (
        "docs/api/openapi.yaml differs from the code: run `make schema` and commit it"
    )


@pytest.mark.django_db
def test_schema_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    body = response.json()
    assert body["openapi"].startswith("3.") and body["servers"] == [
        {"url": "/api/v1", "description": "Deze installatie"}
    ]
    assert "/inputs/{id}/answer" in body["paths"]
    assert not any(path.endswith("/") for path in body["paths"])


def spectral(path: Path) -> subprocess.CompletedProcess:
    binary = REPO / "node_modules" / ".bin" / "spectral"
    if not binary.exists():
        pytest.fail("@stoplight/spectral-cli is missing: run `npm ci` (make install)")
    return subprocess.run(  # noqa: S603 (our own binary and files)
        [str(binary), "lint", str(path), "--ruleset", str(RULESET), "--fail-severity", "error"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


@pytest.mark.skipif(
    not RULESET.exists(), reason=f"the NL API Design Rules ruleset is absent ({RULESET})"
)
def test_schema_follows_the_nl_api_design_rules(tmp_path):
    result = spectral(COMMITTED)
    assert result.returncode == 0, result.stdout + result.stderr
    # The linter does catch a breach: without the API-Version header the check fails.
    broken = tmp_path / "broken.yaml"
    broken.write_text(COMMITTED.read_text().replace("API-Version:\n", "Other-Header:\n"))
    assert spectral(broken).returncode != 0
