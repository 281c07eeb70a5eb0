"""Show where a search matched: an excerpt around the first match with the matched words marked.

The text is escaped before <mark> goes around the matches, so nothing a resident typed can become
HTML. A word is marked when it contains a query word's stem ("fiets" marks "fietsen", "fietspad"
and "bakfiets"), a rough stand-in for PostgreSQL's Dutch stemming that only decides what is
marked, not what is found.

One compiled pattern per query (cached: a search page marks up to a hundred titles and excerpts
for the same query) finds the matching words in one pass over a text; only the pieces between
them are escaped, instead of every word on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


@lru_cache(maxsize=256)
def _pattern(query: str) -> re.Pattern[str] | None:
    """A whole word that contains one of the stems of `query` (Dutch joins words, "marktplein",
    so a stem anywhere in a word counts), or None when the query has no stems. The match starts
    only at a word's start, so a long word without a stem is tried once, not from every letter."""
    prefixes = stems(query)
    if not prefixes:
        return None
    # Longest first: with "plein" and "pleinen" the alternation stops at the first that fits.
    alternatives = "|".join(re.escape(prefix) for prefix in sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"\b\w*?(?:{alternatives})\w*", re.IGNORECASE | re.UNICODE)


def excerpt(text: str, query: str, *, length: int = 220) -> str:
    """About `length` characters of `text` around its first match (plain text, with … marks)."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    pattern = _pattern(query)
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - length // 3) if first else 0
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
    text = text or ""
    pattern = _pattern(query)
    if pattern is None:
        return escape(text)
    parts = []
    done = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[done : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        done = match.end()
    parts.append(escape(text[done:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def highlighted_excerpt(text: str, query: str, *, length: int = 220) -> SafeString:
    return highlight(excerpt(text, query, length=length), query)
