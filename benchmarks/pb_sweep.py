"""Benchmark: our outcome rules (only ours) over a whole folder of Pabulib files, in CPU seconds.

For every `.pb` file in `--data` (or a seeded `--sample` of them, the first `--limit`, or the
`--largest` N by size), parse it
with our reader and run each rule once, measuring CPU time (`time.process_time`, so that the load
of a shared machine does not count) under a CPU-time limit per rule (`--limit-s`, SIGPROF). Writes
a markdown table of the slowest instances per rule to `--output` and prints it. A file our reader
rejects is listed with its error. Compare with pabutools with `benchmarks/pb_rules.py`.

Used for all of Pabulib (github pabulib/pabulib_files, commit 88cfaba), extracted outside the
project: `.venv/bin/python benchmarks/pb_sweep.py --data /work/pabulib-all/pb_files`.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from pbengine import ees, mes, pabulib, rules  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "pabulib"
RESULTS = ROOT / "benchmarks" / "results" / "pb_sweep.md"
RULES = ("greedy", "mes", "mes-add1", "mes-add1-greedy", "mes-budget-increase-greedy")


class CpuLimit(Exception):
    pass


def _limit(signum, frame):
    raise CpuLimit


def cpu_timed(function, limit: float):
    """(result, CPU seconds), or (None, None) when `limit` CPU seconds pass first."""
    gc.collect()  # the garbage of what ran before, not this call's (see pb_rules.timed)
    signal.signal(signal.SIGPROF, _limit)
    signal.setitimer(signal.ITIMER_PROF, limit)
    started = time.process_time()
    try:
        try:
            result = function()
        finally:
            # The limit may pass after the call returned: ignore it from here on (before, a
            # signal landing in this clause ended the whole sweep).
            signal.signal(signal.SIGPROF, signal.SIG_IGN)
            signal.setitimer(signal.ITIMER_PROF, 0)
    except CpuLimit:
        return None, None
    except SystemError as error:  # the limit landed as a compiled loop handed back its result
        if isinstance(error.__cause__ or error.__context__, CpuLimit):
            return None, None
        raise
    return result, time.process_time() - started


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--rules", default=",".join(RULES))
    parser.add_argument("--sample", type=int, default=0, help="a random sample of this many files")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (by name)")
    parser.add_argument("--largest", type=int, default=0, help="only the N largest files (bytes)")
    parser.add_argument("--limit-s", type=float, default=60.0, help="CPU seconds per rule")
    parser.add_argument("--top", type=int, default=10, help="slowest instances listed per rule")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    wanted = [r.strip() for r in args.rules.split(",") if r.strip()]
    files = sorted(args.data.glob("*.pb"))
    if args.limit:
        files = files[: args.limit]
    if args.largest:
        files = sorted(sorted(files, key=lambda f: -f.stat().st_size)[: args.largest])
    if args.sample and args.sample < len(files):
        files = sorted(random.Random(args.seed).sample(files, args.sample))
    # The engine measured is the one imported now (taken before the run, not after it).
    commit = subprocess.run(  # noqa: S603
        ["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"],  # noqa: S607
        capture_output=True,
        text=True,
    ).stdout.strip()
    ees.warm_up()  # the compiled loops load once per process: not part of any file's time
    mes.warm_up()
    rows: list[tuple[str, int, int, str, float | None]] = []
    errors: list[str] = []
    skipped: dict[str, dict[str, int]] = {}  # rule -> {RuleError code: files}
    for path in files:
        try:
            election = pabulib.read(path)
        except pabulib.PabulibError as error:
            errors.append(f"{path.name}: {error}")
            continue
        for rule in wanted:
            try:
                _, seconds = cpu_timed(lambda e=election, r=rule: rules.run(e, r), args.limit_s)
            except rules.RuleError as error:  # e.g. EES on a ballot type it does not take
                skipped.setdefault(rule, {}).setdefault(error.code, 0)
                skipped[rule][error.code] += 1
                continue
            rows.append((path.stem, election.num_voters, len(election.projects), rule, seconds))
            print(f"{path.stem}\t{rule}\t{seconds}", file=sys.stderr, flush=True)
    lines = [
        "# Outcome rules over a folder of Pabulib files: our CPU seconds",
        "",
        f"Run {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}; "
        f"{len(files)} files from `{args.data.name}` ({len(errors)} rejected by the reader); "
        f"engine at {commit}. Times are CPU seconds of one rule call (`time.process_time`), "
        f"limit {args.limit_s:.0f} CPU s.",
        f"Command: `{' '.join(['benchmarks/pb_sweep.py', *(argv or sys.argv[1:])])}`",
        "",
    ]
    for rule in wanted:
        mine = [r for r in rows if r[3] == rule]
        over = [r for r in mine if r[4] is None or r[4] >= 2.0]
        done = [r[4] for r in mine if r[4] is not None]
        slowest = sorted(mine, key=lambda r: -(r[4] if r[4] is not None else 1e9))[: args.top]
        lines += [
            f"## {rule}: {len(mine)} instances, {len(over)} at 2 CPU s or more, "
            f"max {max(done, default=0):.3f} s, total {sum(done):.1f} s",
            "",
        ]
        if rule in skipped:
            refused = ", ".join(f"{n} `{code}`" for code, n in sorted(skipped[rule].items()))
            lines += [f"Refused by the rule (not counted): {refused}.", ""]
        lines += [
            "| instance | voters | projects | CPU s |",
            "|---|---|---|---|",
        ]
        for name, voters, projects, _, seconds in slowest:
            shown = f"{seconds:.3f}" if seconds is not None else f">{args.limit_s:.0f} (limit)"
            lines.append(f"| {name} | {voters} | {projects} | {shown} |")
        lines.append("")
    if errors:
        lines += ["## Rejected by the reader", ""] + [f"- {e}" for e in errors] + [""]
    text = "\n".join(lines)
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
