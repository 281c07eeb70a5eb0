"""Show where a search matched: an excerpt around the first match with the matched words marked.

The text is escaped word by word before <mark> goes around the matches, so nothing a resident
typed can become HTML. A word is marked when it contains a query word's stem ("fiets" marks
"fietsen", "fietspad" and "bakfiets"), a
rough stand-in for PostgreSQL's Dutch stemming that only decides what is marked, not what is found.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"(\w+)", re.UNICODE)
# Dutch inflection endings to drop before prefix matching (longest first).
_ENDINGS = ("heden", "ingen", "tjes", "eren", "ing", "en", "es", "er", "je", "e", "s")


def stems(query: str) -> list[str]:
    """Lower-case prefixes for the words of `query` (at least three letters each)."""
    result = []
    for word in _TOKENS.findall((query or "").lower()):
        stem = word
        for ending in _ENDINGS:
            if stem.endswith(ending) and len(stem) - len(ending) >= 3:
                stem = stem[: -len(ending)]
                break
        if len(stem) >= 2 and stem not in result:
            result.append(stem)
    return result


def _matches(word: str, prefixes: list[str]) -> bool:
    # Dutch joins words ("marktplein"), so a stem anywhere in a word counts.
    lowered = word.lower()
    return any(prefix in lowered for prefix in prefixes)


def excerpt(text: str, query: str, *, length: int = 220) -> str:
    """About `length` characters of `text` around its first match (plain text, with … marks)."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    prefixes = stems(query)
    start = 0
    for match in _TOKENS.finditer(text):
        if _matches(match.group(1), prefixes):
            start = max(0, match.start() - length // 3)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")


def highlight(text: str, query: str) -> SafeString:
    """`text` escaped, with the words that match `query` in <mark>."""
    prefixes = stems(query)
    parts = []
    for index, piece in enumerate(_TOKENS.split(text or "")):
        if index % 2 and prefixes and _matches(piece, prefixes):
            parts.append(f"<mark>{escape(piece)}</mark>")
        else:
            parts.append(escape(piece))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def highlighted_excerpt(text: str, query: str, *, length: int = 220) -> SafeString:
    return highlight(excerpt(text, query, length=length), query)
