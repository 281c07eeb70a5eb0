from django.db.models import Prefetch
from django.http import Http404
from rest_framework import generics

from samenspraak.delivery import selectors
from samenspraak.delivery.api.serializers import DeliveryProjectQuery, DeliveryProjectSerializer
from samenspraak.delivery.models import DeliveryProject, Milestone
from samenspraak.organisations.models import Area
from samenspraak.organisations.selectors import current_municipality


def _public(status: str = "", area=None):
    municipality = current_municipality()
    if municipality is None:
        return DeliveryProject.objects.none()
    return selectors.public_projects(municipality, status=status, area=area).prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("planned_on", "pk"))
    )


class _WithOrigins:
    """Origins for the projects of one page, in a fixed number of queries."""

    def get_serializer(self, *args, **kwargs):
        if args:
            items = args[0] if isinstance(args[0], list | tuple) else [args[0]]
            if items and isinstance(items[0], DeliveryProject):
                kwargs.setdefault("context", self.get_serializer_context())
                kwargs["context"]["origins"] = selectors.origin_items_for(list(items))
        return super().get_serializer(*args, **kwargs)


class DeliveryProjectList(_WithOrigins, generics.ListAPIView):
    """Public delivery projects (uitvoeringsprojecten), newest first: status, progress,
    budget planned and spent, milestones and origins (with links to their resources); filter by
    status and by area (its buurten included)."""

    serializer_class = DeliveryProjectSerializer
    query_serializer_class = DeliveryProjectQuery

    def get_queryset(self):
        return DeliveryProject.objects.none()  # filter_by reads through the selector

    def filter_by(self, queryset, params):
        area = None
        if params.get("area"):
            municipality = current_municipality()
            area = Area.objects.filter(municipality=municipality, slug=params["area"]).first()
            if area is None:
                return DeliveryProject.objects.none()
        return _public(params.get("status", ""), area)


class DeliveryProjectDetail(_WithOrigins, generics.RetrieveAPIView):
    """One public delivery project."""

    serializer_class = DeliveryProjectSerializer

    def get_object(self):
        item = _public().filter(pk=self.kwargs["pk"]).first()
        if item is None:
            raise Http404
        return item
