"""`{% load dates %}` then `{{ value|day }}` ('25 december 2026'), `{{ value|moment }}`
('25 december 2026 om 14:30') or `{{ value|month }}` ('december 2026'); see core.dates.
An empty value gives the empty text, so `{{ value|day|default:"-" }}` works."""

from django import template

from samenspraak.core.dates import format_day, format_moment, format_month

register = template.Library()


@register.filter
def day(value) -> str:
    return format_day(value)


@register.filter
def moment(value) -> str:
    return format_moment(value)


@register.filter
def month(value) -> str:
    return format_month(value)
