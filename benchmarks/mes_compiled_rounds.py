"""Benchmark: MES completions per Pabulib file, to compare two versions of the engine.

`--times`: for every file in `--data` and each rule, the least CPU seconds of `--calls` calls
(`time.process_time`, garbage collected before each) and the outcome, one tab-separated line
each, importing the engine from `--src` (default: this checkout). Run it once per version (for
the old one, `git worktree add /tmp/old REV` and `--src /tmp/old/src`), then `--compare A B`
prints the totals, the ratios, the ten slowest files of A with both times, and every outcome
that differs (there must be none). Prints numbers, never a test:

    .venv/bin/python benchmarks/mes_compiled_rounds.py --data /work/pabulib/pb_files \\
        --src /tmp/old/src --times old.tsv
    .venv/bin/python benchmarks/mes_compiled_rounds.py --data /work/pabulib/pb_files \\
        --times new.tsv
    .venv/bin/python benchmarks/mes_compiled_rounds.py --compare old.tsv new.tsv
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = "mes-add1,mes-budget-increase"


def _times(args) -> None:
    sys.path.insert(0, str(args.src))
    from pbengine import mes, pabulib, rules
    from pbengine.rules import RuleError

    mes.warm_up()
    paths = sorted(args.data.glob("*.pb"), key=lambda path: -path.stat().st_size)
    with open(args.times, "w") as out:
        for path in paths:
            election = pabulib.read(path)
            for rule in args.rules.split(","):
                best, selected = float("inf"), None
                for _ in range(args.calls):
                    gc.collect()
                    started = time.process_time()
                    try:
                        outcome = rules.run(election, rule)
                    except RuleError:
                        break
                    best = min(best, time.process_time() - started)
                    selected = outcome.selected
                if selected is None:
                    continue
                digest = hashlib.sha256(",".join(selected).encode()).hexdigest()[:12]
                out.write(f"{path.stem}\t{rule}\t{best:.5f}\t{digest}\n")
                out.flush()


def _read(path: Path) -> dict[tuple[str, str], tuple[float, str]]:
    rows = {}
    for line in path.read_text().splitlines():
        stem, rule, seconds, digest = line.split("\t")
        rows[stem, rule] = (float(seconds), digest)
    return rows


def _compare(old_path: Path, new_path: Path) -> None:
    old, new = _read(old_path), _read(new_path)
    for rule in sorted({rule for _, rule in old}):
        keys = [key for key in old if key[1] == rule and key in new]
        ratios = [new[key][0] / max(old[key][0], 1e-6) for key in keys]
        different = [key[0] for key in keys if old[key][1] != new[key][1]]
        total_old = sum(old[key][0] for key in keys)
        total_new = sum(new[key][0] for key in keys)
        pairs = zip(ratios, keys, strict=True)
        much = sum(r > 1.1 and new[k][0] - old[k][0] > 0.01 for r, k in pairs)
        print(
            f"{rule}: {len(keys)} files, total {total_old:.2f} -> {total_new:.2f} CPU s; ratio "
            f"median {statistics.median(ratios):.2f}, min {min(ratios):.2f}, max "
            f"{max(ratios):.2f}; {sum(r < 0.9 for r in ratios)} at least 10% faster, "
            f"{sum(r > 1.1 for r in ratios)} at least 10% slower, of which "
            f"{much} by over 0.01 s; slowest {max(old[k][0] for k in keys):.3f} -> "
            f"{max(new[k][0] for k in keys):.3f} s; different outcomes: {len(different)} "
            f"{different[:5]}"
        )
        print("  ten slowest before: file, before, after")
        for key in sorted(keys, key=lambda k: -old[k][0])[:10]:
            print(f"  {key[0]}\t{old[key][0]:.3f}\t{new[key][0]:.3f}")
        worse = sorted(keys, key=lambda k: old[k][0] - new[k][0])[:5]
        slower = (f"{k[0]} {old[k][0]:.3f}->{new[k][0]:.3f}" for k in worse)
        print("  most slower: " + ", ".join(slower))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder with .pb files")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the engine's src folder")
    parser.add_argument("--rules", default=RULES)
    parser.add_argument("--calls", type=int, default=2)
    parser.add_argument("--times", type=Path, help="write the times here")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("OLD", "NEW"))
    args = parser.parse_args(argv)
    if args.compare:
        _compare(*args.compare)
    else:
        _times(args)


if __name__ == "__main__":
    main()
