"""Benchmark helper: the selections of every Equal Shares rule on Pabulib files, to compare two
states of the engine (an optimisation must not change a single outcome).

Writes {"file rule": selected ids} as JSON for the `--largest` N files and a seeded `--sample`
of the others; `--compare A B` lists the instances where two such files differ. Run it once
with the engine before the change (e.g. `git archive <commit> src | tar -x -C /tmp/before`, then
`PYTHONPATH=/tmp/before/src`: the engine is the one on PYTHONPATH) and once after:

    PYTHONPATH=src .venv/bin/python benchmarks/mes_outcomes.py --data /work/pabulib/pb_files \\
        --output /tmp/after.json
    .venv/bin/python benchmarks/mes_outcomes.py --compare /tmp/before.json /tmp/after.json
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

RULES = ("mes", "mes-add1", "mes-add1-greedy", "mes-budget-increase", "mes-budget-increase-greedy")


def selections(data: Path, largest: int, sample: int, seed: int) -> dict[str, object]:
    from pbengine import pabulib, rules

    files = sorted(data.glob("*.pb"))
    chosen = sorted(files, key=lambda p: -p.stat().st_size)[:largest]
    chosen += random.Random(seed).sample(files, min(sample, len(files)))
    out: dict[str, object] = {}
    for path in dict.fromkeys(chosen):
        try:
            election = pabulib.parse(path.read_text(encoding="utf-8"))
        except Exception as error:  # noqa: BLE001 (a file the reader rejects: recorded)
            out[path.name] = repr(error)
            continue
        for rule in RULES:
            try:
                out[f"{path.name} {rule}"] = rules.run(election, rule).selected
            except Exception as error:  # noqa: BLE001 (recorded, to be compared too)
                out[f"{path.name} {rule}"] = repr(error)
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path)
    parser.add_argument("--largest", type=int, default=40)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path)
    args = parser.parse_args(argv)
    if args.compare:
        a, b = (json.loads(p.read_text()) for p in args.compare)
        differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
        print(f"{len(a)} and {len(b)} instances, {len(differ)} differ")
        for key in differ:
            print(f"  {key}: {a.get(key)} != {b.get(key)}")
        return
    out = selections(args.data, args.largest, args.sample, args.seed)
    args.output.write_text(json.dumps(out, indent=0))
    print(f"{len(out)} instances -> {args.output}")


if __name__ == "__main__":
    main()
