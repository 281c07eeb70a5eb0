from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from samenspraak.assemblies import selectors
from samenspraak.assemblies.api.serializers import AssemblyDetailSerializer, AssemblySerializer
from samenspraak.organisations.selectors import current_municipality


def _publication(assembly, draw) -> dict | None:
    data = selectors.publication(assembly, draw)
    if data is None:
        return None
    return {
        "algorithm": data["algorithm"],
        "seed": data["seed"],
        "panel": data["panel"],
        "reserves": data["reserves"],
        "probabilities": data["probabilities"],
        "lottery": data["lottery"],
        "quotas": [
            {
                **q,
                "panel": data["panel_counts"][q["feature"]][q["value"]],
                "pool": data["pool_counts"][q["feature"]][q["value"]],
            }
            for q in data["quotas"]
        ],
    }


class AssemblyList(generics.ListAPIView):
    """The burgerberaden of the published processes (the lottery is in the detail)."""

    serializer_class = AssemblySerializer

    def get_queryset(self):
        return selectors.public_assemblies(current_municipality())


class AssemblyDetail(APIView):
    """One burgerberaad; once published, its anonymised lottery (panels of public ids with their
    probabilities), each volunteer's selection probability (by public id), the panel, the
    reserves, the quotas with counts and the revealed seed. Never personal data."""

    @extend_schema(responses=AssemblyDetailSerializer)
    def get(self, request, pk):
        item = selectors.public_assemblies(current_municipality()).filter(pk=pk).first()
        if item is None:
            raise Http404
        item.publication = _publication(item, getattr(item, "draw", None))
        return Response(AssemblyDetailSerializer(item).data)
