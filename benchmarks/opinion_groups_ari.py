"""Cold-start opinion groups against Polis' own, as adjusted Rand index (ARI), per conversation.

- Open-data exports (`../shared/data/polis/<name>/`, or `--shared`): ARI between our groups and
  the `group-id` column of participants-votes.csv, over participants both grouped; with k free
  (chosen by silhouette) and with k forced to the export's k. "grouped < 7 votes" counts exported
  participants with a group although they cast fewer than 7 votes: the current Polis math does that
  at most for the top-up to 15, so such exports came from an older math version or another state
  and cannot be matched.
- Polis API snapshots (`reddwarf-fixtures/`): ARI against the groups of Polis' math-pca2.json, cold
  (k free; k forced) and from Polis' state (its in-conv set, k and group centres as start).

Prints a markdown table and writes it to benchmarks/results/opinion_groups_ari.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from opinionmap import compute, read_polis_export  # noqa: E402
from opinionmap.metrics import adjusted_rand_index  # noqa: E402
from opinionmap.tests.polis_api import load_snapshot, polis_groups  # noqa: E402


def exports(shared: Path) -> list[str]:
    lines = [
        "| export | participants | grouped (export) | grouped < 7 votes | k export | k ours | "
        "ARI k free | ARI k = export's |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for folder in sorted(p for p in shared.iterdir() if (p / "comments.csv").exists()):
        conversation = read_polis_export(folder)
        reference = conversation.exported_groups
        counts = dict(
            zip(*np.unique(conversation.vote_participants, return_counts=True), strict=True)
        )
        sparse = sum(1 for pid in reference if counts.get(pid, 0) < 7)
        k_export = len(set(reference.values()))
        free = compute(conversation)
        forced = compute(conversation, k=k_export)
        ari_free = adjusted_rand_index(free.groups, reference)
        ari_forced = adjusted_rand_index(forced.groups, reference)
        lines.append(
            f"| {folder.name} | {len(conversation.participant_ids)} | {len(reference)} | "
            f"{sparse} | {k_export} | {free.k} | {ari_free:.3f} | {ari_forced:.3f} |"
        )
    return lines


def snapshots(folder: Path) -> list[str]:
    lines = [
        "| Polis API snapshot | participants | in-conv | k Polis | k ours | ARI k free | "
        "ARI k = Polis' | ARI from Polis' state |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for path in sorted(p for p in folder.iterdir() if (p / "math-pca2.json").exists()):
        conversation, math = load_snapshot(path)
        reference = polis_groups(math)
        k = len(math["group-clusters"])
        free = compute(conversation)
        forced = compute(conversation, k=k)
        columns = [free.statement_ids.index(t) for t in math["tids"]]
        signs = np.sign(
            np.sum(free.pca.components[:, columns] * np.asarray(math["pca"]["comps"]), 1)
        )
        centres = -np.asarray([g["center"] for g in math["group-clusters"]]) * signs
        warm = compute(conversation, in_conv=math["in-conv"], k=k, group_init=centres)
        lines.append(
            f"| {path.name} | {len(conversation.participant_ids)} | {len(math['in-conv'])} | {k} | "
            f"{free.k} | {adjusted_rand_index(free.groups, reference):.3f} | "
            f"{adjusted_rand_index(forced.groups, reference):.3f} | "
            f"{adjusted_rand_index(warm.groups, reference):.3f} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data" / "polis")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"{args.shared}: the shared Polis data is absent", file=sys.stderr)
        return 1
    text = "\n".join(exports(args.shared) + [""] + snapshots(args.shared / "reddwarf-fixtures"))
    print(text)
    (ROOT / "benchmarks" / "results" / "opinion_groups_ari.md").write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
