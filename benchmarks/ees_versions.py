"""Benchmark: EES's ADD-OPT and ADD-OPT-SKIP, an earlier commit's engine against this one's.

Checks out `--old` in a temporary git worktree and runs each file and completion there and here,
one after the other, each in its own process (the engine's compiled kernel changes between
commits, so the two cannot share a process); the machine's load falls on both alike. Prints CPU
seconds (`time.process_time`, after `ees.warm_up()`) with the number of runs, and whether the
two agree: the same projects in order, the same exact final budget and the same number of runs
(a speed change must not change any of them). Prints numbers, never a test:

    .venv/bin/python benchmarks/ees_versions.py --old 1edee93 --data /work/pabulib/pb_files \\
        --utility cost France_Toulouse_2024 Netherlands_Amsterdam_332
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Run in a child process with the engine of one checkout on its path: one call, as JSON.
CHILD = """
import json, sys, time
from pbengine import ees, pabulib
path, utility, completion = sys.argv[1:4]
ees.warm_up()
election = pabulib.read(path)
started = time.process_time()
outcome = ees.equal_shares_exact(election, utility=utility, completion=completion)
seconds = time.process_time() - started
print(json.dumps([seconds, outcome.selected, outcome.details["voter_budget_exact"],
                  outcome.details["runs"]]))
"""


def measure(src: Path, path: Path, utility: str, completion: str) -> list:
    """[CPU s, selected, exact budget, runs] of one call, with the engine under `src`."""
    env = {**os.environ, "PYTHONPATH": str(src), "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", CHILD, str(path), utility, completion],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", required=True, help="the commit to compare with")
    parser.add_argument("--data", type=Path, required=True, help="folder with .pb files")
    parser.add_argument(
        "--utility",
        choices=("cardinality", "cost"),
        default="cardinality",
        help="EES utility (the rules `ees-add-opt*` use cost; older ADR tables use cardinality)",
    )
    parser.add_argument(
        "--completions", default="add-opt,add-opt-skip", help="comma-separated completions"
    )
    parser.add_argument("files", nargs="+", help="file names without .pb")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "old"
        git = ["git", "-C", str(ROOT)]
        subprocess.run([*git, "worktree", "add", "--detach", str(tree), args.old], check=True)  # noqa: S603
        try:
            print(f"| file | completion | {args.old} s (runs) | now s (runs) | same |")
            print("|---|---|---|---|---|")
            for name in args.files:
                path = args.data / f"{name}.pb"
                for completion in args.completions.split(","):
                    old = measure(tree / "src", path, args.utility, completion)
                    new = measure(ROOT / "src", path, args.utility, completion)
                    same = old[1:] == new[1:]
                    print(
                        f"| {name} | {completion} | {old[0]:.2f} ({old[3]}) | "
                        f"{new[0]:.2f} ({new[3]}) | {'yes' if same else '**NO**'} |",
                        flush=True,
                    )
        finally:
            subprocess.run([*git, "worktree", "remove", "--force", str(tree)], check=True)  # noqa: S603


if __name__ == "__main__":
    main()
