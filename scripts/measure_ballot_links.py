"""How many ballots of the current database can be tied to a voter (docs/ballot-secrecy.md).

    samenspraak demo --reset && python scripts/measure_ballot_links.py

Runs the attacker of tests/security/ballot_attacker.py with the database plus both keys
(SECRET_KEY and SAMENSPRAAK_BALLOT_KEY, and the old default "ballot:" + SECRET_KEY) and prints,
per budget, the ballots it ties to a person.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspraak.conf.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from samenspraak.budgeting.models import Budget  # noqa: E402
from samenspraak.budgeting.results import vote_has_ended  # noqa: E402
from tests.security import ballot_attacker as attacker  # noqa: E402

keys = [settings.SAMENSPRAAK_BALLOT_KEY, settings.SECRET_KEY, "ballot:" + settings.SECRET_KEY]
totals = {"ballots": 0, "key": 0, "groups": 0, "either": 0}
for budget in Budget.objects.select_related("process").prefetch_related("process__phases"):
    ids = {budget.pk}
    n = len(attacker.ballots(ids))
    if not n:
        continue
    keyed = attacker.keyed_links(keys, ids)
    grouped = attacker.group_links(ids, persons_only=True)
    ordered = attacker.order_links(ids)
    either = set(keyed) | set(grouped)
    state = "closed" if vote_has_ended(budget) else "open"
    print(
        f"{budget.process.title} / {budget.title} ({state}): {n} ballots, "
        f"{len(keyed)} tied by key, {len(grouped)} tied by shared columns, {len(either)} in all; "
        f"{len(ordered)} paired by write order (a guess, not checked)"
    )
    if state == "closed":
        totals["ballots"] += n
        totals["key"] += len(keyed)
        totals["groups"] += len(grouped)
        totals["either"] += len(either)
print(
    f"closed votes: {totals['ballots']} ballots, {totals['either']} tied to a person "
    f"({totals['key']} by key, {totals['groups']} by shared columns)"
)
print(f"budgeting audit entries with a resident as actor: {len(attacker.audit_residents())}")
