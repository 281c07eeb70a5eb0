"""Sections this app adds to a process's page (core.registry.process_sections).

Each costs a fixed number of queries, whatever the data: updates 1, documents 1, FAQ 1,
follow 1 (anonymous) or 2 (logged in). A section with nothing to show returns None, except
for managers, who get a link to add the first item.
"""

from django.urls import reverse

from samenspraak.information import selectors
from samenspraak.information.permissions import can_follow, can_manage_information

SECTION_UPDATES = 3
SECTION_DOCUMENTS = 5
SECTION_FAQ = 5


def _base(request, process) -> dict:
    return {"process": process, "can_manage": can_manage_information(request.user, process)}


def updates_section(request, process):
    base = _base(request, process)
    updates = list(selectors.updates_of(process, limit=SECTION_UPDATES))
    if not updates and not base["can_manage"]:
        return None
    return base | {"updates": updates}


def documents_section(request, process):
    base = _base(request, process)
    documents = list(selectors.documents_of(process)[: SECTION_DOCUMENTS + 1])
    if not documents and not base["can_manage"]:
        return None
    return base | {
        "documents": documents[:SECTION_DOCUMENTS],
        "more": len(documents) > SECTION_DOCUMENTS,
    }


def faq_section(request, process):
    base = _base(request, process)
    items = list(selectors.faq_of(process)[: SECTION_FAQ + 1])
    if not items and not base["can_manage"]:
        return None
    return base | {"items": items[:SECTION_FAQ], "more": len(items) > SECTION_FAQ}


def follow_section(request, process):
    if not process.is_published:
        return None
    user = request.user
    return {
        "process": process,
        "follower_count": selectors.follower_count(process),
        "following": selectors.is_following(user, process) if user.is_authenticated else False,
        "can_follow": can_follow(user, process),
        "next": request.get_full_path(),
        "login_url": reverse("account_login"),
    }


def mine_follows(user):
    """Mijn Samenspraak: the processes the person follows, each with its latest news and a button
    to stop following (information:follow, back to the page). One query."""
    from django.utils.translation import gettext as _

    from samenspraak.core.registry import account_items

    follows, more = account_items(selectors.follows_of(user))
    if not follows:
        return None
    return {"heading": _("Wat ik volg"), "anchor": "mijn-volgen", "follows": follows, "more": more}


#: key -> (template, context function); ORDER gives their place on the process page.
SECTIONS = {
    "information.follow": ("information/sections/follow.html", follow_section),
    "information.updates": ("information/sections/updates.html", updates_section),
    "information.documents": ("information/sections/documents.html", documents_section),
    "information.faq": ("information/sections/faq.html", faq_section),
}
ORDER = {
    "information.follow": 15,
    "information.updates": 20,
    "information.documents": 70,
    "information.faq": 80,
}
