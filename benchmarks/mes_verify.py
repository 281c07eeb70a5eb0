"""Check `pbengine.mes.equal_shares` against pabutools' reference outcomes and time it.

Usage:
  .venv/bin/python benchmarks/mes_verify.py [--dir /work/shared/data/pabulib] [--only SUBSTR]
      [--variants plain,add1,...] [--rounds]   # --rounds: also run add1/budget-increase
                                               # round by round, each run in full (no
                                               # batches, early stops or skipping), compare
Prints per instance and variant: match with the reference, our seconds (rule call only, wall and
CPU: the CPU time is what a shared machine does not distort), pabutools' seconds and the ratio
pabutools / our CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pbengine._mes_fast import run_fast  # noqa: E402
from pbengine.mes import equal_shares, warm_up  # noqa: E402
from pbengine.model import Ballot, Election, Project  # noqa: E402

VARIANTS = {
    "mes_plain": None,
    "mes_add1": "add1",
    "mes_add1_greedy": "add1-greedy",
    "mes_budgetinc": "budget-increase",
    "mes_budgetinc_greedy": "budget-increase-greedy",
}


def load(path: Path) -> Election:
    try:
        from pbengine.pabulib import read
    except ImportError:
        read = None
    if read is not None:
        return read(path)
    from pabutools.election import parse_pabulib

    inst, prof = parse_pabulib(str(path))
    vote_type = inst.meta.get("vote_type", "approval")
    projects = {p.name: Project(p.name, Fraction(p.cost)) for p in inst}
    ballots = []
    for b in prof:
        if vote_type == "cumulative":
            ballots.append(Ballot(tuple(p.name for p in b), tuple(int(b[p]) for p in b)))
        else:
            ballots.append(Ballot(tuple(p.name for p in b)))
    return Election(Fraction(inst.budget_limit), vote_type, projects, ballots)


def sample_skipped(election: Election, completion: str, count: int) -> str:
    """Rerun random rounds that the iterated loop passed over; each must leave room for one more
    project (not exhaustive, so the loop would have gone on): that is what the skipping proof
    claims."""
    import random

    from pbengine._mes_prep import Prepared

    budgets: list[Fraction] = []

    def recording(prep, voter_budget):
        budgets.append(Fraction(voter_budget))
        return run_fast(prep, voter_budget)

    equal_shares(election, completion=completion, runner=recording)
    prep = Prepared(election)
    base = prep.budget / prep.n
    unit = Fraction(1) if completion == "add1" else prep.budget / 100 / prep.n
    available = prep.ids if completion == "add1" else prep.candidates
    executed = sorted({(b - base) / unit for b in budgets})
    skipped = [(k0, k1) for k0, k1 in zip(executed, executed[1:], strict=False) if k1 - k0 > 1]
    if not skipped:
        return "sample: nothing passed over"
    rng = random.Random(1)
    bad = 0
    for _ in range(count):
        k0, k1 = rng.choice(skipped)
        k = rng.randint(int(k0) + 1, int(k1) - 1)
        chosen = {prep.ids[p] for p in run_fast(prep, base + k * unit).selected} | set(prep.free)
        spent = sum(Fraction(election.projects[p].cost) for p in chosen)
        room = any(
            p not in chosen and spent + Fraction(election.projects[p].cost) <= prep.budget
            for p in available
        )
        bad += not room
    passed = sum(int(k1 - k0) - 1 for k0, k1 in skipped)
    return f"sample: {count} of {passed} passed-over rounds rerun, {bad} exhaustive"


def _alarm(signum, frame):
    raise TimeoutError


def main() -> int:
    signal.signal(signal.SIGALRM, _alarm)
    warm_up()  # the compiled loops load once per process: not part of any row's time
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/work/shared/data/pabulib")
    ap.add_argument("--only", default="")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--rounds", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--sample",
        type=int,
        default=0,
        help="also rerun N random passed-over rounds of add1/budget-increase and compare",
    )
    ap.add_argument("--timeout", type=int, default=0, help="seconds per rule call (0: none)")
    args = ap.parse_args()
    folder = Path(args.dir)
    ref = json.loads((folder / "pabutools_reference.json").read_text())
    bad = 0
    for inst in ref["instances"]:
        if args.only and args.only not in inst["file"]:
            continue
        election = load(folder / inst["file"])
        for name in args.variants.split(","):
            completion = VARIANTS[name]
            r = inst["rules"].get(name, {})
            best = None
            cpu = None
            try:
                for _ in range(args.repeat):
                    signal.alarm(args.timeout)
                    t0 = time.perf_counter()
                    c0 = time.process_time()
                    out = equal_shares(election, completion=completion)
                    dt = time.perf_counter() - t0
                    dc = time.process_time() - c0
                    signal.alarm(0)
                    best = dt if best is None else min(best, dt)
                    cpu = dc if cpu is None else min(cpu, dc)
            except TimeoutError:
                print(f"{inst['file'][:52]:52} {name:21} TIMEOUT    > {args.timeout}s", flush=True)
                continue
            status = r.get("status")
            if status == "ok":
                ok = out.selected == r["selected_order"]
                verdict = "OK" if ok else "DIFF"
                bad += not ok
            else:
                verdict = f"({status})"
            extra = ""
            if args.rounds and completion in ("add1", "budget-increase"):
                # every round run in full, one by one: no batches, early stops or skipping
                slow = equal_shares(
                    election,
                    completion=completion,
                    runner=lambda prep, budget: run_fast(prep, budget),
                    skip=False,
                )
                same = slow.selected == out.selected
                bad += not same
                word = "same" if same else "DIFFERENT"
                extra = f" round-by-round: {word} ({slow.details['rounds']} rounds)"
            if args.sample and completion in ("add1", "budget-increase"):
                extra += " " + sample_skipped(election, completion, args.sample)
            ptime = r.get("time_s")
            ratio = f"{ptime / cpu:8.1f}x" if ptime else "       -"
            print(
                f"{inst['file'][:52]:52} {name:21} {verdict:10} ours {best:8.4f}s cpu {cpu:8.4f}s "
                f"pabutools {ptime if ptime else float('nan'):8.2f}s {ratio} "
                f"rounds {out.details['rounds']} fallbacks {out.details['exact_fallbacks']}{extra}",
                flush=True,
            )
    print("mismatches:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
