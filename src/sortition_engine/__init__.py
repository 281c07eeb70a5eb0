"""Fair selection of citizens' panels (sortition), pure Python on open solvers (HiGHS).

No Django here (an import-linter contract checks it). Public modules: `data` (reading features and
people, `Instance`), `select` (`select`, `ALGORITHMS`, `Result`), `lottery` (`draw`,
`commitment`), `errors` (`DataError`, `InfeasibleQuotas`).
"""
