"""Casting secret ballots (services) and reading them back without voters (selectors).

Modules: `ballot` (what a ballot may hold, when the vote is open, eligibility, the voter key),
`selectors` (reads), `services` (casting and the close); a contract keeps services above
selectors above ballot. `codes` (vote codes and their letters) and `paper` (paper ballots entered
twice) feed the services; `views`, `forms`, `urls` and `sections` are the voting pages. The
names below are the public API (`voting.cast_online`, ...).

Ballot secrecy, as built here (the whole model, with a test per sentence: docs/ballot-secrecy.md):

- The register (`VoterRegister`) says *who* voted: a user, a vote code or a paper sheet, with the
  channel, the voter's area and the day. It has no link to a ballot.
- A `Ballot` says *what* was voted: a random UUID, the budget and the choices. No user, no code,
  no channel, no day: nothing a ballot shares with a register row but the budget. Selectors
  return ballots in UUID (that is: random) order.
- An account holder may change their ballot until the vote closes. While the vote is open their
  ballot carries `voter_key` = HMAC-SHA256(settings.SAMENSPRAAK_BALLOT_KEY, "<budget pk>:<user
  pk>"). The key is not in the database, so a database dump alone cannot join ballots to people;
  only the running application, asked by that same logged-in person, finds their ballot again.
- `vote_close(budget)` ends that: once the vote phase is over it sets every voter key of the
  budget to NULL and rewrites the ballots and choices in one transaction, in UUID order (one
  transaction stamp `xmin` for all, new choice ids), so neither the keys nor the order or
  transaction in which ballots were written tie one to its register row any more. It runs as a
  task at the end of the vote phase (`tasks.schedule_close`) and, at the latest, when the result is
  computed. After it, no vote with an account or a code is taken.
- A ballot cast with a vote code cannot be changed (there is nothing to find it by), and a
  paper ballot has no key either.
- Register row and ballot are written in one transaction, so a vote is never registered without
  its ballot or the other way round. No page or export in this app shows a ballot next to a
  person or a code: `ballots_for_tally` gives choices only, `turnout` gives counts.

Choices are a dict {project pk: value}: 1 for approval and knapsack, the points for cumulative,
the position (1 is first) for ranking.
"""

from samenspraak.budgeting.voting.ballot import (  # noqa: F401
    RESULT_FINAL_MESSAGE,
    VOTED_ONLINE_MESSAGE,
    VOTED_WITH_CODE_MESSAGE,
    ballot_projects,
    eligibility_problem,
    euro,
    is_resident_account,
    remaining,
    require_open,
    validate_ballot,
    vote_is_open,
    vote_phase,
    voter_area_id,
    voter_key,
)
from samenspraak.budgeting.voting.selectors import (  # noqa: F401
    ballot_count,
    ballots_for_tally,
    has_voted,
    my_choices,
    online_vote_problem,
    results_exist,
    tally,
    turnout,
    voted_budget_ids,
    voted_channel,
)
from samenspraak.budgeting.voting.services import (  # noqa: F401
    RETRIES,
    ballots_scramble,
    cast_online,
    cast_paper,
    cast_with_code,
    close_ended_votes,
    vote_close,
)
