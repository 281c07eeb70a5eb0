"""Benchmark: how often the add-one completion's runs change, to size "jump to the next change".

Issue #12 idea: for a fixed order of winners every price is piecewise linear in the per-voter
budget b, so the next b at which some round's winner changes could be computed from one run and
the loop could jump straight there. How many reruns that needs is the number of order changes
between the first budget and the one where the loop stops; how hard the jump is to compute depends
on how often the structure (which supporters pay in full) changes in between, since the pieces end
there.

For each window of consecutive add-one rounds (budget / voters + k, k = start .. start + width - 1)
this runs MES in full at every integer budget and counts, against the round before:
- order changes (the winners or their order differ),
- set changes (the selected set differs: all the loop's stopping rule looks at),
- structure changes with the same order (some winner is paid in full by another number of
  voters: a piece of the piecewise linear prices ended in between).

It prints the counts, the CPU seconds per run (`time.process_time`), the total number of rounds
the loop goes through, and the engine's own work for the whole completion (runs and proofs).

    python benchmarks/mes_add1_changes.py /work/pabulib/pb_files/Hungary_Budapest_2024.pb \
        --windows 0,5000,15000,21000 --width 300
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from pbengine import pabulib  # noqa: E402
from pbengine._mes_fast import run_fast  # noqa: E402
from pbengine._mes_prep import Prepared  # noqa: E402
from pbengine.mes import equal_shares  # noqa: E402


def window(prep: Prepared, start: int, width: int) -> dict:
    base = prep.budget / prep.n
    counts = {"runs": 0, "order": 0, "set": 0, "structure": 0, "cpu": 0.0}
    previous = None
    for k in range(start, start + width):
        began = time.process_time()
        trace = run_fast(prep, base + k)
        counts["cpu"] += time.process_time() - began
        counts["runs"] += 1
        order = trace.selected
        full = [s.paid_full for s in trace.steps]
        if previous is not None:
            old_order, old_full = previous
            if order != old_order:
                counts["order"] += 1
            elif full != old_full:
                counts["structure"] += 1
            if set(order) != set(old_order):
                counts["set"] += 1
        previous = (order, full)
    return counts


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--windows", default="0", help="first rounds of the windows (k)")
    parser.add_argument("--width", type=int, default=300, help="rounds per window")
    args = parser.parse_args(argv)
    election = pabulib.read(args.path)
    prep = Prepared(election)
    began = time.process_time()
    outcome = equal_shares(election, completion="add1")
    cpu = time.process_time() - began
    base = prep.budget / prep.n
    last = round(outcome.details["voter_budget"] - float(base))
    print(
        f"{args.path.stem}: {prep.n} voters, {prep.D} distinct ballots, {prep.P} projects; "
        f"add-one's outcome is round k = {last} (round {last + 1} stops the loop), so it goes "
        f"through {last + 2} rounds; the engine ran {outcome.details['rounds']} of them and "
        f"made {outcome.details['proofs']} proofs in {cpu:.2f} CPU s"
    )
    total = {"runs": 0, "order": 0, "set": 0, "structure": 0, "cpu": 0.0}
    for start in (int(s) for s in args.windows.split(",")):
        counts = window(prep, start, args.width)
        for key in total:
            total[key] += counts[key]
        steps = counts["runs"] - 1
        print(
            f"k {start}..{start + args.width - 1}: of {steps} steps of one unit, "
            f"{counts['order']} change the order, {counts['set']} the set, "
            f"{counts['structure']} only who pays in full; "
            f"{1000 * counts['cpu'] / counts['runs']:.1f} ms CPU per run"
        )
    steps = total["runs"] - len(args.windows.split(","))
    rate = total["order"] / max(1, steps)
    print(
        f"all windows: {steps} steps, {total['order']} order changes ({rate:.4f} per unit), "
        f"{total['set']} set changes, {total['structure']} structure-only changes; "
        f"estimated reruns for the whole completion if it jumped from order change to order "
        f"change: {rate * (last + 2):.0f}, at "
        f"{1000 * total['cpu'] / total['runs']:.1f} ms CPU per run"
    )


if __name__ == "__main__":
    main()
