"""Filters for search results: `{{ text|highlight:query }}`, `{{ text|highlighted_excerpt:query }}`
(core.highlight)."""

from django import template

from samenspraak.core.highlight import highlight as _highlight
from samenspraak.core.highlight import highlighted_excerpt as _highlighted_excerpt

register = template.Library()


@register.filter
def highlight(text, query):
    return _highlight(str(text or ""), query)


@register.filter
def highlighted_excerpt(text, query):
    return _highlighted_excerpt(str(text or ""), query)
