"""Benchmark: casting ballots through the real HTTP path (gunicorn, PostgreSQL) under load,
next to the raw insert rate pgbench reaches on the same database in the same run.

What it does, in order (only 127.0.0.1 traffic, every step bounded):

1. drops and creates a fresh PostgreSQL database (default `samenspraak_vote_bench`) and
   migrates it (the helpers of benchmarks/consultation_pages.py);
2. seeds a published process with a running `budgeting.vote` phase, one approval budget with
   `--projects` feasible projects (at most 5 choices), `--residents` residents with a logged-in
   session each (session rows written up front, so no log-in traffic is measured) and
   `--codes` vote codes (the plain codes kept in memory only);
3. starts gunicorn (`--workers` sync workers) with SAMENSPRAAK_RATE_LIMIT="" (the setting
   that switches the generic POST rate limit off; only this benchmark uses it: 50 clients on
   one address would otherwise be throttled). The wrong-code limit is untouched: all codes here
   are valid;
4. `--clients` threads take voters from a shared queue. A voter is one GET of the ballot page
   (for the CSRF token) and one POST that casts the ballot ("Stem versturen"). A share
   (`--double-share`) of the voters submit twice at once, from two threads, with different
   choices: both POSTs are released by a barrier at the same moment;
5. verifies in the database: ballots == distinct voters with a successful POST, register rows
   == ballots, one ballot per account (by its voter key) and per used code, every code used at
   most once, every ballot has choices, and each double voter's ballot holds one of their two
   submissions;
6. runs pgbench on the same server and database for as long as the HTTP phase took, with
   `--clients` connections, each transaction inserting one ballot-like row (uuid), 5 choice rows
   and one register row;
7. prints a table and writes it to benchmarks/results/voting_load.md.

Run: `.venv/bin/python benchmarks/voting_load.py` (pgbench: `apt-get install postgresql-client`
or postgresql-contrib, whichever provides /usr/bin/pgbench on your system).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import os
import platform
import queue
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from consultation_pages import (  # noqa: E402
    HOST,
    drop_database,
    recreate_database,
    setup_django,
    start_gunicorn,
    stop_gunicorn,
)

RESULTS = ROOT / "benchmarks" / "results" / "voting_load.md"
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MAX_CHOICES = 5


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-name", default="samenspraak_vote_bench")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--residents", type=int, default=1000)
    parser.add_argument("--codes", type=int, default=300)
    parser.add_argument("--double-share", type=float, default=0.1)
    parser.add_argument(
        "--alone", type=int, default=30, help="extra voters cast one at a time after the load"
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args(argv)


# --- 2. the data ------------------------------------------------------------------------------


def seed(args) -> dict:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone, translation

    from samenspraak.accounts.models import Role, User
    from samenspraak.budgeting.models import BallotType, Budget, BudgetProject, Feasibility
    from samenspraak.budgeting.voting import codes
    from samenspraak.consultation.models import Input
    from samenspraak.organisations.models import Municipality
    from samenspraak.processes.models import (
        ParticipationLevel,
        Phase,
        PolicyPhase,
        Process,
        ProcessStatus,
    )

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    now = timezone.now()
    municipality = Municipality.objects.create(
        name="Voorbeeldstad", slug="voorbeeldstad", cbs_code="GM9999"
    )
    process = Process.objects.create(
        municipality=municipality,
        title="Buurtbudget Centrum",
        slug="buurtbudget",
        summary="Kies de projecten voor de buurt.",
        goal="Inwoners beslissen samen hoe het buurtbudget wordt besteed.",
        level=ParticipationLevel.CO_DECIDE
        if hasattr(ParticipationLevel, "CO_DECIDE")
        else ParticipationLevel.CONSULT,
        commitment="Het college voert de gekozen projecten uit.",
        commitment_owner="Het college van B&W",
        decision_maker="De inwoners",
        policy_phase=PolicyPhase.POLICY_MAKING,
        status=ProcessStatus.PUBLISHED,
        published_at=now - datetime.timedelta(days=60),
    )
    propose = Phase.objects.create(
        process=process,
        kind="budgeting.propose",
        title="Projecten voorstellen",
        starts_at=now - datetime.timedelta(days=60),
        ends_at=now - datetime.timedelta(days=30),
        order=1,
    )
    Phase.objects.create(
        process=process,
        kind="budgeting.vote",
        title="Stemmen",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=14),
        order=2,
    )
    budget = Budget.objects.create(
        process=process,
        title="Buurtbudget Centrum",
        amount=100_000,
        ballot_type=BallotType.APPROVAL,
        max_choices=MAX_CHOICES,
    )
    for i in range(args.projects):
        item = Input.objects.create(
            process=process,
            phase=propose,
            title=f"Project {i + 1}: bankjes en bomen",
            body="Een project voor de buurt, met een korte uitleg.",
            due_date=(now + datetime.timedelta(days=21)).date(),
            created_at=now - datetime.timedelta(days=45),
        )
        BudgetProject.objects.create(
            budget=budget,
            input=item,
            estimated_cost=5_000 + 1_000 * i,
            final_cost=5_000 + 1_000 * i,
            feasibility=Feasibility.FEASIBLE,
        )
    unusable = make_password(None)
    residents = User.objects.bulk_create(
        (
            User(
                email=f"stemmer{i}@bench.invalid",
                display_name=f"Stemmer {i}",
                role=Role.RESIDENT,
                password=unusable,
            )
            for i in range(args.residents + args.alone)
        ),
        batch_size=5_000,
    )
    store = SessionStore()
    expire = now + datetime.timedelta(days=1)
    sessions = []
    for user in residents:
        key = store._get_new_session_key()
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expire)
        )
    Session.objects.bulk_create(sessions, batch_size=5_000)
    _batch, letters = codes.generate_batch(
        budget=budget, label="Benchmark", created_by=None, count=args.codes
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    accounts = [("account", s.session_key, u.pk) for s, u in zip(sessions, residents, strict=True)]
    with translation.override("nl"):
        ballot_path = reverse("budgeting:ballot", args=[budget.pk])
        code_path = reverse("budgeting:vote_code", args=[budget.pk])
    return {
        "budget_pk": budget.pk,
        "project_pks": list(budget.projects.values_list("pk", flat=True)),
        "voters": accounts[: args.residents]
        + [("code", letter["code"], None) for letter in letters],
        "alone_voters": accounts[args.residents :],
        "ballot_path": ballot_path,
        "code_path": code_path,
        "seed_s": round(time.monotonic() - started, 1),
    }


# --- 4. the load ------------------------------------------------------------------------------


def _cookies(response) -> dict:
    jar = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _sep, rest = value.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def cast(port, voter, choices, barrier=None) -> tuple[int, float, str]:
    """GET the form, (wait for the twin,) POST the ballot. (status, POST seconds, detail)."""
    kind, secret, _user = voter
    path = DATA["ballot_path"] if kind == "account" else DATA["code_path"]
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        cookies = {"sessionid": secret} if kind == "account" else {}
        headers = {
            "Accept-Language": "nl",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        }
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read().decode()
        if response.status != 200:
            return response.status, 0.0, "GET"
        cookies.update(_cookies(response))
        match = CSRF_RE.search(body)
        if not match:
            return 0, 0.0, "no csrf token"
        fields = [("csrfmiddlewaretoken", match.group(1)), ("confirm", "1")]
        fields += [("projects", str(pk)) for pk in choices]
        if kind == "code":
            fields.append(("code", secret))
        payload = urllib.parse.urlencode(fields)
        headers = {
            "Accept-Language": "nl",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        }
        if barrier is not None:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=30)
        started = time.perf_counter()
        conn.request("POST", path, body=payload, headers=headers)
        response = conn.getresponse()
        text = response.read().decode(errors="replace")
        elapsed = time.perf_counter() - started
        detail = ""
        if response.status == 200 and "al gestemd" in text:
            detail = "code already used"
        return response.status, elapsed, detail
    except (OSError, http.client.HTTPException) as error:
        return -1, 0.0, type(error).__name__
    finally:
        conn.close()


DATA: dict = {}


def run_load(port, args, rng) -> dict:
    """Every voter votes once; doubles submit twice at once. Returns what happened."""
    jobs: queue.Queue = queue.Queue()
    plan = []  # (voter, [choices per submission])
    projects = DATA["project_pks"]
    for voter in DATA["voters"]:
        n = 2 if rng.random() < args.double_share else 1
        plan.append((voter, [rng.sample(projects, rng.randint(1, MAX_CHOICES)) for _ in range(n)]))
    rng.shuffle(plan)
    for voter, submissions in plan:
        barrier = threading.Barrier(2) if len(submissions) == 2 else None
        for choices in submissions:  # the twins sit next to each other in the queue
            jobs.put((voter, choices, barrier))
    lock = threading.Lock()
    outcomes: list[tuple] = []

    def worker():
        while True:
            try:
                voter, choices, barrier = jobs.get_nowait()
            except queue.Empty:
                return
            status, seconds, detail = cast(port, voter, choices, barrier)
            with lock:
                outcomes.append((voter, tuple(sorted(choices)), status, seconds, detail))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=1800)
    wall = time.perf_counter() - started
    alone = []
    for voter in DATA["alone_voters"]:
        choices = rng.sample(projects, rng.randint(1, MAX_CHOICES))
        started = time.perf_counter()
        status, seconds, detail = cast(port, voter, choices)
        alone.append(time.perf_counter() - started)
        outcomes.append((voter, tuple(sorted(choices)), status, seconds, detail))
        plan.append((voter, [choices]))
    return {"plan": plan, "outcomes": outcomes, "wall": wall, "alone": alone}


# --- 5. verification --------------------------------------------------------------------------


def verify(load: dict) -> dict:
    from samenspraak.budgeting import voting
    from samenspraak.budgeting.models import Ballot, BallotChoice, Budget, VoteCode, VoterRegister
    from samenspraak.budgeting.voting import codes

    budget = Budget.objects.get(pk=DATA["budget_pk"])
    succeeded = {}
    problems = []
    for voter, choices, status, _seconds, detail in load["outcomes"]:
        if status == 302:
            succeeded.setdefault(voter, []).append(choices)
        elif not (status == 200 and detail == "code already used"):
            problems.append(f"{voter[0]} voter got HTTP {status} {detail}")
    ballots = Ballot.objects.filter(budget=budget).count()
    register = VoterRegister.objects.filter(budget=budget).count()
    register_users = VoterRegister.objects.filter(budget=budget, user__isnull=False)
    distinct_users = register_users.values("user").distinct().count()
    used_codes = VoteCode.objects.filter(batch__budget=budget, used_on__isnull=False).count()
    empty = Ballot.objects.filter(budget=budget, choices__isnull=True).count()
    account_voters = [v for v in succeeded if v[0] == "account"]
    code_voters = [v for v in succeeded if v[0] == "code"]
    doubles = {v for v, subs in load["plan"] if len(subs) == 2}
    lost = 0
    double_mismatch = 0
    keys = {voting.voter_key(budget, SimpleNamespace(pk=v[2])): v for v in account_voters}
    choices_by_key: dict[str, set] = {}
    for key, project in BallotChoice.objects.filter(
        ballot__budget=budget, ballot__voter_key__in=list(keys)
    ).values_list("ballot__voter_key", "project_id"):
        choices_by_key.setdefault(key, set()).add(project)
    for key, voter in keys.items():
        mine = choices_by_key.get(key)
        if mine is None:
            lost += 1
        elif voter in doubles and tuple(sorted(mine)) not in {
            tuple(sorted(c)) for c in succeeded[voter]
        }:
            double_mismatch += 1
    code_twice = sum(1 for v in code_voters if len(succeeded[v]) > 1)
    code_hashes = [codes.code_hash(codes.normalise(v[1])) for v in code_voters]
    unused_but_voted = VoteCode.objects.filter(
        code_hash__in=code_hashes, used_on__isnull=True
    ).count()
    expected = len(succeeded)
    checks = {
        "voters with a successful POST": expected,
        "ballots in the database": ballots,
        "register rows": register,
        "register rows with a user (distinct users)": (
            f"{register_users.count()} ({distinct_users})"
        ),
        "account voters without their ballot (lost)": lost,
        "double voters whose ballot is neither submission": double_mismatch,
        "codes used / code voters": f"{used_codes} / {len(code_voters)}",
        "codes that voted twice": code_twice,
        "codes that voted but are not marked used": unused_but_voted,
        "ballots without choices": empty,
        "unexpected responses": len(problems),
    }
    ok = (
        ballots == expected == register
        and register_users.count() == distinct_users == len(account_voters)
        and lost == 0
        and double_mismatch == 0
        and used_codes == len(code_voters)
        and code_twice == 0
        and unused_but_voted == 0
        and empty == 0
        and not problems
    )
    return {"checks": checks, "ok": ok, "problems": problems[:10]}


# --- 6. pgbench -------------------------------------------------------------------------------

PGBENCH_SETUP = """
DROP TABLE IF EXISTS pgbench_vote_choice, pgbench_vote_ballot, pgbench_vote_register;
CREATE TABLE pgbench_vote_ballot (id uuid PRIMARY KEY, budget_id int NOT NULL,
    channel varchar(8) NOT NULL, voter_key varchar(64) UNIQUE, cast_on date NOT NULL);
