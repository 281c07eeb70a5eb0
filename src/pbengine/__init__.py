"""The outcome engine for participatory budgeting: a package of its own (Python with numpy; Numba
compiles the loops of Exact Equal Shares), no Django.

- `model`: a parsed election (projects, budget, ballots) as the Pabulib format describes it;
- `pabulib`: read and write `.pb` files (errors name the line);
- `satisfaction`: each ballot's utility per project, exactly as pabutools defines it per vote type;
- `greedy`, `mes`, `ees`: the rules, exact (rational arithmetic wherever a decision depends on it);
- `rules`: the rule names used by the CLI, the app and a file's META, mapped onto the functions;
- `cli`: `samenspraak pb-outcome FILE.pb --rule ...`, run before Django is set up.

Nothing here imports Django, so the engine can be used, tested and benchmarked on its own.
"""

import os

# One BLAS thread. The engine's numpy work is many dot products over a project's supporters
# (hundreds to tens of thousands of numbers); OpenBLAS splits the large ones (30,000 numbers: yes)
# over threads that wait for each other by spinning, which on a busy machine costs 15-70x the CPU
# of one thread (issue #12, ADR 0005: mes-add1 on Budapest 2024 19.5 -> 7.7 CPU s). The setting
# is read when numpy loads, so it holds only if numpy was not imported before this package (the
# `samenspraak` package sets it too); an explicit OPENBLAS_NUM_THREADS is left alone.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
