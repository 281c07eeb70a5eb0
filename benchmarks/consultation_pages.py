"""Benchmark: the process page and the input list under load, served by gunicorn on PostgreSQL.

What it does, in order (every step bounded in count and time; only 127.0.0.1 traffic):

1. drops and creates a fresh PostgreSQL database (default `samenspraak_bench` on 127.0.0.1:5432,
   user postgres) and migrates it;
2. bulk-creates one municipality with a wijk and a buurt, a published process (in the buurt)
   with a running `consultation.collect` phase, ~20,000 residents, 10,000 inputs (a quarter of
   them in the buurt), 100,000 supports (one per resident per input), official answers for a
   share of the inputs, and a second process with a budget of `--projects` projects — with the
   real models, in batches;
3. starts gunicorn (2 workers) on a free port with DATABASE_URL pointing at that database and
   SAMENSPRAAK_RATE_LIMIT="" (the pages measured are GETs anyway);
4. measures each URL with 20 concurrent keep-alive clients (threads + http.client) for at most
   `--requests` requests or `--seconds` seconds, whichever comes first, after a short warm-up;
   then 50 requests from one client alone ("alone ms": the time without queueing);
5. prints a table (requests, errors, median and 95th percentile latency in ms, requests per second)
   and each page's ratio to the home page measured right beside it (the machine's load drifts):
   "alone x" (single-client median / home's, one client asking for the two in turn) and
   "load x" (home's requests per second just before / the page's, under `--clients`); the goal
   is at most 2.0 for both; writes JSON to benchmarks/results/consultation_pages.json.

The load comes from a thread pool of `--clients` keep-alive http.client connections against a
real gunicorn this script starts (not wrk). `--keep-db` leaves the data for profiling, and
`--reuse-db` measures again on it without seeding (repeat runs: `--rounds N`).

This is a script that prints numbers, never a timed test. Run it with `make bench` or
`.venv/bin/python benchmarks/consultation_pages.py --help`.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import local_gunicorn  # noqa: E402 (scripts/local_gunicorn.py: start and stop gunicorn)

RESULTS = ROOT / "benchmarks" / "results" / "consultation_pages.json"
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
SERIAL_REQUESTS = 50
#: One of these is in the title of each input: a search for one finds a tenth of them.
THEMES = (
    "speeltuin",
    "fietsenstalling",
    "waterpartij",
    "terras",
    "markt",
    "kunstwerk",
    "verlichting",
    "toiletten",
    "podium",
    "moestuin",
)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-name", default="samenspraak_bench")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help="server to create the benchmark database on (no database name)",
    )
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--supports", type=int, default=100_000)
    parser.add_argument("--answered-share", type=float, default=0.6)
    parser.add_argument("--projects", type=int, default=150, help="projects in the budget")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2_000, help="per URL, at most")
    parser.add_argument("--seconds", type=float, default=20.0, help="per URL, at most")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--keep-db", action="store_true", help="leave the database for inspection afterwards"
    )
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="measure on a database a previous --keep-db run left (no seeding; implies --keep-db)",
    )
    parser.add_argument("--seed-only", action="store_true", help="seed, keep the database, stop")
    parser.add_argument(
        "--rounds", type=int, default=1, help="measure every page this often (ratios per round)"
    )
    parser.add_argument(
        "--only",
        default="",
        help="measure only the pages whose label contains one of these (comma-separated; the "
        "home page is always kept)",
    )
    return parser.parse_args(argv)


# --- 1. the database --------------------------------------------------------------------------


def recreate_database(pg_url: str, name: str) -> str:
    import psycopg
    from psycopg import sql

    if not name.replace("_", "").isalnum():
        raise SystemExit(f"Refusing odd database name {name!r}")
    try:
        conn = psycopg.connect(f"{pg_url}/postgres", autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"This benchmark needs PostgreSQL at {pg_url} (set BENCH_POSTGRES_URL): {error}"
        ) from error
    with conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"{pg_url}/{name}"


def drop_database(pg_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{pg_url}/postgres", autocommit=True, connect_timeout=10) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def cache_prefix(database_url: str) -> str:
    """A cache namespace of this benchmark's own: its server must not read (or write) what a
    developer's server or test run keeps in the same Redis, such as the current municipality."""
    return "bench-" + database_url.rsplit("/", 1)[-1]


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["CACHE_KEY_PREFIX"] = cache_prefix(database_url)
    os.environ["SAMENSPRAAK_RATE_LIMIT"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspraak.conf.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


# --- 2. the data ------------------------------------------------------------------------------


def seed(args: argparse.Namespace) -> dict:
    """Bulk-create the data set with the real models; returns what the measurements need."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from samenspraak.accounts.models import Role, User
    from samenspraak.organisations.models import Municipality
    from samenspraak.processes.models import (
        ParticipationLevel,
        Phase,
        PolicyPhase,
        Process,
        ProcessStatus,
    )

    rng = random.Random(args.seed)
    timings = {}
    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    timings["migrate_s"] = round(time.monotonic() - started, 1)

    started = time.monotonic()
    now = timezone.now()
    unusable = make_password(None)  # no hashing: an unusable password costs nothing
    municipality = Municipality.objects.create(
        name="Voorbeeldstad", slug="voorbeeldstad", cbs_code="GM9999"
    )
    process = Process.objects.create(
        municipality=municipality,
        title="Ideeën voor het Stationsplein",
        slug="stationsplein",
        summary="Wat wilt u op het nieuwe Stationsplein?",
        goal="We willen weten wat inwoners belangrijk vinden voor het nieuwe plein.",
        level=ParticipationLevel.CONSULT,
        commitment="Het college gebruikt de inbreng bij het ontwerp en reageert op elke inbreng.",
        commitment_owner="Het college van B&W",
        decision_maker="De gemeenteraad",
        policy_phase=PolicyPhase.POLICY_MAKING,
        status=ProcessStatus.PUBLISHED,
        published_at=now - datetime.timedelta(days=30),
    )
    phase = Phase.objects.create(
        process=process,
        kind="consultation.collect",
        title="Ideeën verzamelen",
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=30),
        order=1,
    )
    Phase.objects.create(
        process=process,
        kind="processes.decide",
        title="Besluit",
        starts_at=now + datetime.timedelta(days=31),
        ends_at=now + datetime.timedelta(days=60),
        order=2,
    )
    staff = User.objects.create(
        email="procesbegeleider@bench.invalid",
        display_name="Procesbegeleider",
        role=Role.PROCESS_MANAGER,
        password=unusable,
    )
    residents = User.objects.bulk_create(
        (
            User(
                email=f"inwoner{i}@bench.invalid",
                display_name=f"Inwoner {i}",
                role=Role.RESIDENT,
                password=unusable,  # nobody logs in as these
            )
            for i in range(args.residents)
        ),
        batch_size=5_000,
    )
    timings["people_s"] = round(time.monotonic() - started, 1)

    district, neighbourhood = seed_areas(municipality)
    process.areas.add(neighbourhood)
    counts = seed_consultation(args, rng, now, process, phase, residents, staff, timings)
    started = time.monotonic()
    from samenspraak.consultation.models import Input as InputModel

    # A quarter of the inputs is placed in the buurt (the area filter and area pages see them).
    in_area = InputModel.objects.filter(process=process).order_by("pk").values_list("pk", flat=True)
    InputModel.objects.filter(pk__in=list(in_area)[::4]).update(area=neighbourhood)
    counts["projects"] = seed_budget(args, rng, now, municipality, district, residents)
    timings["areas_budget_s"] = round(time.monotonic() - started, 1)
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum does on a live server soon after a bulk load: statistics for the
        # planner and the visibility map that lets index-only scans skip the table.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {"timings": timings, "counts": {"residents": len(residents), **counts}}


def seed_areas(municipality):
    """A wijk with one buurt (the process runs in the buurt; the wijk page shows it too)."""
    from samenspraak.organisations.models import Area, AreaKind

    district = Area.objects.create(
        municipality=municipality, kind=AreaKind.DISTRICT, name="Centrum", slug="centrum"
    )
    neighbourhood = Area.objects.create(
        municipality=municipality,
        parent=district,
        kind=AreaKind.NEIGHBOURHOOD,
        name="Stationsbuurt",
        slug="stationsbuurt",
    )
    return district, neighbourhood


def seed_budget(args, rng, now, municipality, district, residents) -> int:
    """A second published process whose proposal phase runs, with one budget for the wijk and
    `args.projects` reviewed projects (each an Input with its support count)."""
    from decimal import Decimal

    from samenspraak.budgeting.models import BallotType, Budget, BudgetProject, Feasibility
    from samenspraak.consultation.models import Input as InputModel
    from samenspraak.processes.models import ParticipationLevel, Phase, Process, ProcessStatus

    process = Process.objects.create(
        municipality=municipality,
        title="Buurtbudget Centrum",
        slug="buurtbudget-centrum",
        summary="Bedenk en kies projecten voor de wijk.",
        goal="Inwoners bepalen samen waar 150.000 euro aan wordt besteed.",
        level=ParticipationLevel.CO_DECIDE,
        commitment="Het college voert de gekozen projecten uit.",
        status=ProcessStatus.PUBLISHED,
        published_at=now - datetime.timedelta(days=30),
    )
    process.areas.add(district)
    phase = Phase.objects.create(
        process=process,
        kind="budgeting.propose",
        title="Projecten voorstellen",
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=30),
        order=1,
    )
    budget = Budget.objects.create(
        process=process,
        title="Buurtbudget Centrum 2027",
        area=district,
        amount=Decimal("150000"),
        ballot_type=BallotType.APPROVAL,
        support_threshold=25,
    )
    inputs = InputModel.objects.bulk_create(
        InputModel(
            process=process,
            phase=phase,
            author=residents[rng.randrange(len(residents))],
            title=f"Project {i}: een speeltuin bij de fontein",
            body="Een plek om te spelen en elkaar te ontmoeten, met bankjes en groen.",
            # Most projects have a place (the budget page's map view draws them).
            latitude=52.08 + rng.random() * 0.01 if i % 5 else None,
            longitude=5.10 + rng.random() * 0.02 if i % 5 else None,
            place_name=f"Straat {i % 40}, Voorbeeldstad" if i % 5 and i % 2 else "",
            due_date=(now + datetime.timedelta(days=21)).date(),
            support_count=rng.randint(0, 60),
            created_at=now - datetime.timedelta(days=20, seconds=i),
        )
        for i in range(args.projects)
    )
    BudgetProject.objects.bulk_create(
        BudgetProject(
            budget=budget,
            input=item,
            estimated_cost=Decimal(rng.randrange(2_000, 40_000, 500)),
            final_cost=None,
            feasibility=Feasibility.FEASIBLE,
        )
        for item in inputs
    )
    return len(inputs)


def seed_consultation(args, rng, now, process, phase, residents, staff, timings) -> dict:
    """Inputs with a skewed support distribution (a few popular ones, a long tail), exactly
    `args.supports` supports (one per resident per input, as the constraint demands) with
    `support_count` matching them, and official answers for `args.answered_share` of the inputs
    (some overdue, some still in progress)."""
    from samenspraak.consultation.models import (
        Channel,
        InputStatus,
        OfficialAnswer,
        Outcome,
        Support,
    )
    from samenspraak.consultation.models import Input as InputModel

    started = time.monotonic()
    n_inputs, n_residents = args.inputs, len(residents)
    if args.supports > n_inputs * n_residents:
        raise SystemExit("More supports asked for than there are (input, resident) pairs")
    # Zipf-like weights: input i gets weight 1/(i+10); shuffled so popularity is not by age.
    weights = [1.0 / (rank + 10) for rank in range(n_inputs)]
    rng.shuffle(weights)
    supporters: list[set[int]] = [set() for _ in range(n_inputs)]
    chosen_inputs = rng.choices(range(n_inputs), weights=weights, k=args.supports)
    total = 0
    for index in chosen_inputs:
        # A popular input can run out of fresh residents: then the next input takes the support.
        for attempt in range(n_inputs):
            target = (index + attempt) % n_inputs
            if len(supporters[target]) < n_residents:
                break
        bucket = supporters[target]
        for _ in range(1000):  # bounded; a free resident is found quickly while buckets are small
            resident = rng.randrange(n_residents)
            if resident not in bucket:
                bucket.add(resident)
                total += 1
                break
        else:
            free = next(r for r in range(n_residents) if r not in bucket)
            bucket.add(free)
            total += 1

    channels = [Channel.ONLINE] * 8 + [Channel.PAPER, Channel.MEETING]
    outcomes = list(Outcome.values)
    inputs = []
    for i in range(n_inputs):
        created = now - datetime.timedelta(days=29 * (n_inputs - i) / n_inputs, seconds=i)
        channel = rng.choice(channels)
        answered = rng.random() < args.answered_share
        in_progress = not answered and rng.random() < 0.3
        # Six in ten have a place (the map view draws them); half of those a street name.
        placed = rng.random() < 0.6
        inputs.append(
            InputModel(
                process=process,
                phase=phase,
                author=None if channel != Channel.ONLINE else residents[rng.randrange(n_residents)],
                submitter_name="" if channel == Channel.ONLINE else f"Mevrouw Jansen {i}",
                channel=channel,
                received_on=created.date() if channel != Channel.ONLINE else None,
                registered_by=staff if channel != Channel.ONLINE else None,
                # "fontein" is in every input (the worst case for search), one theme in a tenth.
                title=f"Idee {i}: {THEMES[i % len(THEMES)]} en bankjes bij de fontein",
                body=(
                    "Het plein is nu vooral stenen. Ik zou graag meer bomen, bankjes in de "
                    "schaduw en een plek voor kinderen zien. " * rng.randint(1, 4)
                ),
                status=InputStatus.ANSWERED
                if answered
                else (InputStatus.IN_PROGRESS if in_progress else InputStatus.SUBMITTED),
                owner=staff if (answered or in_progress) else None,
                due_date=(created + datetime.timedelta(days=process.answer_days)).date(),
                support_count=len(supporters[i]),
                latitude=52.08 + rng.random() * 0.01 if placed else None,
                longitude=5.10 + rng.random() * 0.02 if placed else None,
                place_name=f"Straat {i % 40}, Voorbeeldstad" if placed and i % 2 else "",
                created_at=created,
                answered_at=created + datetime.timedelta(days=rng.randint(1, 30))
                if answered
                else None,
            )
        )
    inputs = InputModel.objects.bulk_create(inputs, batch_size=2_000)
    timings["inputs_s"] = round(time.monotonic() - started, 1)

    started = time.monotonic()
    batch: list = []
    for index, bucket in enumerate(supporters):
        for resident in bucket:
            batch.append(Support(input_id=inputs[index].pk, user_id=residents[resident].pk))
            if len(batch) >= 10_000:
                Support.objects.bulk_create(batch, batch_size=10_000)
                batch = []
    Support.objects.bulk_create(batch, batch_size=10_000)
    timings["supports_s"] = round(time.monotonic() - started, 1)

    started = time.monotonic()
    answers = [
        OfficialAnswer(
            input=item,
            body="Dank u wel voor uw idee. We nemen het mee in het ontwerp van het plein.",
            outcome=rng.choice(outcomes),
            reason="Er is ruimte voor bomen en bankjes binnen het budget.",
            answered_by=staff,
            published_at=item.answered_at,
        )
        for item in inputs
        if item.status == InputStatus.ANSWERED
    ]
    OfficialAnswer.objects.bulk_create(answers, batch_size=5_000)
    timings["answers_s"] = round(time.monotonic() - started, 1)
    return {"inputs": len(inputs), "supports": total, "answers": len(answers)}


# --- 3. gunicorn ------------------------------------------------------------------------------


def start_gunicorn(database_url: str, workers: int) -> tuple[subprocess.Popen, int]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CACHE_KEY_PREFIX": cache_prefix(database_url),
        "SAMENSPRAAK_RATE_LIMIT": "",
        "DJANGO_SETTINGS_MODULE": "samenspraak.conf.settings",
        "DJANGO_DEBUG": "0",
        # One connection per worker for the whole run, as production would configure it.
        "DATABASE_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
        # This checkout's code, even if the venv's editable install points elsewhere.
        "PYTHONPATH": str(ROOT / "src"),
    }
    return local_gunicorn.start(env, workers=workers, options=("--timeout", "60"))


stop_gunicorn = local_gunicorn.stop


# --- 4. the load ------------------------------------------------------------------------------


def measure(port: int, path: str, clients: int, max_requests: int, max_seconds: float) -> dict:
    """`clients` threads, each with one keep-alive connection, share a budget of requests."""
    lock = threading.Lock()
    budget = {"left": max_requests}
    latencies: list[float] = []
    errors: list[str] = []
    statuses: dict[int, int] = {}
    sizes: list[int] = []
    deadline = time.monotonic() + max_seconds

    def take() -> bool:
        with lock:
            if budget["left"] <= 0 or time.monotonic() >= deadline:
                return False
            budget["left"] -= 1
            return True

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        while take():
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Language": "nl"})
                response = conn.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
                with lock:
                    statuses[response.status] = statuses.get(response.status, 0) + 1
                    if response.status == 200:
                        latencies.append(elapsed)
                        sizes.append(len(body))
                    else:
                        errors.append(f"HTTP {response.status}")
                if response.will_close:
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=30)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(type(error).__name__)
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
        conn.close()

    # Warm-up: every worker has loaded its templates and opened its connection.
    for _ in range(10):
        warm = http.client.HTTPConnection(HOST, port, timeout=30)
        warm.request("GET", path)
        warm.getresponse().read()
        warm.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max_seconds + 60)
    wall = time.perf_counter() - started

    done = len(latencies) + len(errors)
    ordered = sorted(latencies)
    return {
        "path": path,
        "requests": done,
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
        "median_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1)
        if ordered
        else None,
        "max_ms": round(ordered[-1] * 1000, 1) if ordered else None,
        "requests_per_second": round(done / wall, 1) if wall else None,
        "seconds": round(wall, 1),
        "response_kb": round(statistics.median(sizes) / 1024, 1) if sizes else None,
    }


def urls_to_measure() -> list[tuple[str, str]]:
    """(label, path) for each page measured, found in the seeded database; the paths come from
    the apps' URL names."""
    from django.urls import reverse
    from django.utils import translation

    from samenspraak.budgeting.models import Budget
    from samenspraak.consultation.models import Input as InputModel
    from samenspraak.consultation.views import PAGE_SIZE
    from samenspraak.processes.models import Process

    process = Process.objects.get(slug="stationsplein")
    inputs = InputModel.objects.filter(process=process)
    popular = inputs.order_by("-support_count", "pk").first()
    budget = Budget.objects.select_related("process").get()
    with translation.override("nl"):
        process_page = reverse("processes:process_detail", args=[process.slug])
        input_list = reverse("consultation:input_list", args=[process.slug])
        input_detail = reverse("consultation:input_detail", args=[process.slug, popular.pk])
        area_page = reverse("organisations:area_detail", args=["centrum"])
        budget_page = reverse("budgeting:budget_detail", args=[budget.process.slug, budget.pk])
        search = reverse("search:search")
    # A page in the middle of the list: the database has to skip half the inputs to reach it.
    later = max(1, inputs.count() // PAGE_SIZE // 2)
    return [
        ("home page (baseline)", "/"),
        ("process page", process_page),
        ("input list, newest, p. 1", input_list),
        ("input list, most supported, p. 1", f"{input_list}?sort=support"),
        (f"input list, most supported, p. {later}", f"{input_list}?sort=support&pagina={later}"),
        ("input list as a map (<=500 dots)", f"{input_list}?weergave=kaart"),
        ("input detail, most supported", input_detail),
        ("area page (wijk)", area_page),
        (f"budget page ({budget.projects.count()} projects)", budget_page),
        ("budget page as a map", f"{budget_page}?weergave=kaart"),
        ("search, word in every input", f"{search}?q=fontein"),
        ("search, word in a tenth of them", f"{search}?q=podium"),
        ("search, word in none", f"{search}?q=stationsplein"),
        ("search, inputs only, p. 2", f"{search}?q=fontein&groep=consultation-inputs&pagina=2"),
    ]


# --- 5. report --------------------------------------------------------------------------------


def add_ratios(results: list[dict]) -> None:
    """Each page against the home page measured right beside it (the machine's load drifts):
    "alone_x" is the page's single-client median over home's, with the two requested in turn
    by one client; "load_x" is home's requests per second, measured just before the page,
    over the page's (both: lower is better, 2.0 is the goal)."""
    for row in results:
        alone, home_alone = row["single_client_median_ms"], row["home_single_client_median_ms"]
        rps, home_rps = row["requests_per_second"], row["home_requests_per_second"]
        row["alone_x"] = round(alone / home_alone, 2) if alone and home_alone else None
        row["load_x"] = round(home_rps / rps, 2) if rps and home_rps else None


def measure_alone_in_turn(
    port: int, paths: tuple[str, str], requests: int, max_seconds: float
) -> list[float | None]:
    """One client requests the two paths in turn, `requests` times each or for `max_seconds`:
    their medians in ms, taken under the same load of the machine."""
    timings: list[list[float]] = [[], []]
    deadline = time.monotonic() + max_seconds
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        for _ in range(requests):
            if time.monotonic() >= deadline:
                break
            for index, path in enumerate(paths):
                started = time.perf_counter()
                conn.request("GET", path, headers={"Accept-Language": "nl"})
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    timings[index].append(time.perf_counter() - started)
                if response.will_close:
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    finally:
        conn.close()
    return [round(statistics.median(t) * 1000, 1) if t else None for t in timings]


def print_table(results: list[dict]) -> None:
    header = (
        f"{'page':<38} {'requests':>8} {'errors':>6} {'median ms':>10} {'p95 ms':>8} "
        f"{'req/s':>7} {'alone ms':>9} {'alone x':>8} {'load x':>7}"
    )
    print(header)
    print("-" * len(header))
    for row in results:
        print(
            f"{row['label']:<38} {row['requests']:>8} {row['errors']:>6} "
            f"{row['median_ms'] or '-':>10} {row['p95_ms'] or '-':>8} "
            f"{row['requests_per_second'] or '-':>7} {row['single_client_median_ms'] or '-':>9} "
            f"{row['alone_x'] or '-':>8} {row['load_x'] or '-':>7}"
        )


def print_summary(rounds: list[list[dict]]) -> None:
    """The ratios of every round side by side, and the worst of them: stable numbers repeat."""
    print("\nRatios to the home page measured beside each page (alone x / load x; goal: <= 2.0)")
    labels = [row["label"] for row in rounds[0]]
    print(f"{'page':<38} " + " ".join(f"{'round ' + str(i + 1):>13}" for i in range(len(rounds))))
    for index, label in enumerate(labels[1:], start=1):
        cells = [f"{r[index]['alone_x']}/{r[index]['load_x']}" for r in rounds]
        print(f"{label:<38} " + " ".join(f"{cell:>13}" for cell in cells))
    worst_alone = max(row["alone_x"] or 0 for r in rounds for row in r[1:])
    worst_load = max(row["load_x"] or 0 for r in rounds for row in r[1:])
    print(f"Worst: alone {worst_alone}x, under load {worst_load}x the home page")


def measure_round(port: int, urls, args) -> list[dict]:
    """Every page under load and alone, each paired with the home page measured beside it."""
    results = []
    (_home_label, home), pages = urls[0], urls
    for label, path in pages:
        print(f"Measuring {label}: {path} …", flush=True)
        home_row = measure(port, home, args.clients, args.requests, args.seconds)
        row = measure(port, path, args.clients, args.requests, args.seconds)
        # One client alone: the time a request takes without queueing behind others.
        home_alone, alone = measure_alone_in_turn(port, (home, path), SERIAL_REQUESTS, args.seconds)
        row["single_client_median_ms"] = alone
        row["home_single_client_median_ms"] = home_alone
        row["home_requests_per_second"] = home_row["requests_per_second"]
        results.append({"label": label, **row})
    add_ratios(results)
    return results


def count_data() -> dict:
    from samenspraak.accounts.models import User
    from samenspraak.budgeting.models import BudgetProject
    from samenspraak.consultation.models import Input, OfficialAnswer, Support

    return {
        "residents": User.objects.count() - 1,
        "inputs": Input.objects.filter(process__slug="stationsplein").count(),
        "supports": Support.objects.count(),
        "answers": OfficialAnswer.objects.count(),
        "projects": BudgetProject.objects.count(),
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    keep = args.keep_db or args.reuse_db or args.seed_only
    if args.reuse_db:
        database_url = f"{args.pg_url}/{args.db_name}"
        setup_django(database_url)
        data = {"counts": count_data(), "timings": {}}
        print(f"Reusing database {args.db_name}: {data['counts']}", flush=True)
    else:
        print(f"Creating database {args.db_name} …", flush=True)
        database_url = recreate_database(args.pg_url, args.db_name)
        setup_django(database_url)
    rounds: list[list[dict]] = []
    try:
        if not args.reuse_db:
            print(
                f"Seeding {args.residents} residents, {args.inputs} inputs, "
                f"{args.supports} supports, {args.projects} projects …",
                flush=True,
            )
            data = seed(args)
            print(f"  done: {data['counts']} {data['timings']}", flush=True)
        if args.seed_only:
            print(f"Seeded; the database {args.db_name} is kept ({database_url}).")
            return 0
        from django.db import connections

        urls = [
            (label, path)
            for index, (label, path) in enumerate(urls_to_measure())
            if index == 0 or any(part in label for part in args.only.split(","))
        ]
        connections.close_all()
        server, port = start_gunicorn(database_url, args.workers)
        try:
            for number in range(args.rounds):
                print(f"Round {number + 1} of {args.rounds}", flush=True)
                rounds.append(measure_round(port, urls, args))
        finally:
            stop_gunicorn(server)
    finally:
        if not keep:
            from django.db import connections

            connections.close_all()
            drop_database(args.pg_url, args.db_name)

    for number, results in enumerate(rounds, start=1):
        print(f"\nRound {number}")
        print_table(results)
    print_summary(rounds)
    report = {
        "benchmark": "consultation_pages",
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            # Other work on the machine skews the numbers: the 1-minute load when we finished.
            "load_average_1m": round(os.getloadavg()[0], 2),
        },
        "settings": {
            "clients": args.clients,
            "load_generator": "thread pool of keep-alive http.client connections",
            "max_requests_per_url": args.requests,
            "max_seconds_per_url": args.seconds,
            "gunicorn_workers": args.workers,
            "only": args.only,
            "database": "postgresql",
        },
        "data": data["counts"],
        "seed_timings": data["timings"],
        "rounds": rounds,
        "results": rounds[-1],
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {args.output}")
    return 1 if any(row["errors"] for results in rounds for row in results) else 0


if __name__ == "__main__":
    sys.exit(main())
