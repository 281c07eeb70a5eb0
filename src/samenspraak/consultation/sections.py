"""Sections consultation adds to a process's page (declared in consultation's manifest)."""

from samenspraak.consultation import permissions, selectors


def inputs_section(request, process):
    phases = selectors.collect_phases(process)
    if not phases:
        return None
    phase = selectors.collect_phase(process)
    return {
        "process": process,
        "inputs": selectors.latest_inputs(process),
        "counts": selectors.input_counts(process, request=request),
        "phase": phase,
        "can_submit": phase is not None
        and (not request.user.is_authenticated or permissions.can_submit(request.user, phase)),
    }


def figures_section(request, process):
    if not selectors.collect_phases(process):
        return None
    return {"process": process, "figures": selectors.process_figures(process, request=request)}


def process_actions(request, process):
    """ "Geef uw idee" while a collect phase runs and this visitor may submit (no query)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from samenspraak.core.components import ProcessAction

    phase = selectors.collect_phase(process)
    user = request.user
    if phase is None or (user.is_authenticated and not permissions.can_submit(user, phase)):
        return []
    url = reverse("consultation:input_submit", args=[process.slug])
    return [ProcessAction(_("Geef uw idee"), url, until=phase.last_day)]


def mine_inputs(user):
    """Mijn Samenspraak: the person's input with its status and the municipality's answer. Two
    queries: the input (answer joined) and which of it a moderator hid."""
    from django.utils.translation import gettext as _

    from samenspraak.core.registry import account_items
    from samenspraak.dialogue.selectors import hidden_rules_for

    items, more = account_items(selectors.inputs_by(user))
    if not items:
        return None
    hidden = hidden_rules_for(items)
    for item in items:
        item.hidden_rule = hidden.get(item.pk)
        item.viewable = permissions.can_view_input(user, item)
    return {"heading": _("Mijn inbreng"), "anchor": "mijn-inbreng", "items": items, "more": more}


def mine_supports(user):
    """Mijn Samenspraak: what the person supports, with a button to take the support back while
    the phase allows it. One query."""
    from django.utils.translation import gettext as _

    from samenspraak.core.registry import account_items

    supports, more = account_items(selectors.supports_by(user))
    if not supports:
        return None
    for support in supports:
        support.input.viewable = permissions.can_view_input(user, support.input)
        support.withdrawable = permissions.can_support(user, support.input)
    return {
        "heading": _("Wat ik steun"),
        "anchor": "mijn-steun",
        "supports": supports,
        "more": more,
    }
