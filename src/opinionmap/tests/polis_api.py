"""Load a red-dwarf fixture (Polis API snapshot: votes.json, comments.json, math-pca2.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from opinionmap.model import Conversation, Statement


def load_snapshot(folder: Path) -> tuple[Conversation, dict[str, Any]]:
    votes = json.loads((folder / "votes.json").read_text())
    comments = json.loads((folder / "comments.json").read_text())
    math = json.loads((folder / "math-pca2.json").read_text())
    mod_out = set(math["mod-out"])
    statements: dict[int, Statement] = {}
    for c in comments:
        sid = c.get("statement_id", c.get("tid"))
        statements[sid] = Statement(
            id=sid,
            text=c["txt"],
            moderated=-1 if sid in mod_out else int(c.get("moderated", c.get("mod", 0))),
        )
    latest: dict[tuple[int, int], tuple[float, int]] = {}
    for v in votes:
        pid = v.get("participant_id", v.get("pid"))
        sid = v.get("statement_id", v.get("tid"))
        stamp = float(v.get("modified") or 0)
        if (pid, sid) not in latest or stamp >= latest[(pid, sid)][0]:
            latest[(pid, sid)] = (stamp, int(v["vote"]))
    pairs = sorted(latest)
    for _, sid in pairs:
        statements.setdefault(sid, Statement(id=sid, moderated=-1 if sid in mod_out else 0))
    conversation = Conversation(
        statements=statements,
        participant_ids=sorted({p for p, _ in pairs}),
        vote_participants=np.array([p for p, _ in pairs], dtype=np.int64),
        vote_statements=np.array([s for _, s in pairs], dtype=np.int64),
        vote_values=np.array([latest[p][1] for p in pairs], dtype=np.int8),
    )
    return conversation, math


def polis_groups(math: dict[str, Any]) -> dict[int, int]:
    """Participant -> Polis group id, through the base clusters."""
    base = math["base-clusters"]
    members_of_base = dict(zip(base["id"], base["members"], strict=True))
    groups: dict[int, int] = {}
    for group in math["group-clusters"]:
        for bid in group["members"]:
            for pid in members_of_base[bid]:
                groups[pid] = group["id"]
    return groups
