"""Registration codes on the invitation letters: short, unguessable, no look-alike characters.

Ten characters from 31 (no 0/O, 1/I/L), about 8 x 10^14 possibilities, drawn with `secrets`;
shown as two groups of five ("ABCDE-FGH23"). What someone types is read leniently: spaces,
dashes and lower case do not matter.
"""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(LENGTH))


def normalise(typed: str) -> str:
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())


def looks_valid(code: str) -> bool:
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def shown(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"
