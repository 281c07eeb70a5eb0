"""Benchmark: Mijn Samenspraak (/mijn/samenspraak/) for a person who did one thing of each kind
and for one who did thousands, against the home page, on PostgreSQL.

What it does, in order (only 127.0.0.1 traffic, every step bounded):

1. drops and creates a fresh PostgreSQL database (default `samenspraak_bench_mine` on
   127.0.0.1:5432, user postgres) and migrates it;
2. creates one municipality and, for two residents, input (half answered), supports, comments,
   follows (with news), budget proposals, register rows (half with a published result) and
   filled-in surveys: `--few` of each for the first (default 1), `--many` of each for the second
   (default 2,000), with the real models in batches;
3. asks each page through Django's test client (in this process, no web server) once to warm the
   caches, then `--requests` times (default 40), and prints per page the number of queries, the
   median and 95th percentile in ms, and the ratio to the home page; writes JSON to
   benchmarks/results/mine_page.json. The database is dropped at the end (`--keep` keeps it).

This is a script that prints numbers, never a timed test:
`.venv/bin/python benchmarks/mine_page.py --help`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "mine_page.json"
sys.path.insert(0, str(ROOT))

from benchmarks.consultation_pages import drop_database, recreate_database  # noqa: E402


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-name", default="samenspraak_bench_mine")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help="server to create the benchmark database on (no database name)",
    )
    parser.add_argument("--few", type=int, default=1, help="things of each kind, first person")
    parser.add_argument("--many", type=int, default=2_000, help="things of each kind, second")
    parser.add_argument("--requests", type=int, default=40, help="per page")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args(argv)


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["SAMENSPRAAK_RATE_LIMIT"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspraak.conf.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def seed_person(user, n: int, municipality, other) -> None:
    """`n` things of each kind for `user`, in a few bulk inserts per kind."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from samenspraak.budgeting.models import Budget, BudgetProject, BudgetResult, VoterRegister
    from samenspraak.consultation.models import Input, OfficialAnswer, Support
    from samenspraak.dialogue.models import Comment
    from samenspraak.information.models import Follow, Update
    from samenspraak.processes.models import Phase, Process
    from samenspraak.surveys.models import Response, Survey

    now = timezone.now()
    day = datetime.timedelta(days=1)
    tag = f"{user.pk}"

    def process(i, kind, **phase):
        item = Process.objects.create(
            municipality=municipality,
            title=f"Proces {tag}-{i}",
            slug=f"proces-{tag}-{i}",
            summary="Wat wilt u?",
            goal="Weten wat inwoners belangrijk vinden.",
            commitment="Wij reageren op elke inbreng.",
            commitment_owner="Het college",
            decision_maker="De gemeenteraad",
            status="published",
            published_at=now,
        )
        phases = [
            Phase.objects.create(
                process=item,
                kind=kind,
                title="Fase",
                starts_at=phase.get("starts", now - day),
                ends_at=phase.get("ends", now + 7 * day),
            )
        ]
        return item, phases

    collect_process, [collect] = process("inbreng", "consultation.collect")
    inputs = Input.objects.bulk_create(
        Input(
            process=collect_process,
            phase=collect,
            author=user,
            title=f"Idee {i}",
            body="Meer bankjes op het plein, in de schaduw.",
            due_date=now.date() + 21 * day,
            created_at=now - i * datetime.timedelta(minutes=1),
        )
        for i in range(n)
    )
    OfficialAnswer.objects.bulk_create(
        OfficialAnswer(
            input=item, body="Dank u wel.", outcome="adopted", reason="Past.", published_at=now
        )
        for item in inputs[::2]
    )
    others = Input.objects.bulk_create(
        Input(
            process=collect_process,
            phase=collect,
            author=other,
            title=f"Idee van een ander {i}",
            body="Een fietsenstalling onder de grond.",
            due_date=now.date() + 21 * day,
            created_at=now,
        )
        for i in range(n)
    )
    Support.objects.bulk_create(Support(input=item, user=user) for item in others)
    input_type = ContentType.objects.get_for_model(Input)
    Comment.objects.bulk_create(
        Comment(content_type=input_type, object_id=item.pk, author=user, body="Goed idee.")
        for item in others
    )
    followed = [process(f"volg-{i}", "processes.inform")[0] for i in range(min(n, 200))]
    Follow.objects.bulk_create(Follow(user=user, process=item) for item in followed)
    Update.objects.bulk_create(
        Update(process=item, title="Het ontwerp is klaar", body="Bekijk het.") for item in followed
    )
    budget_process, _ = process(
        "budget", "budgeting.propose", starts=now - 30 * day, ends=now - 20 * day
    )
    Phase.objects.create(
        process=budget_process,
        kind="budgeting.vote",
        title="Stemmen",
        starts_at=now - 9 * day,
        ends_at=now - 2 * day,
    )
    propose = budget_process.phases.get(kind="budgeting.propose")
    budgets = Budget.objects.bulk_create(
        Budget(
            process=budget_process,
            title=f"Budget {i}",
            amount=Decimal("100000"),
            ballot_type="approval",
        )
        for i in range(min(n, 200))
    )
    proposal_inputs = Input.objects.bulk_create(
        Input(
            process=budget_process,
            phase=propose,
            author=user,
            title=f"Project {i}",
            body="Een moestuin bij school.",
            due_date=now.date() + 21 * day,
            created_at=now,
        )
        for i in range(n)
    )
    projects = BudgetProject.objects.bulk_create(
        BudgetProject(
            budget=budgets[i % len(budgets)],
            input=item,
            estimated_cost=Decimal("5000"),
            final_cost=Decimal("5000"),
            feasibility="feasible",
        )
        for i, item in enumerate(proposal_inputs)
    )
    VoterRegister.objects.bulk_create(
        VoterRegister(budget=budget, user=user, channel="online", voted_on=now.date())
        for budget in budgets
    )
    BudgetResult.objects.bulk_create(
        BudgetResult(
            budget=budget,
            rule=budget.rule,
            selected=[p.pk for p in projects if p.budget_id == budget.pk][:1],
            tally={
                "projects": {str(p.pk): {"votes": 3} for p in projects if p.budget_id == budget.pk}
            },
            ballots=3,
            computed_at=now,
            published_at=now,
        )
        for budget in budgets[::2]
    )
    survey_process, [survey_phase] = process("enquete", "surveys.respond")
    surveys = [Survey.objects.create(process=survey_process, phase=survey_phase, title="Enquête")]
    for i in range(1, min(n, 200)):
        item, [phase] = process(f"enquete-{i}", "surveys.respond")
        surveys.append(Survey.objects.create(process=item, phase=phase, title=f"Enquête {i}"))
    Response.objects.bulk_create(Response(survey=survey, respondent=user) for survey in surveys)


