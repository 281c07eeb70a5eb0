"""`samenspraak pb-outcome FILE.pb --rule RULE`: the outcome of a Pabulib file as one JSON object.

Runs before Django is set up (see `samenspraak.__main__`), so it starts fast and needs no
database. `--rule file` applies the rule the file's META names (`rules.from_meta`).

Output: {"file", "rule", "meta_rule" (with --rule file), "selected" (ids in selection order),
"cost", "budget", "voters", "projects", "seconds" (the rule alone), "parse_seconds",
"partially_funded" (when the META rule funds a project in part)}. A file that cannot be read or a
rule that cannot be applied: exit code 2 and one line on stderr, e.g.
"pb-outcome: x.pb: line 17: cost 'abc' of project 12 is not a number".
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from fractions import Fraction

from pbengine import pabulib, rules
from pbengine.model import total_cost


def _number(value: Fraction):
    return int(value) if value.denominator == 1 else float(value)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own usage errors: exit 2 as well, without a traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"pb-outcome: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(
        prog="samenspraak pb-outcome",
        description="Print the outcome of a participatory budget in a Pabulib file as JSON.",
    )
    parser.add_argument("file", help="a .pb file (Pabulib format)")
    parser.add_argument(
        "--rule",
        default="file",
        choices=[*rules.RULES, "file"],
        help="the rule to apply; 'file' = the rule the file's META names (default)",
    )
    parser.add_argument(
        "--threshold", type=Fraction, help="minimum score for greedy-threshold (else META's)"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    try:
        election = pabulib.read(args.file)
    except OSError as error:
        print(f"pb-outcome: {args.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    except pabulib.PabulibError as error:
        print(f"pb-outcome: {args.file}: {error}", file=sys.stderr)
        return 2
    parsed = time.perf_counter()
    try:
        if args.rule == "file":
            outcome = rules.from_meta(election)
        else:
            outcome = rules.run(election, args.rule, threshold=args.threshold)
    except rules.RuleError as error:
        print(f"pb-outcome: {args.file}: {error}", file=sys.stderr)
        return 2
    finished = time.perf_counter()

    result = {
        "file": str(args.file),
        "rule": outcome.rule,
        "selected": outcome.selected,
        "cost": _number(total_cost(election, outcome.selected)),
        "budget": _number(election.budget),
        "voters": election.num_voters,
        "projects": len(election.projects),
        "vote_type": election.vote_type,
        "seconds": round(finished - parsed, 6),
        "parse_seconds": round(parsed - started, 6),
    }
    if args.rule == "file":
        result["meta_rule"] = outcome.details.get("meta_rule")
    if "partially_funded" in outcome.details:
        result["partially_funded"] = outcome.details["partially_funded"]
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
