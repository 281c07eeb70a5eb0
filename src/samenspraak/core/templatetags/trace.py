"""The golden thread's words in templates: `{% load trace %}{{ step.kind|trace_kind }}`."""

from django import template

from samenspraak.core.trace import kind_label

register = template.Library()


@register.filter(name="trace_kind")
def trace_kind(kind: str) -> str:
    return kind_label(kind)
