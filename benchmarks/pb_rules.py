"""Benchmark: our outcome rules against pabutools 1.2.3 on the Pabulib development set.

For each instance in the development set (default `../shared/data/pabulib`) and each rule (greedy,
mes, mes-add1, mes-add1-greedy, mes-budget-increase-greedy):

1. parse the file with our reader and with pabutools' `parse_pabulib` (timed apart from the rules);
2. run our rule (`pbengine.rules.run`) under a time limit;
3. run pabutools' rule with the exact call of PABUTOOLS-REFERENCE.md, live, when its reference time
   (`pabutools_reference.json`) is below `--pabutools-limit` seconds, under a 120 s limit; otherwise
   its reference time is shown, marked "ref" (">120 (timeout)" where the reference run timed out);
   `--full` runs pabutools live on everything;
4. compares the outcomes (the projects in selection order) with the live pabutools run, or with the
   reference outcome when pabutools was not run live.

Prints a markdown table and two summary lines and writes them to benchmarks/results/pb_rules.md.
Times are wall seconds (CPU seconds with `--cpu`) of the rule call alone (pabutools': including
building its satisfaction profile inside the call, as in the reference run). Ours is the median
of three calls (one when a call takes over 10 s): the load of a shared machine varies by a third
from minute to minute; pabutools' is one call. Before every timed call, of either tool, the
garbage of what ran before is collected (`timed`). This is a script that prints numbers, never a
timed test: `.venv/bin/python benchmarks/pb_rules.py --help`.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
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
RESULTS = ROOT / "benchmarks" / "results" / "pb_rules.md"
RULES = ("greedy", "mes", "mes-add1", "mes-add1-greedy", "mes-budget-increase-greedy")
REFERENCE_KEY = {
    "greedy": "greedy",
    "mes": "mes_plain",
    "mes-add1": "mes_add1",
    "mes-add1-greedy": "mes_add1_greedy",
    "mes-budget-increase-greedy": "mes_budgetinc_greedy",
}
PABUTOOLS_TIMEOUT = 120.0
FAST_ENOUGH_S = 2.0
RATIO_WANTED = 50
RATIO_WHERE_PABUTOOLS_OVER_S = 5.0


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with .pb files")
    parser.add_argument(
        "--pabutools-limit",
        type=float,
        default=10.0,
        help="run pabutools live only where its reference time is below this (seconds)",
    )
    parser.add_argument(
        "--full", action="store_true", help="run pabutools live on everything (120 s limit each)"
    )
    parser.add_argument(
        "--ours-limit", type=float, default=120.0, help="time limit per rule for ours (s)"
    )
    parser.add_argument("--only", default="", help="only instances whose name contains this")
    parser.add_argument("--sample", type=int, default=0, help="a seeded random sample of files")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (by name)")
    parser.add_argument(
        "--largest",
        type=int,
        default=0,
        help="only the N largest files (bytes), largest first (where pabutools is slowest)",
    )
    parser.add_argument(
        "--skip-largest",
        type=int,
        default=0,
        help="with --largest: leave out the first N of them (measured in an earlier run)",
    )
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--pabutools-timeout", type=float, default=PABUTOOLS_TIMEOUT, help="seconds per call"
    )
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="CPU seconds of the calls (and CPU-time limits) instead of wall seconds",
    )
    parser.add_argument(
        "--until-proven",
        action="store_true",
        help=(
            "stop each live pabutools call once it has taken max(5 s, 50 x ours): past that the "
            "call either is out of scope (under 5 s) or the ratio is proven at least 50, so a "
            "sweep over all of Pabulib stays affordable (with --full)"
        ),
    )
    parser.add_argument("--rules", default=",".join(RULES), help="comma-separated rule names")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout


#: wall seconds, or CPU seconds of this process with --cpu (both sides are one Python thread:
#: pbengine keeps BLAS to one thread), so that other work on the machine does not count
CLOCK = {"wall": (time.perf_counter, signal.ITIMER_REAL, signal.SIGALRM)}
CLOCK["cpu"] = (time.process_time, signal.ITIMER_PROF, signal.SIGPROF)
USE = "wall"


def timed(function, limit: float):
    """(result, seconds) or (None, None) when `limit` seconds pass first.

    The garbage of what ran before (parsing, the other tool's call) is collected first, for
    both tools alike: else a full collection of the parsed election (up to about 0.04 CPU s on
    a city file) lands in whichever call happens to cross the collector's threshold, one call in
    three or so. The collector stays on during the call."""
    clock, timer, signum = CLOCK[USE]
    gc.collect()
    signal.signal(signum, _alarm)
    signal.setitimer(timer, limit)
    started = clock()
    try:
        try:
            result = function()
        finally:
            signal.signal(signum, signal.SIG_IGN)
            signal.setitimer(timer, 0)
    except Timeout:  # (also when the alarm comes just as the call returns)
        return None, None
    except SystemError as error:  # the alarm landed as a compiled loop handed back its result
        if isinstance(error.__cause__ or error.__context__, Timeout):
            return None, None
        raise
    return result, clock() - started


def timed_ours(election, rule: str, limit: float):
    """(outcome, seconds): the median of three calls (one call when it takes over 10 s), so that
    a moment of load on a shared machine does not decide a row; None, None on a timeout."""
    outcome, first = timed(lambda: rules.run(election, rule), limit)
    if outcome is None or first > 10:
        return outcome, first
    times = [first]
    for _ in range(2):
        again, seconds = timed(lambda: rules.run(election, rule), limit)
        if again is None or again.selected != outcome.selected:
            raise SystemExit(f"{rule}: a repeated call gave another outcome or timed out")
        times.append(seconds)
    return outcome, sorted(times)[1]


# --- pabutools, called exactly as in PABUTOOLS-REFERENCE.md -----------------------------------


def pabutools_parse(path: Path):
    from pabutools.election import parse_pabulib

    instance, profile = parse_pabulib(str(path))
    distinct = profile.as_multiprofile()
    if len(distinct) <= 0.5 * profile.num_ballots():
        profile = distinct
    return instance, profile


def pabutools_call(vote_type: str, rule: str, instance, profile):
    from pabutools.election import Additive_Borda_Sat, Additive_Cardinal_Sat, Cost_Sat
    from pabutools.rules import (
        completion_by_rule_combination,
        exhaustion_by_budget_increase,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    sat = {
        "approval": Cost_Sat,
        "choose-1": Cost_Sat,
        "cumulative": Additive_Cardinal_Sat,
        "scoring": Additive_Cardinal_Sat,
        "ordinal": Additive_Borda_Sat,
    }[vote_type]
    if rule == "greedy":
        extra = {"is_sat_additive": True} if sat is Additive_Borda_Sat else {}
        return lambda: greedy_utilitarian_welfare(instance, profile, sat_class=sat, **extra)
    if rule == "mes":
        return lambda: method_of_equal_shares(instance, profile, sat_class=sat)
    if rule == "mes-add1":
        return lambda: method_of_equal_shares(
            instance, profile, sat_class=sat, voter_budget_increment=1
        )
    if rule == "mes-add1-greedy":
        return lambda: completion_by_rule_combination(
            instance,
            profile,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [{"sat_class": sat, "voter_budget_increment": 1}, {"sat_class": sat}],
        )
    if rule == "mes-budget-increase-greedy":
        return lambda: completion_by_rule_combination(
            instance,
            profile,
            [exhaustion_by_budget_increase, greedy_utilitarian_welfare],
            [
                {"rule": method_of_equal_shares, "rule_params": {"sat_class": sat}},
                {"sat_class": sat},
            ],
        )
    raise ValueError(rule)


# --- the run ----------------------------------------------------------------------------------


def reference_for(data: Path) -> dict[str, dict]:
    path = data / "pabutools_reference.json"
    if not path.is_file():
        return {}
    items = json.loads(path.read_text(encoding="utf-8"))["instances"]
    return {item["file"]: item for item in items}


def fmt(seconds) -> str:
    if seconds is None:
        return "-"
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def measure(args) -> tuple[list[dict], list[dict]]:
    reference = reference_for(args.data)
    wanted = [r.strip() for r in args.rules.split(",") if r.strip()]
    rows, instances = [], []
    paths = sorted(args.data.glob("*.pb"))
    if args.sample and args.sample < len(paths):
        paths = sorted(random.Random(args.seed).sample(paths, args.sample))
    if args.largest:
        paths = sorted(paths, key=lambda path: -path.stat().st_size)
        paths = paths[args.skip_largest : args.largest]
    if args.limit:
        paths = paths[: args.limit]
    ees.warm_up()  # the compiled loops load once per process: not part of any file's time
    mes.warm_up()
    for path in paths:
        if args.only and args.only not in path.name:
            continue
        started = time.perf_counter()
        election = pabulib.read(path)
        parse_ours = time.perf_counter() - started
        ref = reference.get(path.name, {})
        live_needed = []
        for rule in wanted:
            recorded = ref.get("rules", {}).get(REFERENCE_KEY[rule], {})
            ref_time = recorded.get("time_s")
            live = args.full or (
                recorded.get("status") == "ok"
                and ref_time is not None
                and ref_time < args.pabutools_limit
            )
            live_needed.append(live)
        parse_theirs = None
        instance = profile = None
        if any(live_needed):
            started = time.perf_counter()
            instance, profile = pabutools_parse(path)
            parse_theirs = time.perf_counter() - started
        instances.append(
            {
                "instance": path.stem,
                "voters": election.num_voters,
                "projects": len(election.projects),
                "vote_type": election.vote_type,
                "parse_ours": parse_ours,
                "parse_pabutools": parse_theirs,
                "parse_pabutools_ref": ref.get("parse_s"),
            }
        )
        for rule, live in zip(wanted, live_needed, strict=True):
            outcome, ours = timed_ours(election, rule, args.ours_limit)
            recorded = ref.get("rules", {}).get(REFERENCE_KEY[rule], {})
            row = {
                "instance": path.stem,
                "voters": election.num_voters,
                "projects": len(election.projects),
                "rule": rule,
                "ours": ours,
                "ours_timeout": outcome is None,
                "limit": f"{args.ours_limit:g}",
                "selected": outcome.selected if outcome else None,
            }
            if live:
                call = pabutools_call(election.vote_type, rule, instance, profile)
                limit = PABUTOOLS_TIMEOUT
                if args.until_proven and ours is not None:
                    # 2 % over the bound, so that a timeout proves the ratio with room to spare
                    proven = max(RATIO_WHERE_PABUTOOLS_OVER_S, RATIO_WANTED * ours) * 1.02
                    limit = min(limit, proven)
                theirs_outcome, theirs = timed(call, limit)
                row["pabutools_limit"] = limit
                row["pabutools"] = theirs
                row["pabutools_source"] = "live"
                row["pabutools_timeout"] = theirs_outcome is None
                expected = [p.name for p in theirs_outcome] if theirs_outcome is not None else None
            else:
                status = recorded.get("status", "absent")
                row["pabutools"] = recorded.get("time_s") if status == "ok" else None
                row["pabutools_source"] = "ref"
                row["pabutools_timeout"] = status == "timeout"
                row["pabutools_status"] = status
                expected = recorded.get("selected_order") if status == "ok" else None
            if expected is None or outcome is None:
                row["same"] = None
            else:
                row["same"] = outcome.selected == expected
            rows.append(row)
            print(render_row(row), flush=True)
    return rows, instances


def pabutools_cell(row) -> str:
    if row["pabutools_timeout"]:
        return f">{fmt(row.get('pabutools_limit', PABUTOOLS_TIMEOUT))} (timeout)" + (
            " ref" if row["pabutools_source"] == "ref" else ""
        )
    if row["pabutools"] is None:
        return row.get("pabutools_status", "-")
    return fmt(row["pabutools"]) + (" ref" if row["pabutools_source"] == "ref" else "")


def ratio(row):
    """(value, is_lower_bound) or None."""
    if row["ours"] is None or row["ours"] <= 0:
        return None
    if row["pabutools_timeout"]:
        return row.get("pabutools_limit", PABUTOOLS_TIMEOUT) / row["ours"], True
    if row["pabutools"] is None:
        return None
    return row["pabutools"] / row["ours"], False


def render_row(row) -> str:
    r = ratio(row)
    ratio_cell = "-" if r is None else (">" if r[1] else "") + f"{r[0]:.1f}"
    ours = f">{row.get('limit', '')} (timeout)" if row["ours_timeout"] else fmt(row["ours"])
    same = {True: "yes", False: "**NO**", None: "n/a"}[row["same"]]
    return (
        f"| {row['instance']} | {row['voters']} | {row['projects']} | {row['rule']} | "
        f"{pabutools_cell(row)} | {ours} | {ratio_cell} | {same} |"
    )


def extremes(rows, top: int = 10) -> list[str]:
    """The slowest calls of ours and the smallest ratios where pabutools needs over 5 s."""
    header = [
        "| instance | voters | projects | rule | pabutools s | ours s | ratio | same outcome |",
        "|---|---|---|---|---|---|---|---|",
    ]
    slowest = sorted((r for r in rows if r["ours"] is not None), key=lambda r: -r["ours"])
    heavy = [
        r
        for r in rows
        if ratio(r) is not None
        and (
            r["pabutools_timeout"]
            or (r["pabutools"] is not None and r["pabutools"] > RATIO_WHERE_PABUTOOLS_OVER_S)
        )
    ]
    smallest = sorted(heavy, key=lambda r: ratio(r)[0])
    return [
        f"Slowest {top} calls of ours:",
        "",
        *header,
        *(render_row(r) for r in slowest[:top]),
        "",
        f"Smallest {top} ratios where pabutools needs over {RATIO_WHERE_PABUTOOLS_OVER_S:.0f} s:",
        "",
        *header,
        *(render_row(r) for r in smallest[:top]),
        "",
    ]


def summary(rows) -> list[str]:
    finished = [r for r in rows if r["ours"] is not None]
    slowest = max(finished, key=lambda r: r["ours"], default=None)
    timeouts = [r for r in rows if r["ours_timeout"]]
    fast = not timeouts and all(r["ours"] < FAST_ENOUGH_S for r in finished)
    lines = [
        f"- every rule < {FAST_ENOUGH_S:.0f} s on every instance: {'yes' if fast else 'no'} "
        + (
            f"(max {slowest['ours']:.3f} s: {slowest['instance']}, {slowest['rule']}"
            + (f"; {len(timeouts)} timed out" if timeouts else "")
            + ")"
            if slowest
            else "(nothing finished)"
        )
    ]
    heavy = [
        r
        for r in rows
        if r["pabutools_timeout"]
        or (r["pabutools"] is not None and r["pabutools"] > RATIO_WHERE_PABUTOOLS_OVER_S)
    ]
    ratios = [(ratio(r), r) for r in heavy]
    known = [(v, r) for v, r in ratios if v is not None]
    unknown = [r for v, r in ratios if v is None]
    if known:
        (value, bound), row = min(known, key=lambda item: item[0][0])
        ok = all(v[0] >= RATIO_WANTED for v, _ in known) and not unknown
        lines.append(
            f"- ratio >= {RATIO_WANTED} where pabutools > {RATIO_WHERE_PABUTOOLS_OVER_S:.0f} s: "
            f"{'yes' if ok else 'no'} (min ratio {'>' if bound else ''}{value:.1f}: "
            f"{row['instance']}, {row['rule']}; {len(known)} cases"
            + (f", {len(unknown)} where ours timed out" if unknown else "")
            + ")"
        )
    else:
        lines.append(
            f"- ratio >= {RATIO_WANTED} where pabutools > {RATIO_WHERE_PABUTOOLS_OVER_S:.0f} s: "
            "no such case measured"
        )
    compared = [r for r in rows if r["same"] is not None]
    lines.append(
        f"- same outcome as pabutools: {sum(r['same'] for r in compared)} of {len(compared)} "
        "compared (live or reference); "
        + ", ".join(f"{r['instance']} {r['rule']}" for r in compared if not r["same"])
        if any(not r["same"] for r in compared)
        else f"- same outcome as pabutools: all {len(compared)} compared (live or reference)"
    )
    return lines


def main(argv=None) -> int:
    global PABUTOOLS_TIMEOUT, USE  # noqa: PLW0603 - one limit and clock for the whole run
    args = parse_args(argv)
    PABUTOOLS_TIMEOUT = args.pabutools_timeout
    USE = "cpu" if args.cpu else "wall"
    if not args.data.is_dir() or not list(args.data.glob("*.pb")):
        print(
            f"No Pabulib development set at {args.data} (expected ../shared/data/pabulib with .pb "
            "files and pabutools_reference.json); pass --data FOLDER.",
            file=sys.stderr,
        )
        return 2
    try:
        import pabutools  # noqa: F401
    except ImportError:
        print("pabutools is not installed: pip install -e '.[dev]'", file=sys.stderr)
        return 2
    header = [
        "| instance | voters | projects | rule | pabutools s | ours s | ratio | same outcome |",
        "|---|---|---|---|---|---|---|---|",
    ]
    print("\n".join(header), flush=True)
    started = time.perf_counter()
    rows, instances = measure(args)
    total = time.perf_counter() - started
    lines = summary(rows)
    print("\n".join(lines))

    command = (
        "`.venv/bin/python benchmarks/pb_rules.py "
        + " ".join(sys.argv[1:] if argv is None else argv)
        + "`"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    engine = subprocess.run(  # noqa: S603 - fixed git command in our own checkout
        ["git", "log", "-1", "--format=%h %s", "--", "src/pbengine"],  # noqa: S607
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    ).stdout.strip()
    parse_rows = []
    for i in instances:
        theirs = i["parse_pabutools"]
        theirs_cell = fmt(theirs) if theirs is not None else fmt(i["parse_pabutools_ref"]) + " ref"
        parse_rows.append(
            f"| {i['instance']} | {i['voters']} | {fmt(i['parse_ours'])} | {theirs_cell} |"
        )
    text = "\n".join(
        [
            "# Outcome rules: ours against pabutools 1.2.3",
            "",
            f"Run {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')} on "
            f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"load average (1 min) at the end {load:.2f}; {total:.0f} s in all.",
            f"Command: {command}",
            f"Engine at commit: {engine or 'unknown'} (plus any uncommitted changes).",
            "",
            f"pabutools times: live runs (limit {PABUTOOLS_TIMEOUT:g} s"
            + (
                ", or max(5 s, 50 x ours) + 2 % if less (--until-proven)"
                if args.until_proven
                else ""
            )
            + "; a timeout makes the ratio a lower bound) where the reference time was below "
            f"{args.pabutools_limit:g} s{' (all, --full)' if args.full else ''}; otherwise the "
            "reference run's time (`ref`, from ../shared/data/pabulib/pabutools_reference.json, "
            "2 processes in parallel on a 2-core machine). Ours: the rule call alone, after "
            "parsing, the median of three calls (one if a call takes over 10 s). Before "
            "each timed call, of either tool, the garbage left by what ran before is collected. "
            + ("Both in CPU seconds (--cpu). " if args.cpu else "Both in wall seconds. ")
            + "Ratio = "
            "pabutools / ours. Same outcome = the same projects in the same order as pabutools' "
            "live outcome, or as the reference outcome for `ref` rows.",
            "",
            *lines,
            "",
            *extremes(rows),
            "All calls:",
            "",
            *header,
            *(render_row(r) for r in rows),
            "",
            "Parsing (seconds):",
            "",
            "| instance | voters | ours | pabutools (parse_pabulib) |",
            "|---|---|---|---|",
            *parse_rows,
            "",
        ]
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
