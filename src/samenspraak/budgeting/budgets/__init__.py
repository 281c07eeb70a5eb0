"""Budgets (moved from budgets.py; split into services and selectors next)."""

from samenspraak.budgeting.budgets.services import *  # noqa: F403
