"""Proposals (moved from proposals.py; split into services and selectors next)."""

from samenspraak.budgeting.proposals.services import *  # noqa: F403
