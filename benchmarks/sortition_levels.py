"""LEXIMIN level by level on a generated pool: CPU and wall seconds, LP solves, simplex
iterations and pricing MIPs after each level (where the time goes, issue #15).

    .venv/bin/python benchmarks/sortition_levels.py 500 50 2      # the skewed 500-pool
    .venv/bin/python benchmarks/sortition_levels.py 2000 200 7    # the 2,000-pool

Pools under 1,000 get 10 % households of two, as in benchmarks/sortition.py. CPU seconds are
time.process_time of this process, which the machine's load does not inflate.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sortition_engine import data, generate, leximin  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("people", type=int)
    parser.add_argument("seats", type=int)
    parser.add_argument("seed", type=int)
    args = parser.parse_args(argv)
    households = args.people < 1000
    with tempfile.TemporaryDirectory() as folder:
        f, p = generate.write(
            Path(folder),
            args.people,
            args.seats,
            args.seed,
            household_share=0.1 if households else 0.0,
        )
        inst = data.load(f, p, args.seats, household_columns=["adres"] if households else [])
    wall, cpu = time.perf_counter(), time.process_time()
    leximin.TIMES.clear()

    def progress(message: str) -> None:
        t = leximin.TIMES
        print(
            f"{time.perf_counter() - wall:7.1f} s wall {time.process_time() - cpu:7.1f} s CPU | "
            f"{message} | {t['iterations']} LP solves, {t['simplex_iterations']} simplex "
            f"iterations, LP {t['lp']:.1f} s / MIP {t['mip']:.1f} s wall",
            flush=True,
        )

    comps, mu, stats = leximin.leximin(inst, progress=progress)
    probabilities = ((np.array(comps, dtype=float) / inst.sizes).T @ mu)[inst.type_of]
    print(
        f"done: {stats}, {time.perf_counter() - wall:.1f} s wall, "
        f"{time.process_time() - cpu:.1f} s CPU; minimum {probabilities.min():.6f}, geometric "
        f"mean {np.exp(np.log(np.maximum(probabilities, 1e-12)).mean()):.6f}, "
        f"{inst.n_types} types"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
