"""Benchmark: MES add-one with two sizes of `mes.BATCH_CELLS` (how many budgets a batch holds).

For every Pabulib file in `--data` (largest first, down to `--min-bytes`) whose add-one loop runs
in batches (then `_mes_batch`) and whose batches the two sizes make different (more classes than
`--new / 256`), runs `mes-add1` twice with each size, alternating, in this one process, and
prints the least CPU seconds (`time.process_time`) of each, their ratio, and whether the outcomes
are the same (the batch size must never change one). Since session 9 the rounds are compiled
runs made one by one (`_mes_compiled`), and the sizes only set how often a proof is tried; the
session 8 results (`results/mes_batch_cells.md`) were taken with numpy batches. Prints numbers,
never a test:

    .venv/bin/python benchmarks/mes_batch_cells.py --data /work/pabulib/pb_files \\
        --old 22 --new 18
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from pbengine import mes, pabulib, rules  # noqa: E402
from pbengine._mes_prep import Prepared  # noqa: E402
from pbengine.rules import RuleError  # noqa: E402


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with .pb files")
    parser.add_argument("--old", type=int, default=22, help="BATCH_CELLS = 2**old")
    parser.add_argument("--new", type=int, default=18, help="BATCH_CELLS = 2**new")
    parser.add_argument("--min-bytes", type=int, default=60_000)
    args = parser.parse_args(argv)
    old, new = 1 << args.old, 1 << args.new
    mes.warm_up()
    paths = sorted(args.data.glob("*.pb"), key=lambda path: -path.stat().st_size)
    ratios, totals = [], [0.0, 0.0]
    for path in paths:
        if path.stat().st_size < args.min_bytes:
            break
        election = pabulib.read(path)
        try:
            prep = Prepared(election)
        except RuleError:
            continue
        classes = prep.D
        same_batches = classes <= min(old, new) // mes.BATCH  # both sizes hold BATCH rounds
        if same_batches or len(prep.nz_p) > mes.BATCH_MAX_SUPPORT * prep.P:
            continue  # (the second: rounds run one at a time)
        best = {old: float("inf"), new: float("inf")}
        outcomes = set()
        for cells in (old, new, old, new):
            mes.BATCH_CELLS = cells
            started = time.process_time()
            outcome = rules.run(election, "mes-add1")
            best[cells] = min(best[cells], time.process_time() - started)
            outcomes.add(tuple(outcome.selected))
        ratio = best[new] / best[old]
        ratios.append(ratio)
        totals[0] += best[old]
        totals[1] += best[new]
        same = "same" if len(outcomes) == 1 else "DIFFERENT"
        print(
            f"{path.stem}\tclasses {prep.D}\t2**{args.old} {best[old]:.3f}\t"
            f"2**{args.new} {best[new]:.3f}\tratio {ratio:.2f}\t{same}",
            flush=True,
        )
    if ratios:
        print(
            f"{len(ratios)} files: total {totals[0]:.2f} -> {totals[1]:.2f} CPU s; ratio min "
            f"{min(ratios):.2f}, median {statistics.median(ratios):.2f}, max {max(ratios):.2f}; "
            f"{sum(r < 0.9 for r in ratios)} at least 10% faster, "
            f"{sum(r > 1.1 for r in ratios)} at least 10% slower"
        )


if __name__ == "__main__":
    main()
