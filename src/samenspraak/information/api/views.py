from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from samenspraak.information import selectors, services
from samenspraak.information.api.serializers import UpdateIn, UpdateSerializer
from samenspraak.organisations.selectors import current_municipality
from samenspraak.processes.models import Process
from samenspraak.processes.selectors import process_get, process_get_public


class UpdateList(generics.ListCreateAPIView):
    """The news updates of a published process, newest first (GET); publish one (POST)."""

    serializer_class = UpdateSerializer

    @property
    def required_scopes(self):
        return ("updates:publish",) if self.request.method == "POST" else ()

    def get_queryset(self):
        try:
            process = process_get_public(self.kwargs["slug"])
        except Process.DoesNotExist:
            raise Http404 from None
        return selectors.updates_of(process)

    @extend_schema(request=UpdateIn, responses={201: UpdateSerializer})
    def post(self, request, slug):
        try:
            process = process_get(municipality=current_municipality(), slug=slug)
        except Process.DoesNotExist:
            raise Http404 from None
        data = UpdateIn(data=request.data)
        data.is_valid(raise_exception=True)
        update = services.update_create(
            actor=request.user, process=process, request=request._request, **data.data
        )
        body = UpdateSerializer(update, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)
