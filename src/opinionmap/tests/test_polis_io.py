"""Reading and writing Polis export folders; bad input names the file and the line."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np
import pytest

from opinionmap import OpinionMapInputError, compute, read_polis_export, write_polis_export
from opinionmap.tests.shared import FIXTURES

LONDON = FIXTURES / "polis-export" / "london.youth.policing"


def test_reads_the_london_export():
    conversation = read_polis_export(LONDON)
    assert len(conversation.participant_ids) == 26
    assert len(conversation.statements) == 39  # comments.csv rows
    assert len(conversation.exported_groups) == 24
    assert set(np.unique(conversation.vote_values).tolist()) <= {-1, 0, 1}


def test_votes_csv_and_participants_votes_agree(tmp_path):
    """The last vote of each pair in votes.csv is what participants-votes.csv holds."""
    from_events = read_polis_export(LONDON)
    only_matrix = tmp_path / "matrix"
    only_matrix.mkdir()
    for name in ("comments.csv", "participants-votes.csv"):
        shutil.copy(LONDON / name, only_matrix / name)
    from_matrix = read_polis_export(only_matrix)
    a = set(zip(from_events.vote_participants.tolist(), from_events.vote_statements.tolist(),
                from_events.vote_values.tolist(), strict=True))  # fmt: skip
    b = set(zip(from_matrix.vote_participants.tolist(), from_matrix.vote_statements.tolist(),
                from_matrix.vote_values.tolist(), strict=True))  # fmt: skip
    assert a == b


def test_export_round_trip(tmp_path):
    conversation = read_polis_export(LONDON)
    result = compute(conversation)
    write_polis_export(conversation, tmp_path, groups=result.groups, make_writer=csv.writer)
    again = read_polis_export(tmp_path)
    assert again.participant_ids == conversation.participant_ids
    assert {s: st.moderated for s, st in again.statements.items()} == {
        s: st.moderated for s, st in conversation.statements.items()
    }
    assert again.statements[0].text == conversation.statements[0].text
    order = np.lexsort((conversation.vote_statements, conversation.vote_participants))
    order_again = np.lexsort((again.vote_statements, again.vote_participants))
    assert (again.vote_values[order_again] == conversation.vote_values[order]).all()
    assert again.exported_groups == result.groups
    assert compute(again).groups == result.groups


def _folder(tmp_path: Path, comments: str, votes: str | None = None, pv: str | None = None) -> Path:
    (tmp_path / "comments.csv").write_text(comments)
    if votes is not None:
        (tmp_path / "votes.csv").write_text(votes)
    if pv is not None:
        (tmp_path / "participants-votes.csv").write_text(pv)
    return tmp_path


COMMENTS = "comment-id,moderated,comment-body\n0,1,Eerste\n1,-1,Tweede\n"


@pytest.mark.parametrize(
    ("comments", "votes", "pv", "message"),
    [
        ("comment-id,comment-body\n0,a\n", "comment-id,voter-id,vote\n", None,
         "comments.csv, line 1: column 'moderated' is missing"),
        ("comment-id,moderated\n0,1\nx,1\n", "comment-id,voter-id,vote\n", None,
         "comments.csv, line 3: column 'comment-id' must be a whole number, not 'x'"),
        ("comment-id,moderated\n0,1\n0,1\n", "comment-id,voter-id,vote\n", None,
         "comments.csv, line 3: comment-id 0 occurs twice"),
        ("comment-id,moderated\n0,7\n", "comment-id,voter-id,vote\n", None,
         "comments.csv, line 2: column 'moderated' must be -1, 0 or 1"),
        (COMMENTS, "comment-id,voter-id\n0,1\n", None,
         "votes.csv, line 1: column 'vote' is missing"),
        (COMMENTS, "comment-id,voter-id,vote\n0,1,1\n0,2,2\n", None,
         "votes.csv, line 3: column 'vote' must be 1 (agree), -1 (disagree) or 0 (pass), not '2'"),
        (COMMENTS, "comment-id,voter-id,vote\n0,1,1\n0,2\n", None,
         "votes.csv, line 3: 2 values where the header has 3 columns"),
        (COMMENTS, None, "participant,group-id,0,1\n0,,1,-1\n1,,yes,\n", None),
        (COMMENTS, None, "participant,group-id,abc\n0,,1\n", None),
        (COMMENTS, None, None, "neither votes.csv nor participants-votes.csv is present"),
        ("", "comment-id,voter-id,vote\n", None, "comments.csv: the file is empty"),
    ],
)  # fmt: skip
def test_bad_input_names_file_and_line(tmp_path, comments, votes, pv, message):
    folder = _folder(tmp_path, comments, votes, pv)
    with pytest.raises(OpinionMapInputError) as raised:
        read_polis_export(folder)
    text = str(raised.value)
    if message is not None:
        assert message in text
    elif "abc" in (pv or ""):
        assert text.startswith("participants-votes.csv, line 1: column 'abc'")
    else:
        assert (
            text == "participants-votes.csv, line 3: column '0' must be a whole number, not 'yes'"
        )


def test_missing_folder_and_comments(tmp_path):
    with pytest.raises(OpinionMapInputError, match="not a folder"):
        read_polis_export(tmp_path / "nope")
    with pytest.raises(OpinionMapInputError, match="comments.csv is missing"):
        read_polis_export(tmp_path)


def test_latest_vote_counts(tmp_path):
    folder = _folder(
        tmp_path,
        COMMENTS,
        "timestamp,comment-id,voter-id,vote\n20,0,5,-1\n10,0,5,1\n30,1,5,0\n",
    )
    conversation = read_polis_export(folder)
    assert conversation.vote_values.tolist() == [-1, 0]
    assert conversation.mod_out == {1}
