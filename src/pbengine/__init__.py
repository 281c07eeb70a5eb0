"""The outcome engine for participatory budgeting: pure Python, no Django.

- `model`: a parsed election (projects, budget, ballots) as the Pabulib format describes it;
- `pabulib`: read and write `.pb` files (errors name the line);
- `satisfaction`: each ballot's utility per project, exactly as pabutools defines it per vote type;
- `greedy`, `mes`: the rules, exact (rational arithmetic wherever a decision depends on it);
- `rules`: the rule names used by the CLI, the app and a file's META, mapped onto the functions;
- `cli`: `samenspraak pb-outcome FILE.pb --rule ...`, run before Django is set up.

Nothing here imports Django, so the engine can be used, tested and benchmarked on its own.
"""
