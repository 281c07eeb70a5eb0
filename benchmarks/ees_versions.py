"""Benchmark: EES's ADD-OPT and ADD-OPT-SKIP, an earlier commit's fast path against this one's.

Loads `src/pbengine/ees.py` as it was at `--old` (via `git show`) next to the current one, and runs
both completions of both on each named file, one after the other in one process, so that the
machine's load falls on both alike. Prints CPU seconds (`time.process_time`) with the number of
runs, and whether the two agree: the same projects in order, the same exact final budget and the
same number of runs (a speed change must not change any of them). Prints numbers, never a test:

    .venv/bin/python benchmarks/ees_versions.py --old dcbc9ef --data /work/pabulib/pb_files \\
        France_Toulouse_2022 Netherlands_Amsterdam_267
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from pbengine import ees, pabulib  # noqa: E402


def old_module(commit: str):
    """`pbengine.ees` as it was at `commit`, loaded under another name."""
    source = subprocess.run(  # noqa: S603 - a fixed git command in our own checkout
        ["git", "show", f"{commit}:src/pbengine/ees.py"],  # noqa: S607
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "ees_old.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("pbengine.ees_old", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", required=True, help="the commit to compare with")
    parser.add_argument("--data", type=Path, required=True, help="folder with .pb files")
    parser.add_argument(
        "--utility",
        choices=ees.UTILITIES,
        default="cardinality",
        help="EES utility (the rules `ees-add-opt*` use cost; the ADR tables use cardinality)",
    )
    parser.add_argument("files", nargs="+", help="file names without .pb")
    args = parser.parse_args(argv)
    before = old_module(args.old)
    ees.warm_up()  # the compiled loops load once per process: not part of any file's time
    print(f"| file | completion | {args.old} s (runs) | now s (runs) | same |")
    print("|---|---|---|---|---|")
    for name in args.files:
        election = pabulib.read(args.data / f"{name}.pb")
        for completion in ("add-opt", "add-opt-skip"):
            measured = []
            for module in (before, ees):
                started = time.process_time()
                outcome = module.equal_shares_exact(
                    election, utility=args.utility, completion=completion
                )
                measured.append((time.process_time() - started, outcome))
            (old_s, old), (new_s, new) = measured
            same = (old.selected, old.details["voter_budget_exact"], old.details["runs"]) == (
                new.selected,
                new.details["voter_budget_exact"],
                new.details["runs"],
            )
            print(
                f"| {name} | {completion} | {old_s:.2f} ({old.details['runs']}) | "
                f"{new_s:.2f} ({new.details['runs']}) | {'yes' if same else '**NO**'} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
