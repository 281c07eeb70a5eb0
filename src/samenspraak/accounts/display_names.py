"""Public names residents may not take: names that pass for the municipality or an official.

The one rule, used by the sign-up and profile forms and by accounts.services.profile_update.
Look-alikes count: case, spacing and punctuation, accents, and digits or signs for letters
("W3th0uder", "G e m e e n t e", "Bürgemeester", "Raads1id") are folded away before comparing.
Staff are not held to it (a clerk may be called "Griffie Voorbeeldstad").
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: What the name may not contain (after folding), with the word shown in the message.
RESERVED_WORDS = (
    "Gemeente",
    "Officieel",
    "Griffie",
    "Raadslid",
    "Wethouder",
    "Burgemeester",
    "Beheerder",
    "Moderator",
    "Samenspraak",
)

# Digits and signs read as letters, and letters that look alike, fold to one letter.
_LOOK_ALIKES = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "l": "i",
        "!": "i",
        "|": "i",
        "3": "e",
        "4": "a",
        "@": "a",
        "5": "s",
        "$": "s",
        "7": "t",
        "+": "t",
        "8": "b",
        "9": "g",
        "6": "g",
    }
)


def fold(text: str) -> str:
    """The bare letters of a name as a reader might take them: no case, accents, spaces,
    punctuation, with look-alike digits and letters made the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in without_accents.translate(_LOOK_ALIKES) if c.isalpha())


_FOLDED = tuple((fold(word), word) for word in RESERVED_WORDS)


def reserved_word(name: str) -> str | None:
    """The reserved word this name passes for, or None."""
    folded = fold(name)
    for folded_word, word in _FOLDED:
        if folded_word in folded:
            return word
    return None


def validate_resident_display_name(name: str) -> None:
    word = reserved_word(name)
    if word is not None:
        raise ValidationError(
            _(
                "Deze naam lijkt op een naam van de gemeente of van een functie (%(word)s). "
                "Zo denken anderen misschien dat u namens de gemeente schrijft. Kies een "
                "andere publieke naam."
            ),
            code="reserved",
            params={"word": word},
        )
