"""What the initiative pages share: the municipality and the initiative a visitor may see."""

from __future__ import annotations

from django.http import Http404

from samenspraak.initiatives import permissions, selectors
from samenspraak.initiatives.models import Initiative
from samenspraak.organisations.selectors import current_municipality


def municipality_or_404():
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    return municipality


def initiative_or_404(request, pk) -> Initiative:
    try:
        initiative = selectors.initiative_get(municipality_or_404(), pk)
    except Initiative.DoesNotExist:
        raise Http404 from None
    co = selectors.co_initiator_ids(initiative)
    if not (
        permissions.can_view(request.user, initiative)
        or permissions.is_initiator(request.user, initiative, co)
    ):
        raise Http404
    return initiative
