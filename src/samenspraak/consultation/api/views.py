from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from samenspraak.consultation import permissions, selectors, services
from samenspraak.consultation.api.serializers import (
    AnswerIn,
    InputQuery,
    InputSerializer,
    InputTrace,
)
from samenspraak.consultation.models import Input
from samenspraak.core.trace import step_data, thread
from samenspraak.organisations.selectors import current_municipality


class InputList(generics.ListAPIView):
    """Inputs of published processes as the public pages show them (hidden ones left out),
    newest first; filter by process, area and status."""

    serializer_class = InputSerializer
    query_serializer_class = InputQuery

    def get_queryset(self):
        return Input.objects.none()  # filter_by reads through the selector

    def filter_by(self, queryset, params):
        municipality = current_municipality()
        if municipality is None:
            return queryset
        return selectors.public_inputs(
            municipality=municipality,
            process=params.get("process"),
            area=params.get("area"),
            status=params.get("status", ""),
        )


class InputDetail(generics.RetrieveAPIView):
    """One input of a published process (not when a moderator has hidden it)."""

    serializer_class = InputSerializer

    def get_object(self):
        municipality = current_municipality()
        item = None
        if municipality is not None:
            item = selectors.public_inputs(municipality=municipality).filter(pk=self.kwargs["pk"])
            item = item.first()
        if item is None:
            raise Http404
        return item


class InputAnswer(APIView):
    """Give (or change) the municipality's answer to an input, as on the staff page."""

    required_scopes = ("inputs:answer",)

    @extend_schema(request=AnswerIn, responses={200: InputSerializer})
    def post(self, request, pk):
        try:
            item = selectors.input_of_municipality(municipality=current_municipality(), pk=pk)
        except Input.DoesNotExist:
            raise Http404 from None
        if not permissions.can_answer(request.user, item):
            self.permission_denied(request)
        data = AnswerIn(data=request.data)
        data.is_valid(raise_exception=True)
        services.input_answer(actor=request.user, input=item, request=request._request, **data.data)
        item = selectors.input_of_municipality(municipality=item.process.municipality, pk=pk)
        return Response(InputSerializer(item, context={"request": request}).data)


class InputTraceView(APIView):
    """The golden thread of one public input: submitted, the municipality's answer with its
    outcome, and what followed (a vote, a council decision, a delivery project), each step
    dated and linked to its page and resource, oldest first."""

    @extend_schema(responses={200: InputTrace})
    def get(self, request, pk):
        municipality = current_municipality()
        if municipality is None or not (
            selectors.public_inputs(municipality=municipality).filter(pk=pk).exists()
        ):
            raise Http404
        steps = thread("consultation.Input", [pk])[pk]
        data = {"input": pk, "steps": [step_data(s, request.build_absolute_uri) for s in steps]}
        return Response(InputTrace(data).data)
