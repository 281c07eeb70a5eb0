"""Benchmark: the process page and the input list under load, served by gunicorn on PostgreSQL.

What it does, in order (every step bounded in count and time; only 127.0.0.1 traffic):

1. drops and creates a fresh PostgreSQL database (default `samenspraak_bench` on 127.0.0.1:5432,
   user postgres) and migrates it;
2. bulk-creates one municipality, a published process with a running `consultation.collect`
   phase, ~20,000 residents, 10,000 inputs, 100,000 supports (one per resident per input) and
   official answers for a share of the inputs — with the real models, in batches;
3. starts gunicorn (2 workers) on a free port with DATABASE_URL pointing at that database and
   SAMENSPRAAK_RATE_LIMIT="" (the pages measured are GETs anyway);
4. measures each URL with 20 concurrent keep-alive clients (threads + http.client) for at most
   `--requests` requests or `--seconds` seconds, whichever comes first, after a short warm-up;
   then 50 requests from one client alone ("alone ms": the time without queueing);
5. prints a table (requests, errors, median and 95th percentile latency in ms, requests per second)
   and writes JSON to benchmarks/results/consultation_pages.json.

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
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "consultation_pages.json"
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
SERIAL_REQUESTS = 50


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
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2_000, help="per URL, at most")
    parser.add_argument("--seconds", type=float, default=20.0, help="per URL, at most")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--keep-db", action="store_true", help="leave the database for inspection afterwards"
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


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
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

    counts = seed_consultation(args, rng, now, process, phase, residents, staff, timings)
    return {
        "process": process,
        "phase": phase,
        "timings": timings,
        "counts": {"residents": len(residents), **counts},
    }


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
                title=f"Idee {i}: meer groen en bankjes bij de fontein",
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

    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"inputs": len(inputs), "supports": total, "answers": len(answers)}


# --- 3. gunicorn ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(database_url: str, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SAMENSPRAAK_RATE_LIMIT": "",
        "DJANGO_SETTINGS_MODULE": "samenspraak.conf.settings",
        "DJANGO_DEBUG": "0",
        # One connection per worker for the whole run, as production would configure it.
        "DATABASE_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
        # This checkout's code, even if the venv's editable install points elsewhere.
        "PYTHONPATH": str(ROOT / "src"),
    }
    server = subprocess.Popen(  # noqa: S603 (our own venv's gunicorn, fixed arguments)
        [
            str(VENV_BIN / "gunicorn"),
            "samenspraak.conf.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with exit code {server.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/")
            conn.getresponse().read()
            conn.close()
            return server, port
        except OSError:
            time.sleep(0.3)
    stop_gunicorn(server)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


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


def urls_to_measure(process, inputs: int) -> list[tuple[str, str]]:
    """(label, path) for each page measured; the paths come from the apps' URL names."""
    from django.urls import reverse
    from django.utils import translation

    from samenspraak.consultation.views import PAGE_SIZE

    with translation.override("nl"):
        process_page = reverse("processes:process_detail", args=[process.slug])
        input_list = reverse("consultation:input_list", args=[process.slug])
    # A page in the middle of the list: the database has to skip half the inputs to reach it.
    later = max(1, inputs // PAGE_SIZE // 2)
    return [
        ("home page (baseline)", "/"),
        ("process page", process_page),
        ("input list, most supported, p. 1", f"{input_list}?sort=support"),
        (f"input list, most supported, p. {later}", f"{input_list}?sort=support&pagina={later}"),
        ("input list as a map (<=500 dots)", f"{input_list}?weergave=kaart"),
    ]


# --- 5. report --------------------------------------------------------------------------------


def print_table(results: list[dict]) -> None:
    header = (
        f"{'page':<34} {'requests':>8} {'errors':>6} {'median ms':>10} {'p95 ms':>8} "
        f"{'req/s':>8} {'alone ms':>9}"
    )
    print(header)
    print("-" * len(header))
    for row in results:
        print(
            f"{row['label']:<34} {row['requests']:>8} {row['errors']:>6} "
            f"{row['median_ms'] or '-':>10} {row['p95_ms'] or '-':>8} "
            f"{row['requests_per_second'] or '-':>8} {row['single_client_median_ms'] or '-':>9}"
        )


def main(argv=None) -> int:
    args = parse_args(argv)
    print(f"Creating database {args.db_name} …", flush=True)
    database_url = recreate_database(args.pg_url, args.db_name)
    setup_django(database_url)
    try:
        print(
            f"Seeding {args.residents} residents, {args.inputs} inputs, {args.supports} supports …",
            flush=True,
        )
        data = seed(args)
        print(f"  done: {data['counts']} {data['timings']}", flush=True)
        from django.db import connections

        connections.close_all()

        urls = urls_to_measure(data["process"], data["counts"].get("inputs", 0))
        server, port = start_gunicorn(database_url, args.workers)
        results = []
        try:
            for label, path in urls:
                print(f"Measuring {label}: {path} …", flush=True)
                row = measure(port, path, args.clients, args.requests, args.seconds)
                # One client alone: the time a request takes without queueing behind others.
                alone = measure(port, path, 1, SERIAL_REQUESTS, args.seconds / 2)
                row["single_client_median_ms"] = alone["median_ms"]
                results.append({"label": label, **row})
        finally:
            stop_gunicorn(server)
    finally:
        if not args.keep_db:
            from django.db import connections

            connections.close_all()
            drop_database(args.pg_url, args.db_name)

    print()
    print_table(results)
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
            "max_requests_per_url": args.requests,
            "max_seconds_per_url": args.seconds,
            "gunicorn_workers": args.workers,
            "database": "postgresql",
        },
        "data": data["counts"],
        "seed_timings": data["timings"],
        "results": results,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {args.output}")
    return 1 if any(row["errors"] for row in results) else 0


if __name__ == "__main__":
    sys.exit(main())
