"""The attacker of docs/ballot-secrecy.md: someone with a copy of the database (and perhaps the
application's keys) who tries to tie ballots to voters. Reads raw rows, whatever the columns are,
so the same attack runs against any version of the schema.

Three attacks, each giving {ballot id: register row id (or user id)} it can tie with certainty:

- `keyed_links`: with SAMENSPRAAK_BALLOT_KEY (or SECRET_KEY, from which it used to derive),
  compute HMAC-SHA256(key, "<budget>:<user>") for every user and look for it in every column of
  every ballot;
- `group_links`: group ballots and register rows of a budget by every column they share (the
  channel, the day, PostgreSQL's transaction stamp `xmin`) and take every group with exactly one
  ballot and exactly one register row;
- `order_links`: sort ballots and register rows by `xmin` (the order they were written in) and
  pair them off, when every ballot has a stamp of its own;
- `audit_residents`: audit entries whose actor is a resident (not staff).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import itertools
from collections import defaultdict

from django.db import connection

#: Ballot column -> register column holding the same kind of fact.
SHARED = {"channel": "channel", "cast_on": "voted_on", "xmin": "xmin"}


def _rows(sql: str, params=()) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c.name for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def ballots(budget_ids=None) -> list[dict]:
    sql = "SELECT b.*, b.xmin::text AS xmin FROM budgeting_ballot b"
    rows = _rows(sql)
    return [r for r in rows if budget_ids is None or r["budget_id"] in budget_ids]


def register(budget_ids=None) -> list[dict]:
    rows = _rows("SELECT r.*, r.xmin::text AS xmin FROM budgeting_voterregister r")
    return [r for r in rows if budget_ids is None or r["budget_id"] in budget_ids]


def keyed_links(keys: list[str], budget_ids=None) -> dict:
    """{ballot id: user id} for every ballot some column of which is the HMAC of a user."""
    users = [row["id"] for row in _rows("SELECT id FROM accounts_user")]
    found = {}
    rows = ballots(budget_ids)
    values = defaultdict(list)
    for row in rows:
        for column, value in row.items():
            if isinstance(value, str) and column not in ("id", "xmin"):
                values[value].append(row["id"])
    for key, budget_id, user_id in itertools.product(keys, {r["budget_id"] for r in rows}, users):
        digest = hmac.new(key.encode(), f"{budget_id}:{user_id}".encode(), hashlib.sha256)
        for ballot_id in values.get(digest.hexdigest(), []):
            found[ballot_id] = user_id
    return found


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def group_links(budget_ids=None, *, persons_only=False) -> dict:
    """{ballot id: register row id} for every ballot alone in its group with a register row
    alone in the same group, for every combination of the columns both tables have.
    `persons_only`: only register rows that name a user."""
    by_budget_b, by_budget_r = defaultdict(list), defaultdict(list)
    for row in ballots(budget_ids):
        by_budget_b[row["budget_id"]].append(row)
    for row in register(budget_ids):
        by_budget_r[row["budget_id"]].append(row)
    links = {}
    for budget_id, brows in by_budget_b.items():
        rrows = by_budget_r.get(budget_id, [])
        if not brows or not rrows:
            continue
        shared = [c for c in SHARED if c in brows[0] and SHARED[c] in rrows[0]]
        for size in range(0, len(shared) + 1):
            for columns in itertools.combinations(shared, size):
                bgroups, rgroups = defaultdict(list), defaultdict(list)
                for row in brows:
                    bgroups[tuple(_plain(row[c]) for c in columns)].append(row["id"])
                for row in rrows:
                    rgroups[tuple(_plain(row[SHARED[c]]) for c in columns)].append(row)
                for value, ids in bgroups.items():
                    regs = rgroups.get(value, [])
                    if len(ids) == 1 and len(regs) == 1:
                        if persons_only and regs[0].get("user_id") is None:
                            continue
                        links[ids[0]] = regs[0]["id"]
    return links


def order_links(budget_ids=None) -> dict:
    """{ballot id: user id} pairing the n-th written ballot with the n-th written register row
    of a user, per budget; nothing for a budget whose ballots do not each have their own stamp
    (after the close they share one)."""
    links = {}
    for budget_id in {r["budget_id"] for r in ballots(budget_ids)}:
        brows = sorted(ballots({budget_id}), key=lambda r: int(r["xmin"]))
        rrows = sorted(register({budget_id}), key=lambda r: int(r["xmin"]))
        if len({r["xmin"] for r in brows}) != len(brows) or len(brows) != len(rrows):
            continue
        for ballot_row, register_row in zip(brows, rrows, strict=True):
            if register_row.get("user_id") is not None:
                links[ballot_row["id"]] = register_row["user_id"]
    return links


def audit_residents(action_prefix: str = "budgeting.") -> list[dict]:
    """Audit entries of budgeting whose actor is not staff (a resident, or anyone with role
    "resident"), with what they say."""
    return _rows(
        "SELECT e.action, e.actor_id, e.ip_address, e.at FROM core_auditlogentry e "
        "JOIN accounts_user u ON u.id = e.actor_id "
        "WHERE e.action LIKE %s AND u.role = 'resident' AND NOT u.is_superuser",
        [action_prefix + "%"],
    )
