from rest_framework import generics

from samenspraak.organisations import selectors
from samenspraak.organisations.api.serializers import AreaSerializer


class AreaList(generics.ListAPIView):
    """The areas (wijken) of the municipality with their neighbourhoods (buurten)."""

    serializer_class = AreaSerializer

    def get_queryset(self):
        return selectors.area_list(municipality=selectors.current_municipality())
