from samenspraak.budgeting.engine._mes_exact import run_exact as run_fast  # noqa: F401