CREATE TABLE pgbench_vote_choice (id bigserial PRIMARY KEY,
    ballot_id uuid NOT NULL REFERENCES pgbench_vote_ballot (id), project_id int NOT NULL,
    value smallint NOT NULL, UNIQUE (ballot_id, project_id));
CREATE INDEX ON pgbench_vote_choice (project_id);
CREATE TABLE pgbench_vote_register (id bigserial PRIMARY KEY, budget_id int NOT NULL,
    user_id int, channel varchar(8) NOT NULL, voted_on date NOT NULL);
"""

PGBENCH_SCRIPT = """\\set p random(1, 16)
BEGIN;
WITH b AS (
  INSERT INTO pgbench_vote_ballot (id, budget_id, channel, voter_key, cast_on)
  VALUES (gen_random_uuid(), 1, 'online', md5(random()::text || clock_timestamp()::text),
          current_date)
  RETURNING id
)
INSERT INTO pgbench_vote_choice (ballot_id, project_id, value)
SELECT b.id, :p + s, 1 FROM b, generate_series(0, 4) AS s;
INSERT INTO pgbench_vote_register (budget_id, user_id, channel, voted_on)
VALUES (1, :client_id, 'online', current_date);
END;
"""


def run_pgbench(args, seconds: int) -> dict:
    binary = shutil.which("pgbench") or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin/pgbench"))), None
    )
    if not binary:
        return {"error": "pgbench not found: apt-get install postgresql-client (or -contrib)"}
    import psycopg

    with psycopg.connect(f"{args.pg_url}/{args.db_name}", autocommit=True) as conn:
        conn.execute(PGBENCH_SETUP)
    url = urllib.parse.urlparse(args.pg_url)
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(PGBENCH_SCRIPT)
    threads = str(min(args.clients, os.cpu_count() or 2))
    command = [
        binary, "-n", "-f", script.name, "-c", str(args.clients), "-j", threads,
        "-T", str(seconds), "-h", url.hostname or HOST, "-p", str(url.port or 5432),
        "-U", url.username or "postgres", args.db_name,
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)  # noqa: S603
    finally:
        os.unlink(script.name)
    output = done.stdout + done.stderr
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", output)
    latency = re.search(r"latency average = ([\d.]+) ms", output)
    count = re.search(r"number of transactions actually processed: (\d+)", output)
    if not tps:
        return {"error": output[-2000:]}
    return {
        "tps": float(tps.group(1)),
        "latency_ms": float(latency.group(1)) if latency else None,
        "transactions": int(count.group(1)) if count else None,
        "seconds": seconds,
        "command": " ".join(command[:-1] + [args.db_name]),
    }


# --- 7. report --------------------------------------------------------------------------------


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share + 0.5) - 1)] if ordered else None


def report(args, load, checks, bench) -> str:
    alone_voters = set(DATA["alone_voters"])
    posts = [o for o in load["outcomes"] if o[0] not in alone_voters]
    cast_ok = [o for o in posts if o[2] == 302]
    voters_ok = len({o[0] for o in cast_ok})
    latencies = [o[3] for o in posts if o[3]]
    wall = load["wall"]
    doubles = sum(1 for _v, subs in load["plan"] if len(subs) == 2)
    alone = load["alone"]
    lines = [
        "# Voting under load",
        "",
        f"Run {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')} on "
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average (1 min) at the end {os.getloadavg()[0]:.2f}.",
        f"gunicorn {args.workers} sync workers, PostgreSQL on 127.0.0.1, "
        f"{args.clients} concurrent clients; {len(load['plan']) - len(load['alone'])} voters "
        f"({args.residents} with an account, {args.codes} with a vote code), {doubles} of them "
        f"submitting twice at once; approval ballot, {args.projects} projects, 1-{MAX_CHOICES} "
        "choices. Each voter: GET the ballot page, POST the ballot (confirm step).",
        "Command: `.venv/bin/python benchmarks/voting_load.py "
        + " ".join(a for a in sys.argv[1:])
        + "`",
        "",
        "| measure | value |",
        "|---|---|",
        f"| HTTP phase (GET + POST per submission) | {wall:.1f} s |",
        f"| POSTs sent | {len(posts)} |",
        f"| POSTs that saved a ballot (HTTP 302; a double voter's two both do) | {len(cast_ok)} |",
        f"| voters whose ballot counts | {voters_ok} |",
        f"| **ballots per second (HTTP, end to end)** | **{voters_ok / wall:.1f}** |",
        f"| requests per second (GET + POST) | {2 * len(posts) / wall:.1f} |",
        f"| POST latency median | {statistics.median(latencies) * 1000:.0f} ms |",
        f"| POST latency p95 | {percentile(latencies, 0.95) * 1000:.0f} ms |",
        f"| POST latency max | {max(latencies) * 1000:.0f} ms |",
        f"| one voter alone, GET + POST, median of {len(alone)} (no queueing) | "
        f"{statistics.median(alone) * 1000:.0f} ms |"
        if alone
        else "| one voter alone | - |",
    ]
    if "tps" in bench:
        lines += [
            f"| **pgbench: raw ballot inserts per second** ({args.clients} connections, "
            f"{bench['seconds']} s; 1 uuid row + 5 choices + 1 register row per transaction) "
            f"| **{bench['tps']:.0f}** |",
            f"| pgbench latency average | {bench['latency_ms']:.1f} ms |",
            f"| HTTP ballots/s as share of raw inserts/s | "
            f"{100 * voters_ok / wall / bench['tps']:.1f} % |",
        ]
    else:
        lines.append(f"| pgbench | {bench.get('error')} |")
    if alone and "tps" in bench:
        cap = (os.cpu_count() or 1) / statistics.median(alone)
        lines += [
            "",
            f"Reading: one voter alone costs {statistics.median(alone) * 1000:.0f} ms of "
            f"server time (two Django requests). With {os.cpu_count()} CPUs, shared here with "
            f"the {args.clients} client threads and whatever else runs on the machine (see the "
            f"load average), the HTTP path cannot pass about {cap:.0f} ballots/s; the database "
            f"is not the limit: pgbench writes the same rows {bench['tps']:.0f} times a second.",
        ]
    lines += ["", "Checks afterwards (not one ballot lost, not one counted twice):", ""]
    lines += ["| check | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in checks["checks"].items()]
    lines += ["", f"All checks pass: **{'yes' if checks['ok'] else 'NO'}**"]
    if checks["problems"]:
        lines += ["", "First problems:", ""] + [f"- {p}" for p in checks["problems"]]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    args = parse_args(argv)
    rng = random.Random(args.seed)
    print(f"Creating database {args.db_name} …", flush=True)
    database_url = recreate_database(args.pg_url, args.db_name)
    setup_django(database_url)
    try:
        print(f"Seeding {args.residents} residents with sessions, {args.codes} codes …", flush=True)
        DATA.update(seed(args))
        print(f"  done in {DATA['seed_s']} s", flush=True)
        from django.db import connections

        connections.close_all()
        server, port = start_gunicorn(database_url, args.workers)
        try:
            print(f"Casting ballots with {args.clients} clients …", flush=True)
            load = run_load(port, args, rng)
        finally:
            stop_gunicorn(server)
        print(f"  {len(load['outcomes'])} POSTs in {load['wall']:.1f} s; verifying …", flush=True)
        checks = verify(load)
        connections.close_all()
        seconds = max(5, round(load["wall"]))
        print(f"pgbench for {seconds} s …", flush=True)
        bench = run_pgbench(args, seconds)
    finally:
        if not args.keep_db:
            from django.db import connections

            connections.close_all()
            drop_database(args.pg_url, args.db_name)
    text = report(args, load, checks, bench)
    print()
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    print(f"Written to {args.output}")
    return 0 if checks["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
