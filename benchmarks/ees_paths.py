"""Benchmark: EES's ADD-OPT and ADD-OPT-SKIP, plain reference against the incremental fast path.

For each Pabulib file given (or the default set: the files of ADR 0009's first table), runs the
completion twice with cost utilities, as `rules.run` does:

- *reference*: `pbengine._ees_exact.add_opt`, every EES run from scratch (the code before the
  incremental runs, ADR 0009);
- *fast*: `pbengine.ees.equal_shares_exact`, runs resumed at the first round that can change.

and prints CPU seconds (`time.process_time`, under a CPU limit per call, `--limit-s`), the number
of EES runs, and whether both give the same outcome (projects in order and final budget).
Example: `.venv/bin/python benchmarks/ees_paths.py --data /work/pabulib/pb_files`.
"""

from __future__ import annotations

import argparse
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pb_sweep import cpu_timed  # noqa: E402

from pbengine import _ees_exact, ees, pabulib  # noqa: E402

FILES = (
    "Poland_Lodz_2020_Nr_33",
    "Canada_Stanford_Dataset_PB_Dieppe_2018_vote_approvals",
    "Netherlands_Amsterdam_588",
    "Switzerland_Zurich_SN",
    "Poland_Swiecie_2023",
    "Poland_Lodz_2020_Julianow-Marysin-Rogi",
    "Poland_Warszawa_2019_Obszar_1-Zoliborz_Centralny",
    "Netherlands_Amsterdam_166",
    "Netherlands_Amsterdam_613",
    "Netherlands_Amsterdam_622",
    "France_Toulouse_2022",
)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of .pb files")
    parser.add_argument("files", nargs="*", default=list(FILES), help="file names without .pb")
    parser.add_argument("--limit-s", type=float, default=30.0, help="CPU seconds per call")
    args = parser.parse_args(argv)
    print("| file | voters | projects | completion | reference s (runs) | fast s (runs) | same |")
    print("|---|---|---|---|---|---|---|")
    for name in args.files:
        election = pabulib.read(args.data / f"{name}.pb")
        for completion in ("add-opt", "add-opt-skip"):
            skip = completion == "add-opt-skip"
            ref, ref_s = cpu_timed(
                lambda e=election, s=skip: _ees_exact.add_opt(ees._Prepared(e, "cost"), skip=s),
                args.limit_s,
            )
            fast, fast_s = cpu_timed(
                lambda e=election, c=completion: ees.equal_shares_exact(
                    e, utility="cost", completion=c
                ),
                args.limit_s,
            )
            shown_ref = f"{ref_s:.2f} ({ref[1]})" if ref else f"> {args.limit_s:.0f}"
            shown_fast = (
                f"{fast_s:.2f} ({fast.details['runs']})" if fast else f"> {args.limit_s:.0f}"
            )
            same = "-"
            if ref and fast:
                run, steps = ref
                same = (
                    fast.selected == run.selected
                    and Fraction(fast.details["voter_budget_exact"]) == run.budget
                    and fast.details["runs"] == steps
                )
            print(
                f"| {name} | {election.num_voters} | {len(election.projects)} | {completion} "
                f"| {shown_ref} | {shown_fast} | {same} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
