from django.http import Http404
from rest_framework import generics

from samenspraak.organisations.selectors import current_municipality
from samenspraak.processes import selectors
from samenspraak.processes.api.serializers import (
    ProcessDetailSerializer,
    ProcessQuery,
    ProcessSerializer,
)
from samenspraak.processes.models import Process


class ProcessList(generics.ListAPIView):
    """The published processes, newest first; filter by area, participation level and time."""

    serializer_class = ProcessSerializer
    query_serializer_class = ProcessQuery

    def get_queryset(self):
        return Process.objects.none()  # filter_by reads through the selector

    def filter_by(self, queryset, params):
        municipality = current_municipality()
        if municipality is None:
            return queryset
        return selectors.process_list(
            municipality=municipality,
            area=params.get("area"),
            level=params.get("level", ""),
            when=params.get("when", ""),
        )


class ProcessDetail(generics.RetrieveAPIView):
    """One published process with its phases."""

    serializer_class = ProcessDetailSerializer
    lookup_field = "slug"

    def get_object(self):
        try:
            return selectors.process_get_public(self.kwargs["slug"])
        except Process.DoesNotExist:
            raise Http404 from None
