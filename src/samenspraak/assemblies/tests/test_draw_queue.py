"""With the real database queue: the draw never runs in the request; the worker draws."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from samenspraak.accounts.tests.conftest import log_in_staff
from samenspraak.assemblies import tasks
from samenspraak.assemblies.models import Draw, DrawState, Stage
from samenspraak.assemblies.tests.test_draw import SEED, ready_to_draw

pytestmark = [pytest.mark.real_queue, pytest.mark.django_db(transaction=True)]


def test_the_request_queues_the_draw_and_the_worker_runs_it(client, assembly, manager):
    ready_to_draw(assembly, manager)
    log_in_staff(client, manager)
    response = client.post(reverse("assemblies:draw", args=[assembly.pk]), {"seed": SEED})
    assert response.status_code == 302
    row = Draw.objects.get(assembly=assembly)
    assert row.state == DrawState.QUEUED and row.result == {}  # not in the request
    page = client.get(reverse("assemblies:manage", args=[assembly.pk])).content.decode()
    assert 'http-equiv="refresh"' in page
    # A second click queues nothing new.
    client.post(reverse("assemblies:draw", args=[assembly.pk]), {"seed": SEED})
    assert DBTaskResult.objects.filter(task_path=tasks.run_draw.module_path).count() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    row.refresh_from_db()
    assembly.refresh_from_db()
    assert row.state == DrawState.DONE, row.error
    assert assembly.stage == Stage.DRAWN and len(row.result["panel"]) == assembly.panel_size
