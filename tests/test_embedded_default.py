"""`make run` on a fresh machine uses the embedded default: SQLite under var/, no Redis.

The rest of the suite runs on PostgreSQL in CI, so code that only PostgreSQL understands (row
locks in raw SQL, say) would pass every other test and still stop `make run` while the demo
loads. This builds the demo the way `make run` does, in a fresh interpreter with neither
DATABASE_URL nor REDIS_URL, and opens pages of it.
"""

import os
import subprocess
import sys

PASS_THROUGH = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH"}

PAGES = """
from django.test import Client
from django.urls import reverse
from samenspraak.budgeting.models import Ballot, BudgetResult
from samenspraak.processes import selectors

from samenspraak.webhooks.selectors import subscriptions_for

client = Client()
assert client.get("/").status_code == 200
for process in selectors.published():
    url = reverse("processes:process_detail", args=[process.slug])
    assert client.get(url).status_code == 200, url
# Search counts with a window function, pages a group; webhooks match event types in Python.
for url in ("/zoeken/?q=de", "/zoeken/?q=de&groep=consultation-inputs&pagina=2",
            "/gesprekken/", "/uitvoering/", "/uitvoering/dashboard/"):
    assert client.get(url).status_code == 200, url
assert subscriptions_for("nl.samenspraak.consultation.input.submitted") == []
print("ballots", Ballot.objects.count(), "results", BudgetResult.objects.count())
"""


def _samenspraak(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "samenspraak", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_demo_builds_and_serves_on_sqlite_without_redis(tmp_path):
    env = {key: value for key, value in os.environ.items() if key in PASS_THROUGH}
    env.update(
        {
            "SAMENSPRAAK_VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "samenspraak.conf.settings",
            "ALLOWED_HOSTS": "testserver",
        }
    )
    for args in (["migrate", "--no-input", "-v0"], ["demo", "--if-empty"]):
        result = _samenspraak(*args, env=env)
        assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "samenspraak.sqlite3").exists()
    result = _samenspraak("shell", "-c", PAGES, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    ballots, results = result.stdout.split()[-3], result.stdout.split()[-1]
    # The demo votes online, with codes and on paper, and publishes results: all through the
    # same services as the product, so the SQLite path of casting a ballot ran.
    assert int(ballots) > 300 and int(results) >= 3
