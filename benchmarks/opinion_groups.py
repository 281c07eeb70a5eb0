"""Benchmark: opinion groups (opinionmap) on a large real Polis conversation and a huge made one.

1. american-assembly.bowling-green (2,031 participants x 896 statements, 225,524 votes) from the
   shared Polis set (default `../shared/data/polis`, or `--shared`): the computation alone, after
   reading the files; median of five runs. With `--reddwarf PYTHON` (a Python that has `red-dwarf`
   installed, in a throwaway venv, never the project's) red-dwarf's `run_pipeline` runs on the same
   votes in that interpreter (one warm-up, median of three), side by side.
2. A synthetic conversation: 100,000 participants x 2,000 statements, 5,000,000 votes, three latent
   opinion groups (seeded): one run, wall seconds of the computation.

Prints a markdown table and writes it to benchmarks/results/opinion_groups.md. A script that prints
numbers, never a timed test: `.venv/bin/python benchmarks/opinion_groups.py --help`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from opinionmap import compute, read_polis_export  # noqa: E402
from opinionmap.metrics import adjusted_rand_index  # noqa: E402
from opinionmap.model import Conversation, Statement  # noqa: E402

REDDWARF_SCRIPT = r"""
import json, statistics, sys, time, warnings
warnings.simplefilter("ignore")
from reddwarf.implementations.polis import run_pipeline
data = json.load(open(sys.argv[1]))
votes = [{"participant_id": p, "statement_id": s, "vote": v, "modified": 0}
         for p, s, v in zip(data["p"], data["s"], data["v"])]
def once():
    start = time.perf_counter()
    run_pipeline(votes=votes, mod_out_statement_ids=data["mod_out"], random_state=0)
    return time.perf_counter() - start
once()
times = [once() for _ in range(3)]
print(json.dumps({"seconds": statistics.median(times), "runs": times}))
"""


def synthetic(
    n_participants: int, n_statements: int, n_votes: int, seed: int = 0
) -> tuple[Conversation, dict[int, int]]:
    """Three latent groups, each with its own chance to agree per statement; random subsets seen."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 3, size=n_participants)
    agree_chance = rng.uniform(0.05, 0.95, size=(3, n_statements))
    pairs = np.unique(
        rng.integers(0, n_participants, size=int(n_votes * 1.1), dtype=np.int64) * n_statements
        + rng.integers(0, n_statements, size=int(n_votes * 1.1), dtype=np.int64)
    )
    pairs = rng.permutation(pairs)[:n_votes]
    pairs.sort()
    rows, cols = pairs // n_statements, pairs % n_statements
    p = agree_chance[truth[rows], cols]
    draw = rng.random(rows.size)
    votes = np.where(draw < p * 0.9, 1, np.where(draw < 0.9, -1, 0)).astype(np.int8)
    conversation = Conversation(
        statements={s: Statement(id=s, moderated=1) for s in range(n_statements)},
        participant_ids=list(range(n_participants)),
        vote_participants=rows,
        vote_statements=cols,
        vote_values=votes,
    )
    return conversation, dict(enumerate(truth.tolist()))


def run_reddwarf(python: str, conversation: Conversation) -> float | None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "votes.json"
        data.write_text(
            json.dumps(
                {
                    "p": conversation.vote_participants.tolist(),
                    "s": conversation.vote_statements.tolist(),
                    "v": conversation.vote_values.tolist(),
                    "mod_out": sorted(conversation.mod_out),
                }
            )
        )
        script = Path(tmp) / "rd.py"
        script.write_text(REDDWARF_SCRIPT)
        done = subprocess.run(  # noqa: S603
            [python, str(script), str(data)], capture_output=True, text=True, timeout=600
        )
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
            return None
        return float(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data" / "polis")
    parser.add_argument("--reddwarf", help="a Python interpreter with red-dwarf installed")
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--statements", type=int, default=2_000)
    parser.add_argument("--votes", type=int, default=5_000_000)
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args(argv)

    lines = [
        "| conversation | participants | statements | votes | k | read s | ours s | red-dwarf s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    bowling = args.shared / "american-assembly.bowling-green"
    if bowling.is_dir():
        start = time.perf_counter()
        conversation = read_polis_export(bowling)
        read = time.perf_counter() - start
        results = [compute(conversation) for _ in range(5)]
        ours = statistics.median(r.seconds for r in results)
        theirs = run_reddwarf(args.reddwarf, conversation) if args.reddwarf else None
        lines.append(
            f"| bowling-green | {len(conversation.participant_ids):,} | "
            f"{len(conversation.statements):,} | {conversation.n_votes:,} | {results[0].k} | "
            f"{read:.2f} | {ours:.3f} | {'-' if theirs is None else f'{theirs:.2f}'} |"
        )
    else:
        print(f"{bowling} is absent: skipping the real conversation", file=sys.stderr)
    if not args.skip_synthetic:
        start = time.perf_counter()
        conversation, truth = synthetic(args.participants, args.statements, args.votes)
        made = time.perf_counter() - start
        result = compute(conversation)
        ari = adjusted_rand_index(result.groups, truth)
        lines.append(
            f"| synthetic (3 latent groups, ARI {ari:.3f}) | {args.participants:,} | "
            f"{args.statements:,} | {conversation.n_votes:,} | {result.k} | {made:.2f} (made) | "
            f"{result.seconds:.2f} | - |"
        )
    cores = os.cpu_count()
    footer = (
        f"\n{platform.processor() or platform.machine()}, {cores} cores, numpy {np.__version__}"
    )
    text = "\n".join(lines) + footer
    print(text)
    out = ROOT / "benchmarks" / "results" / "opinion_groups.md"
    out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
