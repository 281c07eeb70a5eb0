"""Sanitising HTML that people write (nh3, a Rust-backed allow-list cleaner)."""

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener nofollow ugc"


def sanitize_html(text, *, tags: frozenset[str] = ALLOWED_TAGS) -> SafeString:
    """Keep only a small set of harmless tags (`tags`, by default ALLOWED_TAGS); links get
    rel="noopener nofollow ugc".

    Everything else (scripts, styles, event handlers, javascript: URLs, iframes) is removed;
    the text inside removed tags stays, escaped.
    """
    if text is None:
        return mark_safe("")  # noqa: S308 - empty string
    cleaned = nh3.clean(
        str(text),
        tags=set(tags),
        # "*": nothing on every tag (nh3 would otherwise allow lang and title everywhere).
        attributes={"*": set()} | {tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 output is safe by construction
