"""`{% load money %}` then `{{ amount|euro }}`: '€ 12.500' in Dutch, '€12,500' in English
(core.money)."""

from django import template

from samenspraak.core.money import format_money

register = template.Library()


@register.filter
def euro(amount) -> str:
    return format_money(amount)
