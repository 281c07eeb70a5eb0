"""Template filters for budgets and proposals.

{% load budgeting_proposals %}
{{ project.cost|euro }}              € 12.500 (core.money: the active language)
{{ project|supports_needed }}        nog 7 steunbetuigingen nodig
"""

from django import template

from samenspraak.budgeting.proposals.selectors import supports_needed_text
from samenspraak.core.money import format_money

register = template.Library()


@register.filter
def euro(amount) -> str:
    return format_money(amount)


@register.filter
def supports_needed(project) -> str:
    return supports_needed_text(project)
