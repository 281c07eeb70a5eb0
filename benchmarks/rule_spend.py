"""Benchmark: what the result task's per-rule spend table costs (`results.compare.rule_spend`
runs every rule budgeting offers on the same ballots), and Equal Shares with category caps.

For each Pabulib file (default: the development set's files, `--files` to choose), every rule a
budget can have is run once through the engine, as the worker runs it, in CPU seconds
(`time.process_time`: the load of a shared machine does not count) with a CPU limit per rule
(`--limit-s`, SIGPROF; over the limit prints `>limit`). Prints per file and rule the CPU time
and the share of the budget spent, and the file's total. Where a file has
`budget_per_category` (Amsterdam), the Equal Shares rules are also run with those caps
(`pbengine.capped`), marked `+caps`.

    .venv/bin/python benchmarks/rule_spend.py --limit-s 20
    .venv/bin/python benchmarks/rule_spend.py --files Netherlands_Amsterdam_166.pb --caps-only
"""

from __future__ import annotations

import argparse
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import os  # noqa: E402

from benchmarks.pb_sweep import cpu_timed  # noqa: E402
from pbengine import mes, pabulib, rules  # noqa: E402
from pbengine.model import APPROVAL, CHOOSE_1, total_cost  # noqa: E402

#: budgeting's OutcomeRule values as engine rules (budgeting's "greedy" is "greedy-score")
OFFERED = (
    ("greedy", "greedy-score"),
    ("greedy-no-skip", "greedy-no-skip"),
    ("mes", "mes"),
    ("mes-add1", "mes-add1"),
    ("mes-add1-greedy", "mes-add1-greedy"),
    ("mes-budget-increase-greedy", "mes-budget-increase-greedy"),
    ("ees", "ees"),
    ("ees-add-opt", "ees-add-opt"),
    ("ees-add-opt-skip", "ees-add-opt-skip"),
)
#: the development set (SAMENSPRAAK_SHARED, else ../shared next to the repository)
DATA = Path(os.environ.get("SAMENSPRAAK_SHARED", ROOT.parent / "shared")) / "data" / "pabulib"
CAPPED = (
    "mes",
    "mes-add1",
    "mes-add1-greedy",
    "mes-budget-increase",
    "mes-budget-increase-greedy",
)


def _caps(election) -> dict[str, Fraction] | None:
    if "budget_per_category" not in election.meta:
        return None
    names = [n.strip() for n in election.meta.get("categories", "").split(",")]
    amounts = [Fraction(a.strip()) for a in election.meta["budget_per_category"].split(",")]
    return dict(zip(names, amounts, strict=True))


def _row(election, label: str, function, limit: float) -> float:
    try:
        outcome, seconds = cpu_timed(function, limit)
    except rules.RuleError as error:
        print(f"  {label:34} cannot: {error}")
        return 0.0
    if outcome is None:
        print(f"  {label:34} >{limit:g} s")
        return limit
    share = total_cost(election, outcome.selected) / election.budget
    print(f"  {label:34} {seconds:8.3f} s  {float(share):6.1%} of the budget")
    return seconds


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--files", default="", help="comma-separated names (default: all)")
    parser.add_argument("--limit-s", type=float, default=20.0)
    parser.add_argument("--caps-only", action="store_true")
    args = parser.parse_args(argv)
    mes.warm_up()  # the compiled loops load once per process: not part of any file's time
    names = [n for n in args.files.split(",") if n] or sorted(
        p.name for p in args.data.glob("*.pb")
    )
    for name in names:
        election = pabulib.parse((args.data / name).read_text(encoding="utf-8"))
        kind = election.vote_type
        print(f"{name} ({kind}, {len(election.projects)} projects, {election.num_voters} voters)")
        total = 0.0
        if not args.caps_only:
            for rule, engine_rule in OFFERED:
                if rule.startswith("ees") and kind not in (APPROVAL, CHOOSE_1):
                    print(f"  {rule:34} cannot: approval ballots only")
                    continue
                total += _row(
                    election,
                    rule,
                    lambda e=election, r=engine_rule: rules.run(e, r),
                    args.limit_s,
                )
            print(f"  {'all offered rules':34} {total:8.3f} s CPU (a limit counts as the limit)")
        caps = _caps(election)
        if caps:
            for rule in CAPPED:
                _row(
                    election,
                    f"{rule}+caps",
                    lambda e=election, r=rule, c=caps: rules.run(e, r, caps=c),
                    args.limit_s,
                )


if __name__ == "__main__":
    main()
