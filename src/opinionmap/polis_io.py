"""Read and write a Polis export folder.

The open-data exports (github.com/compdemocracy/openData) hold `comments.csv`, `votes.csv`
(every vote event; the last one per participant and statement counts) and
`participants-votes.csv` (the final vote matrix plus the group Polis assigned). Either vote file
is enough; when both are present `votes.csv` gives the votes and `participants-votes.csv` only the
exported groups. Errors name the file and the line.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from opinionmap.model import Conversation, OpinionMapInputError, Statement

COMMENTS = "comments.csv"
VOTES = "votes.csv"
PARTICIPANTS_VOTES = "participants-votes.csv"

_COMMENT_COLUMNS = ("comment-id", "moderated")
_VOTE_COLUMNS = ("comment-id", "voter-id", "vote")
_PV_FIXED = ("participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree")


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; checks the header first."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise OpinionMapInputError(f"{path.name}: cannot be read ({exc.strerror})") from exc
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise OpinionMapInputError(f"{path.name}: the file is empty (no header line)") from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise OpinionMapInputError(
                f"{path.name}, line 1: not readable as CSV ({exc})"
            ) from None
        header = [name.strip() for name in header]
        missing = [name for name in required if name not in header]
        if missing:
            raise OpinionMapInputError(
                f"{path.name}, line 1: column {', '.join(repr(m) for m in missing)} is missing "
                f"(the header has: {', '.join(header)})"
            )
        try:
            for row in reader:
                line = reader.line_num
                if not row or all(not cell.strip() for cell in row):
                    continue
                if len(row) < len(header):
                    raise OpinionMapInputError(
                        f"{path.name}, line {line}: {len(row)} values where the header has "
                        f"{len(header)} columns"
                    )
                yield line, dict(zip(header, row, strict=False))
        except (csv.Error, UnicodeDecodeError) as exc:
            raise OpinionMapInputError(
                f"{path.name}, line {reader.line_num}: not readable as CSV ({exc})"
            ) from None


def _int(value: str, *, file: str, line: int, column: str, blank: int | None = None) -> int:
    text = value.strip()
    if text == "" and blank is not None:
        return blank
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if number != number or number != int(number):
        raise OpinionMapInputError(
            f"{file}, line {line}: column {column!r} must be a whole number, not {value!r}"
        )
    return int(number)


def _vote(value: str, *, file: str, line: int, column: str) -> int:
    vote = _int(value, file=file, line=line, column=column)
    if vote not in (-1, 0, 1):
        raise OpinionMapInputError(
            f"{file}, line {line}: column {column!r} must be 1 (agree), -1 (disagree) or 0 (pass), "
            f"not {value!r}"
        )
    return vote


def read_comments(path: Path) -> dict[int, Statement]:
    statements: dict[int, Statement] = {}
    for line, row in _rows(path, _COMMENT_COLUMNS):
        sid = _int(row["comment-id"], file=path.name, line=line, column="comment-id")
        if sid in statements:
            raise OpinionMapInputError(f"{path.name}, line {line}: comment-id {sid} occurs twice")
        moderated = _int(row["moderated"], file=path.name, line=line, column="moderated", blank=0)
        if moderated not in (-1, 0, 1):
            raise OpinionMapInputError(
                f"{path.name}, line {line}: column 'moderated' must be -1, 0 or 1, not "
                f"{row['moderated']!r}"
            )
        author = row.get("author-id", "").strip()
        stamp = row.get("timestamp", "").strip()
        statements[sid] = Statement(
            id=sid,
            text=row.get("comment-body", ""),
            author_id=_int(author, file=path.name, line=line, column="author-id")
            if author
            else None,
            moderated=moderated,
            is_meta=row.get("is-meta", "").strip().lower() in ("1", "true"),
            timestamp=_int(stamp, file=path.name, line=line, column="timestamp") if stamp else None,
        )
    return statements


def read_votes(path: Path) -> dict[tuple[int, int], tuple[int, int]]:
    """(participant, statement) -> (timestamp, vote), the latest vote of each pair."""
    latest: dict[tuple[int, int], tuple[int, int]] = {}
    name = path.name
    for line, row in _rows(path, _VOTE_COLUMNS):
        sid = _int(row["comment-id"], file=name, line=line, column="comment-id")
        pid = _int(row["voter-id"], file=name, line=line, column="voter-id")
        vote = _vote(row["vote"], file=name, line=line, column="vote")
        stamp = _int(row.get("timestamp", ""), file=name, line=line, column="timestamp", blank=0)
        previous = latest.get((pid, sid))
        if previous is None or stamp >= previous[0]:
            latest[(pid, sid)] = (stamp, vote)
    return latest


def read_participants_votes(
    path: Path,
) -> tuple[list[int], dict[tuple[int, int], int], dict[int, int]]:
    """Participants, votes (participant, statement) -> vote, and exported groups."""
    name = path.name
    participants: list[int] = []
    votes: dict[tuple[int, int], int] = {}
    groups: dict[int, int] = {}
    statement_columns: list[tuple[str, int]] | None = None
    for line, row in _rows(path, ("participant",)):
        if statement_columns is None:
            statement_columns = []
            for column in row:
                if column in _PV_FIXED:
                    continue
                try:
                    statement_columns.append((column, int(column)))
                except ValueError:
                    raise OpinionMapInputError(
                        f"{name}, line 1: column {column!r} is neither a known column nor a "
                        "statement id"
                    ) from None
        pid = _int(row["participant"], file=name, line=line, column="participant")
        participants.append(pid)
        group = row.get("group-id", "").strip()
        if group:
            groups[pid] = _int(group, file=name, line=line, column="group-id")
        for column, sid in statement_columns:
            cell = row[column]
            if cell.strip():
                votes[(pid, sid)] = _vote(cell, file=name, line=line, column=column)
    return participants, votes, groups


def read_polis_export(folder: str | Path) -> Conversation:
    folder = Path(folder)
    if not folder.is_dir():
        raise OpinionMapInputError(f"{folder}: not a folder")
    comments_path = folder / COMMENTS
    if not comments_path.exists():
        raise OpinionMapInputError(f"{folder}: {COMMENTS} is missing")
    statements = read_comments(comments_path)
    votes_path, pv_path = folder / VOTES, folder / PARTICIPANTS_VOTES
    if not votes_path.exists() and not pv_path.exists():
        raise OpinionMapInputError(f"{folder}: neither {VOTES} nor {PARTICIPANTS_VOTES} is present")

    participants: set[int] = set()
    groups: dict[int, int] = {}
    timestamps: list[int] | None = None
    pv_votes: dict[tuple[int, int], int] = {}
    if pv_path.exists():
        pv_participants, pv_votes, groups = read_participants_votes(pv_path)
        participants.update(pv_participants)
    if votes_path.exists():
        latest = read_votes(votes_path)
        pairs = sorted(latest)
        values = [latest[pair][1] for pair in pairs]
        timestamps = [latest[pair][0] for pair in pairs]
    else:
        pairs = sorted(pv_votes)
        values = [pv_votes[pair] for pair in pairs]
    for pid, sid in pairs:
        participants.add(pid)
        if sid not in statements:  # a vote on a statement the comments file leaves out
            statements[sid] = Statement(id=sid)
    return Conversation(
        statements=statements,
        participant_ids=sorted(participants),
        vote_participants=np.fromiter((p for p, _ in pairs), dtype=np.int64, count=len(pairs)),
        vote_statements=np.fromiter((s for _, s in pairs), dtype=np.int64, count=len(pairs)),
        vote_values=np.asarray(values, dtype=np.int8),
        vote_timestamps=None if timestamps is None else np.asarray(timestamps, dtype=np.int64),
        exported_groups=groups,
    )


def write_polis_export(
    conversation: Conversation,
    folder: str | Path,
    groups: dict[int, int] | None = None,
    *,
    make_writer: Callable[..., Any],
) -> None:
    """Write comments.csv, votes.csv and participants-votes.csv in Polis' export format.

    `make_writer(handle)` makes the CSV writer. The caller chooses it: the platform passes
    samenspraak.core.csvsafe.writer, because statements are residents' text and a civil servant
    opens the files in a spreadsheet (a statement starting with '=' is then written as "'=...").
    This package imports nothing from the platform (an import contract), so it cannot pick it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sids = conversation.statement_ids
    column = {sid: i for i, sid in enumerate(sids)}
    agrees = dict.fromkeys(sids, 0)
    disagrees = dict.fromkeys(sids, 0)
    matrix: dict[int, dict[int, int]] = {pid: {} for pid in conversation.participant_ids}
    for pid, sid, vote in zip(
        conversation.vote_participants.tolist(),
        conversation.vote_statements.tolist(),
        conversation.vote_values.tolist(),
        strict=True,
    ):
        matrix.setdefault(pid, {})[sid] = vote
        if vote == 1:
            agrees[sid] += 1
        elif vote == -1:
            disagrees[sid] += 1
    authored: dict[int, int] = {}
    with (folder / COMMENTS).open("w", newline="", encoding="utf-8") as handle:
        out = make_writer(handle)
        out.writerow(
            ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees",
             "moderated", "comment-body"]
        )  # fmt: skip
        for sid in sids:
            st = conversation.statements[sid]
            if st.author_id is not None:
                authored[st.author_id] = authored.get(st.author_id, 0) + 1
            out.writerow(
                [st.timestamp or "", "", sid, "" if st.author_id is None else st.author_id,
                 agrees[sid], disagrees[sid], st.moderated, st.text]
            )  # fmt: skip
    stamps = conversation.vote_timestamps
    with (folder / VOTES).open("w", newline="", encoding="utf-8") as handle:
        out = make_writer(handle)
        out.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        order = np.lexsort((conversation.vote_participants, conversation.vote_statements))
        for i in order.tolist():
            out.writerow(
                [0 if stamps is None else int(stamps[i]), "", int(conversation.vote_statements[i]),
                 int(conversation.vote_participants[i]), int(conversation.vote_values[i])]
            )  # fmt: skip
    with (folder / PARTICIPANTS_VOTES).open("w", newline="", encoding="utf-8") as handle:
        out = make_writer(handle)
        out.writerow(
            ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"] + sids
        )
        for pid in sorted(matrix):
            row = matrix[pid]
            cells = [""] * len(sids)
            for sid, vote in row.items():
                cells[column[sid]] = str(vote)
            group = "" if groups is None or pid not in groups else groups[pid]
            values = list(row.values())
            out.writerow(
                [pid, group, authored.get(pid, 0), len(values), values.count(1), values.count(-1)]
                + cells
            )
