from rest_framework import generics, serializers

from samenspraak.organisations import selectors
from samenspraak.organisations.api.serializers import AreaSerializer


class NoQuery(serializers.Serializer):
    """A list without filters (only page and pageSize)."""


class AreaList(generics.ListAPIView):
    """The areas (wijken) of the municipality with their neighbourhoods (buurten)."""

    serializer_class = AreaSerializer
    query_serializer_class = NoQuery

    def get_queryset(self):
        return selectors.area_list(municipality=selectors.current_municipality())

    def filter_by(self, queryset, params):
        return queryset
