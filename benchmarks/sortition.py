"""Benchmark: our panel selection (sortition_engine, HiGHS) against sortition-algorithms 0.12.15.

Cases (see --cases):
- lib150: the library's 150-person test pool, panel 22 (tests/fixtures of sortition_engine);
- paper200: the paper's 200-person example, panel 20;
- skewed300 / skewed500: generated volunteer pools (sortition_engine.generate: older, more highly
  educated, some areas more than others; quotas from population shares +-10 %), 10 % households
  of two, panels 30 and 50;
- pool2000: a generated pool of 2,000 with 200 seats (seed 7), the size of the paper's large
  example.

For each case and algorithm it runs ours in this process and the library's in a child process
under `--library-limit` seconds (its LEXIMIN needs Gurobi, so only maximin and Nash are compared;
legacy is timed too). Prints a markdown table: wall seconds, the minimum probability and the
geometric mean (%) of each side, with the load average, and writes it to
benchmarks/results/sortition.md with --write. Wall seconds on a shared machine vary with its load:
the table shows the 1-minute load average before each row, and the CPU seconds of this process
(time.process_time, which the load does not inflate) with LEXIMIN/maximin's LP solves, simplex
iterations and pricing MIPs. The algorithm `leximin-cg` is our LEXIMIN forced onto column
generation (how it ran before the relaxation, ADR 0006), for comparison; "method" says which
way our LEXIMIN went. A script that prints numbers, never a timed test:
`.venv/bin/python benchmarks/sortition.py --help`.
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sortition_engine import data, generate, leximin, lottery, select  # noqa: E402

FIXTURES = ROOT / "src" / "sortition_engine" / "tests" / "fixtures"


def _cases(folder: Path) -> dict[str, dict]:
    lib = FIXTURES / "sortition-algorithms-fixture"
    paper = FIXTURES / "paper-example-small-200"
    cases = {
        "lib150": dict(
            features=lib / "features.csv",
            people=lib / "candidates.csv",
            k=22,
            id_column="nationbuilder_id",
            households=["primary_address1", "primary_zip"],
        ),
    }
    # The paper's files in the library's spelling (feature,value,min,max; an id column), so the
    # library can read them too.
    rows = (paper / "categories.csv").read_text(encoding="utf-8").splitlines()
    (folder / "paper-features.csv").write_text(
        "\n".join(["feature,value,min,max", *rows[1:]]) + "\n", encoding="utf-8"
    )
    people = (paper / "respondents.csv").read_text(encoding="utf-8").splitlines()
    (folder / "paper-people.csv").write_text(
        "\n".join([f"id,{people[0]}", *(f"{i},{r}" for i, r in enumerate(people[1:], 1))]) + "\n",
        encoding="utf-8",
    )
    cases["paper200"] = dict(
        features=folder / "paper-features.csv",
        people=folder / "paper-people.csv",
        k=20,
        id_column="id",
        households=[],
    )
    for name, n, k, seed in [
        ("skewed300", 300, 30, 1),
        ("skewed500", 500, 50, 2),
        ("pool2000", 2000, 200, 7),
    ]:
        f, p = generate.write(folder, n, k, seed, household_share=0.1 if n < 1000 else 0.0)
        cases[name] = dict(
            features=f, people=p, k=k, id_column="id", households=["adres"] if n < 1000 else []
        )
    return cases


def _summary(probabilities) -> tuple[float, float]:
    p = np.asarray(list(probabilities), dtype=float)
    return float(p.min()), float(np.exp(np.log(np.maximum(p, 1e-12)).mean()))


def _library(case: dict, algorithm: str, queue) -> None:
    from sortition_engine.tests import oracle

    if case["id_column"] is None:
        queue.put(("skipped (no id column)", None, None))
        return
    loaded = oracle.load(
        case["features"],
        case["people"],
        id_column=case["id_column"],
        household_columns=case["households"],
    )
    started = time.perf_counter()
    if algorithm == "legacy":
        probs = oracle.legacy_frequencies(loaded, case["k"], runs=200)
    else:
        probs = oracle.distribution(algorithm, loaded, case["k"])
    seconds = time.perf_counter() - started
    queue.put((seconds, *_summary(probs.values())))


def _run_library(case: dict, algorithm: str, limit: float):
    queue: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_library, args=(case, algorithm, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.terminate()
        child.join()
        return (f">{limit:.0f} (stopped)", None, None)
    return queue.get() if not queue.empty() else ("failed", None, None)


def _column_generation(inst) -> select.Result:
    """Our LEXIMIN without the relaxation (as select.select would run it)."""
    started = time.perf_counter()
    comps, mu, stats = leximin.leximin(inst, method="column generation")
    panels, probs = lottery.decompose(inst, comps, mu)
    return select.Result(
        "leximin-cg",
        list(inst.pool.ids),
        panels,
        probs,
        lottery.marginals(inst.n, panels, probs),
        time.perf_counter() - started,
        stats,
    )


def _fmt(value, digits=2) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return f"{value:.{digits}f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default="lib150,paper200,skewed300,skewed500,pool2000")
    parser.add_argument("--algorithms", default="leximin,maximin,nash,legacy")
    parser.add_argument("--library-limit", type=float, default=420.0)
    parser.add_argument("--no-library", action="store_true")
    parser.add_argument(
        "--write", action="store_true", help="write benchmarks/results/sortition.md"
    )
    args = parser.parse_args(argv)
    lines = [
        f"# sortition_engine vs sortition-algorithms 0.12.15 ({datetime.date.today()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs)",
        "",
        "| case | people | seats | types | algorithm | method | ours s | ours CPU s | LP solves "
        "/ simplex iterations / MIPs | ours min % | ours geo % | library s | library min % "
        "| library geo % | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    print("\n".join(lines), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        cases = _cases(Path(folder))
        for name in args.cases.split(","):
            case = cases[name]
            inst = data.load(
                case["features"],
                case["people"],
                case["k"],
                id_column=case["id_column"],
                household_columns=case["households"],
            )
            for algorithm in args.algorithms.split(","):
                if name == "pool2000" and algorithm not in ("leximin", "leximin-cg"):
                    continue  # the large case is LEXIMIN
                load = os.getloadavg()[0]
                leximin.TIMES.clear()
                cpu = time.process_time()
                if algorithm == "leximin-cg":
                    result = _column_generation(inst)
                else:
                    result = select.select(inst, algorithm, legacy_runs=200)
                cpu = time.process_time() - cpu
                counts = leximin.TIMES
                lp = (
                    f"{counts['iterations']} / {counts['simplex_iterations']} / "
                    f"{result.stats.get('mip_calls', '-')}"
                    if algorithm in ("leximin", "leximin-cg", "maximin")
                    else "-"
                )
                ours = (result.seconds, *_summary(result.probabilities))
                if args.no_library or algorithm.startswith("leximin"):
                    theirs = ("needs Gurobi" if algorithm == "leximin" else "-", None, None)
                else:
                    theirs = _run_library(case, algorithm, args.library_limit)
                row = (
                    f"| {name} | {inst.n} | {inst.k} | {inst.n_types} | {algorithm} "
                    f"| {result.stats.get('method', '-')} "
                    f"| {_fmt(ours[0], 1)} | {_fmt(cpu, 1)} | {lp} "
                    f"| {_fmt(100 * ours[1], 3)} | {_fmt(100 * ours[2], 3)} "
                    f"| {_fmt(theirs[0], 1)} "
                    f"| {_fmt(None if theirs[1] is None else 100 * theirs[1], 3)} "
                    f"| {_fmt(None if theirs[2] is None else 100 * theirs[2], 3)} | {load:.1f} |"
                )
                lines.append(row)
                print(row, flush=True)
    if args.write:
        out = ROOT / "benchmarks" / "results" / "sortition.md"
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
