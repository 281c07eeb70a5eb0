from django.db.models import Prefetch
from django.http import Http404
from rest_framework import generics

from samenspraak.initiatives import selectors
from samenspraak.initiatives.api.serializers import (
    CouncilDecisionSerializer,
    DecisionQuery,
    InitiativeQuery,
    InitiativeSerializer,
)
from samenspraak.initiatives.models import CouncilDecision, Initiative, Step
from samenspraak.organisations.selectors import current_municipality


def _public(status: str = ""):
    municipality = current_municipality()
    if municipality is None:
        return Initiative.objects.none()
    return selectors.public_initiatives(municipality, status=status).prefetch_related(
        Prefetch("steps", queryset=Step.objects.order_by("at", "pk"))
    )


class InitiativeList(generics.ListAPIView):
    """Citizen initiatives the clerk checked, newest first, with their status, the number of
    signatures (never the signers) and their public timeline; filter by status."""

    serializer_class = InitiativeSerializer
    query_serializer_class = InitiativeQuery

    def get_queryset(self):
        return Initiative.objects.none()  # filter_by reads through the selector

    def filter_by(self, queryset, params):
        return _public(params.get("status", ""))


class InitiativeDetail(generics.RetrieveAPIView):
    """One public citizen initiative."""

    serializer_class = InitiativeSerializer

    def get_object(self):
        item = _public().filter(pk=self.kwargs["pk"]).first()
        if item is None:
            raise Http404
        return item


class CouncilDecisionList(generics.ListAPIView):
    """The council's decisions on citizen initiatives, newest first; filter by outcome."""

    serializer_class = CouncilDecisionSerializer
    query_serializer_class = DecisionQuery

    def get_queryset(self):
        return CouncilDecision.objects.none()

    def filter_by(self, queryset, params):
        municipality = current_municipality()
        if municipality is None:
            return queryset
        items = selectors.decisions(municipality)
        if params.get("outcome"):
            items = items.filter(outcome=params["outcome"])
        return items
