"""Benchmark: many residents signing one citizen initiative at the same time, on PostgreSQL.

Signing locks the initiative's row (so the count, the threshold and the move to the agenda
queue are exact), which serialises signatures per initiative. This measures what that costs:

1. in the database of DATABASE_URL (PostgreSQL; migrated), bulk-creates a municipality-wide
   by-law, one collecting initiative with a threshold of `--residents` + 1 (so it stays open)
   and `--residents` residents with the verified attributes that let them sign;
2. `--threads` threads sign through `initiatives.services.signature_add`, each resident once,
   and every resident's second attempt at once as well (it must return False);
3. prints signatures per second, median and 95th percentile latency per call, and checks that
   the count equals the number of Signature rows equals the number of residents;
4. writes JSON to benchmarks/results/initiative_signing.json and removes what it created.

A script that prints numbers, never a timed test:
`DATABASE_URL=postgres://... .venv/bin/python benchmarks/initiative_signing.py --residents 2000`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "initiative_signing.json"
sys.path.insert(0, str(ROOT / "src"))


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=2_000)
    parser.add_argument("--threads", type=int, default=8)
    return parser.parse_args(argv)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspraak.conf.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a migrated PostgreSQL database.")


def make_world(residents: int):
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from samenspraak.accounts.models import AttributeKind, AttributeSource, User
    from samenspraak.accounts.models import VerifiedAttribute as Attribute
    from samenspraak.initiatives.models import ByLaw, Initiative, InitiativeKind, Status
    from samenspraak.organisations.models import Municipality

    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    municipality = Municipality.objects.create(name="Benchstad", slug=f"benchstad-{stamp}")
    ByLaw.objects.create(
        municipality=municipality,
        kind=InitiativeKind.AGENDA,
        signatures_needed=residents + 1,
        collect_days=90,
    )
    initiative = Initiative.objects.create(
        municipality=municipality,
        kind=InitiativeKind.AGENDA,
        title="Benchmark",
        problem="x" * 30,
        proposal="x" * 30,
        council_ask="x" * 30,
        status=Status.COLLECTING,
        signatures_needed=residents + 1,
        last_day=timezone.localdate() + datetime.timedelta(days=30),
    )
    unusable = make_password(None)  # residents log in with a code, never a password
    users = User.objects.bulk_create(
        User(email=f"bench-{stamp}-{n}@example.org", display_name=f"Bench {n}", password=unusable)
        for n in range(residents)
    )
    Attribute.objects.bulk_create(
        Attribute(user=user, kind=kind, source=AttributeSource.DEMO)
        for user in users
        for kind in (AttributeKind.RESIDENT_OF_MUNICIPALITY, AttributeKind.AGE_18_PLUS)
    )
    return municipality, initiative, users


def run(initiative_pk: int, users, threads: int):
    from django.db import connections

    from samenspraak.initiatives import services
    from samenspraak.initiatives.models import Initiative

    # Every resident twice: the second call must find the signature and return False.
    work = [(u, attempt) for attempt in (0, 1) for u in users]
    chunks = [work[n::threads] for n in range(threads)]
    latencies: list[float] = []
    outcomes = {"new": 0, "again": 0, "errors": 0}
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def sign(chunk):
        try:
            barrier.wait()
            target = Initiative.objects.get(pk=initiative_pk)
            mine, counts = [], {"new": 0, "again": 0, "errors": 0}
            for user, _attempt in chunk:
                started = time.perf_counter()
                try:
                    new = services.signature_add(user=user, initiative=target)
                    counts["new" if new else "again"] += 1
                except Exception:  # noqa: BLE001 - counted and reported
                    counts["errors"] += 1
                mine.append(time.perf_counter() - started)
            with lock:
                latencies.extend(mine)
                for key, value in counts.items():
                    outcomes[key] += value
        finally:
            connections.close_all()

    started = time.perf_counter()
    pool = [threading.Thread(target=sign, args=(chunk,)) for chunk in chunks]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return time.perf_counter() - started, latencies, outcomes


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django()
    from django_tasks_db.models import DBTaskResult

    from samenspraak.core.models import OutboxEvent
    from samenspraak.initiatives.models import Initiative, Signature

    municipality, initiative, users = make_world(args.residents)
    first_event = OutboxEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    since = datetime.datetime.now(datetime.UTC)
    try:
        elapsed, latencies, outcomes = run(initiative.pk, users, args.threads)
        initiative.refresh_from_db()
        rows = Signature.objects.filter(initiative=initiative).count()
        ms = sorted(x * 1000 for x in latencies)
        result = {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.node()} ({os.cpu_count()} cpus)",
            "residents": args.residents,
            "threads": args.threads,
            "calls": len(latencies),
            "seconds": round(elapsed, 2),
            "calls_per_second": round(len(latencies) / elapsed, 1),
            "new_signatures_per_second": round(outcomes["new"] / elapsed, 1),
            "median_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[int(len(ms) * 0.95) - 1], 1),
            **outcomes,
            "signature_count": initiative.signature_count,
            "signature_rows": rows,
            "exact": initiative.signature_count == rows == outcomes["new"] == args.residents,
        }
    finally:
        from samenspraak.accounts.models import User

        # The events (and their queued deliveries) the run wrote go too: nothing to deliver.
        OutboxEvent.objects.filter(pk__gt=first_event).delete()
        DBTaskResult.objects.filter(enqueued_at__gte=since).delete()
        User.objects.filter(pk__in=[u.pk for u in users]).delete()
        Initiative.objects.filter(pk=initiative.pk).delete()
        municipality.delete()
    for key, value in result.items():
        print(f"{key:>26}: {value}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result["exact"] and not result["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
