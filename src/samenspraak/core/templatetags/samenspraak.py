from django import template

from samenspraak.core import forms as core_forms
from samenspraak.core.html import sanitize_html
from samenspraak.core.richtext import plain_text, render_markdown

register = template.Library()


@register.filter(name="sanitize")
def sanitize(value):
    """``{{ idea.body|sanitize }}``: user HTML reduced to a safe allow-list."""
    return sanitize_html(value)


@register.filter(name="richtext")
def richtext(value, top=2):
    """``{{ update.body|richtext }}``: a text in core.richtext's Markdown subset, as safe HTML
    (plain text keeps its paragraphs and line breaks). ``|richtext:3`` under a section's h2."""
    return render_markdown(value, top=int(top))


@register.filter(name="plaintext")
def plaintext(value) -> str:
    """``{{ update.body|plaintext|truncatewords:40 }}``: a rich text without its mark-up."""
    return plain_text(value)


@register.filter(name="has_rich_text")
def has_rich_text(form) -> bool:
    """``{% if form|has_rich_text %}``: the form has a RichTextField (then offer a preview)."""
    return core_forms.has_rich_text(form)
