from django import template

from samenspraak.core.html import sanitize_html

register = template.Library()


@register.filter(name="sanitize")
def sanitize(value):
    """``{{ idea.body|sanitize }}``: user HTML reduced to a safe allow-list."""
    return sanitize_html(value)
