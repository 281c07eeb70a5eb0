"""Where the shared Polis development set is: ../shared beside the repo, or $SAMENSPRAAK_SHARED."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def shared_polis() -> Path | None:
    candidates = [Path(__file__).resolve().parents[3].parent / "shared"]
    if os.environ.get("SAMENSPRAAK_SHARED"):
        candidates.insert(0, Path(os.environ["SAMENSPRAAK_SHARED"]))
    for base in candidates:
        if (base / "data" / "polis").is_dir():
            return base / "data" / "polis"
    return None


SHARED = shared_polis()
needs_shared = pytest.mark.skipif(
    SHARED is None,
    reason="the shared Polis data (../shared/data/polis or $SAMENSPRAAK_SHARED) is absent",
)


def shared_path(*parts: str) -> Path:
    assert SHARED is not None
    return SHARED.joinpath(*parts)
