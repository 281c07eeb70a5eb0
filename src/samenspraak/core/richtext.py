"""Rich text that staff write (news, a process's page, the municipality's answers): a small
Markdown subset, rendered to HTML and then sanitised (core.html), so what is stored is what
was typed and the page, the preview and the e-mail all come from the same rendering.

The subset: paragraphs (a blank line), line breaks (one Enter), **bold**, *italic*, lists
("- " or "1. "), links ([text](https://...)) and headings "## Kop" (h2) and "### Kop" (h3); a
"# Kop" becomes an h2 too (the page has its own h1) and deeper headings an h3; under a section
heading of the page (`top=3`) they are h3 and h4. Code, quotes,
rules, tables and images are not part of it: they stay plain text.

HTML typed into the text (and the simple HTML that news held before it was Markdown) passes
through the same allow-list as every other HTML people write (`core.html.sanitize_html`, plus
h2 and h3): scripts, styles, images, event handlers and javascript: links never reach a page.
Plain text written before keeps its paragraphs and line breaks.
"""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from samenspraak.core.html import ALLOWED_TAGS, sanitize_html

RICH_TEXT_TAGS = ALLOWED_TAGS | {"h2", "h3", "h4"}

# Everything in CommonMark that is not in the subset above.
_LEFT_OUT = ["code", "fence", "blockquote", "hr", "lheading", "backticks", "image"]


def _clamp_headings(state: StateCore) -> None:
    """h1 -> h2 and h4..h6 -> h3: only the page has an h1, and two levels are enough. Where
    the text sits under a heading of the page itself (`top=3`), both move one level down."""
    shift = state.env.get("top", 2) - 2
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(max(int(token.tag[1]), 2), 3)
            token.tag = f"h{level + shift}"


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True, "breaks": True})
    parser.disable(_LEFT_OUT)
    parser.core.ruler.push("clamp_headings", _clamp_headings)
    return parser


_PARSER = _parser()


def render_markdown(text: str | None, top: int = 2) -> SafeString:
    """The safe HTML of a rich text; '' for an empty one. `top` is the level of its highest
    heading: 2 on a page of its own, 3 where the page already gave the section an h2."""
    if not text:
        return SafeString("")
    html = _PARSER.render(str(text), {"top": 3 if top == 3 else 2})
    return sanitize_html(html, tags=RICH_TEXT_TAGS)


def plain_text(text: str | None) -> str:
    """A rich text without its mark-up, for an e-mail or a search result."""
    return strip_tags(render_markdown(text)).strip()