def measure(client, url: str, requests: int) -> dict:
    from django.db import connection

    response = client.get(url)  # warm-up: caches, templates
    assert response.status_code == 200, (url, response.status_code)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "queries": len(queries),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        "bytes": len(response.content),
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    url = recreate_database(args.pg_url, args.db_name)
    try:
        setup_django(url)
        from django.core.management import call_command
        from django.test import Client

        from samenspraak.accounts.models import User
        from samenspraak.organisations.models import Municipality

        started = time.monotonic()
        call_command("migrate", verbosity=0, interactive=False)
        municipality = Municipality.objects.create(name="Voorbeeldstad", slug="voorbeeldstad")
        other = User.objects.create_user(email="ander@example.org")
        few = User.objects.create_user(email="weinig@example.org")
        many = User.objects.create_user(email="veel@example.org")
        seed_person(few, args.few, municipality, other)
        seed_person(many, args.many, municipality, other)
        seeded_s = round(time.monotonic() - started, 1)

        rows = {}
        client = Client()
        client.force_login(few)
        rows["home page"] = measure(client, "/", args.requests)
        rows["Mijn account"] = measure(client, "/mijn/", args.requests)
        rows[f"Mijn Samenspraak, {args.few} of each"] = measure(
            client, "/mijn/samenspraak/", args.requests
        )
        client.force_login(many)
        rows[f"Mijn Samenspraak, {args.many} of each"] = measure(
            client, "/mijn/samenspraak/", args.requests
        )
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(args.pg_url, args.db_name)

    home = rows["home page"]["median_ms"]
    print(f"seeded and migrated in {seeded_s} s; {args.requests} requests per page, one client")
    print(f"{'page':<36} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'x home':>7} {'kB':>6}")
    for name, row in rows.items():
        ratio = row["median_ms"] / home if home else 0
        row["ratio_to_home"] = round(ratio, 2)
        print(
            f"{name:<36} {row['queries']:>7} {row['median_ms']:>10} {row['p95_ms']:>8}"
            f" {ratio:>7.2f} {row['bytes'] // 1024:>6}"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "machine": platform.platform(),
                "args": vars(args),
                "pages": rows,
            },
            indent=2,
        )
        + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
