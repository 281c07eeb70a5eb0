"""The outcome of a budget's vote, in four modules (each under ~400 lines):

- `election`: the adapter to the outcome engine (pbengine): ballots from the database become a
  Pabulib `Election` (fixed queries), a rule name becomes an engine call, the anonymised snapshot
  is written from it;
- `selectors`: the stored result and what the results pages show;
- `compare`: greedy and Equal Shares side by side for staff (nothing stored), and what every
  offered rule spends (computed in the worker, stored with the result);
- `services`: `result_compute` (close the vote, count, run the budget's fixed rule, store a
  `BudgetResult`) and `result_publish` (hand-over to execution with a news update).

Layers (import-linter): services above compare above selectors above election. The background
computation with its progress is `results.computation`; the pages are `views`, `forms`,
`urls` and `sections`, the figures `charts`, the sentences `explain`, Pabulib `pb_io`.

The names below are the package's public API (`from samenspraak.budgeting import results`).
"""

from samenspraak.budgeting.results.compare import (  # noqa: F401
    Column,
    CompareRow,
    Comparison,
    SpendRow,
    compare_outcomes,
    comparison_rules,
    result_compare,
    rule_spend,
    satisfied_voters,
    spend_rows,
)
from samenspraak.budgeting.results.election import (  # noqa: F401
    EES_FAMILY,
    ENGINE_RULES,
    GREEDY_FAMILY,
    MES_FAMILY,
    PABULIB_RULES,
    VOTE_TYPES,
    budget_election,
    budget_get,
    election_meta,
    election_tally,
    run_rule,
    snapshot_election,
    snapshot_text,
)
from samenspraak.budgeting.results.selectors import (  # noqa: F401
    ResultRow,
    publish_problem,
    published_result,
    published_results,
    result_of,
    result_projects,
    result_rows,
    result_section_rows,
    results_page,
    turnout_facts,
    vote_has_ended,
)
from samenspraak.budgeting.results.services import (  # noqa: F401
    AuditAction,
    check_can_compute,
    result_compute,
    result_publish,
)
