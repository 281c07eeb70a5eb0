"""Benchmark: the pages of `consultation_pages.py`, asked through Django's test client in this
process (no web server, no other clients): the CPU time each page costs, its queries and their
time in the database, and the ratio of each to the home page.

The load benchmark (`consultation_pages.py`) measures what a visitor waits for, but on a machine
shared with other work its numbers move with that work. This one reports the process's own CPU
time per request (`time.process_time`, which other processes inflate far less) next to the wall
time, and the time the queries took (which they do inflate), so a change can be judged on a busy
machine too.

It needs a database seeded by `consultation_pages.py --seed-only` (or `--keep-db`); it only
reads it (GET requests; the cache may be written). For each page: one request to warm it up,
one with the queries recorded (count and summed database time); then `--requests` rounds that
ask every page once in turn, timed; medians are printed. `--profile LABEL` prints cProfile's
top functions for the pages whose label contains LABEL.

This is a script that prints numbers, never a timed test:
`.venv/bin/python benchmarks/pages_in_process.py --db-name bench_search --requests 40`.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.consultation_pages import setup_django, urls_to_measure  # noqa: E402


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-name", default="samenspraak_bench")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help="server that holds the seeded benchmark database (no database name)",
    )
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page")
    parser.add_argument(
        "--only", default="", help="only the pages whose label has one of these (comma-separated)"
    )
    parser.add_argument("--profile", default="", help="cProfile the pages whose label has this")
    parser.add_argument("--top", type=int, default=30, help="functions in a profile")
    return parser.parse_args(argv)


def count_queries(client, path: str) -> dict:
    """Warm the page up, then ask it once with its queries counted and timed."""
    from django.db import connection

    response = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    recorded: list[float] = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            recorded.append(time.perf_counter() - started)

    with connection.execute_wrapper(timed):
        client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
    return {"queries": len(recorded), "db_ms": round(sum(recorded) * 1000, 1)}


def time_pages(client, paths: list[str], requests: int) -> list[dict]:
    """`requests` rounds; each round asks every page once, in turn, so a change in the machine's
    load during the run weighs on all pages alike (the ratios stay comparable)."""
    cpu: dict[str, list[float]] = {path: [] for path in paths}
    wall: dict[str, list[float]] = {path: [] for path in paths}
    for _ in range(requests):
        for path in paths:
            cpu_started, wall_started = time.process_time(), time.perf_counter()
            client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
            cpu[path].append(time.process_time() - cpu_started)
            wall[path].append(time.perf_counter() - wall_started)
    return [
        {
            "cpu_ms": round(statistics.median(cpu[path]) * 1000, 1),
            "wall_ms": round(statistics.median(wall[path]) * 1000, 1),
        }
        for path in paths
    ]


def profile_page(client, path: str, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv=None) -> int:
    args = parse_args(argv)
    os.environ["DATABASE_CONN_MAX_AGE"] = "600"  # one connection, as a gunicorn worker keeps
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["LOG_LEVEL"] = "ERROR"
    setup_django(f"{args.pg_url}/{args.db_name}")
    from django.test import Client

    client = Client()
    pages = [
        (label, path)
        for index, (label, path) in enumerate(urls_to_measure())
        if index == 0 or any(part in label for part in args.only.split(","))
    ]
    rows = [{"label": label, "path": path, **count_queries(client, path)} for label, path in pages]
    timed = time_pages(client, [path for _label, path in pages], args.requests)
    for row, times in zip(rows, timed, strict=True):
        row.update(times)
    for label, path in pages:
        if args.profile and args.profile in label:
            print(f"--- profile of {label} ({path}), 20 requests")
            print(profile_page(client, path, args.top))
    home = rows[0]
    print(
        f"{'page':<40} {'queries':>7} {'db ms':>6} {'cpu ms':>7} {'wall ms':>8} "
        f"{'cpu x':>6} {'wall x':>6}"
    )
    for row in rows:
        print(
            f"{row['label']:<40} {row['queries']:>7} {row['db_ms']:>6} {row['cpu_ms']:>7} "
            f"{row['wall_ms']:>8} {row['cpu_ms'] / home['cpu_ms']:>6.2f} "
            f"{row['wall_ms'] / home['wall_ms']:>6.2f}"
        )
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
