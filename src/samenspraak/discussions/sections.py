"""Sections discussions adds to other apps' pages (declared in the manifest); one query each."""

from django.utils.translation import gettext as _

from samenspraak.discussions import selectors

HOME_LIMIT = 4


def home(request):
    """Home page, "Gesprekken": the open spaces with a link to all."""
    from samenspraak.organisations.selectors import current_municipality

    spaces = [s for s in selectors.space_list(current_municipality()) if s.is_open]
    if not spaces:
        return None
    return {"spaces": spaces[:HOME_LIMIT], "more": len(spaces) > HOME_LIMIT}


def area(request, area):
    """Area page, "Buurtgesprek": the spaces of this area."""
    spaces = selectors.spaces_for_area(area)
    if not spaces:
        return None
    return {"spaces": spaces, "area": area}


def process(request, process):
    """Process page: the space where this process's conversation happens."""
    spaces = selectors.spaces_for_process(process)
    if not spaces:
        return None
    return {"spaces": spaces, "process": process}


def mine(user):
    """Mijn Samenspraak: the spaces and threads I follow, with how I get mail."""
    from samenspraak.core.registry import account_items

    follows, more = account_items(selectors.follows_of(user))
    if not follows:
        return None
    return {
        "heading": _("Gesprekken die ik volg"),
        "anchor": "mijn-gesprekken",
        "follows": follows,
        "more": more,
    }
