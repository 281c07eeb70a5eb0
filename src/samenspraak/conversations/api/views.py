from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from samenspraak.conversations import selectors
from samenspraak.conversations.api.serializers import (
    ConversationSerializer,
    OpinionGroupsSerializer,
    StatementSerializer,
)
from samenspraak.conversations.models import Conversation
from samenspraak.organisations.selectors import current_municipality


def _public(pk: int) -> Conversation:
    conversation = selectors.public_conversations(current_municipality()).filter(pk=pk).first()
    if conversation is None:
        raise Http404
    return conversation


class ConversationList(generics.ListAPIView):
    """The conversations (statements to vote on) of the published processes."""

    serializer_class = ConversationSerializer

    def get_queryset(self):
        return selectors.public_conversations(current_municipality())


class StatementList(generics.ListAPIView):
    """The placed statements of a conversation with their vote totals (never who voted what)."""

    serializer_class = StatementSerializer

    def get_queryset(self):
        return selectors.accepted_statements(_public(self.kwargs["pk"]))


class OpinionGroupsView(APIView):
    """The latest opinion groups: per group its size and representative statements, and the
    consensus statements, computed the way Polis does. Never a participant's votes."""

    @extend_schema(responses=OpinionGroupsSerializer)
    def get(self, request, pk):
        conversation = _public(pk)
        row = selectors.opinion_groups(conversation)
        result = row.result if row is not None and row.result else {}
        body = {
            "conversation": conversation.pk,
            "state": row.state if row is not None else "none",
            "computedAt": row.computed_at if row is not None else None,
            "k": result.get("k", 0),
            "participants": result.get("in_conversation", 0),
            "groups": result.get("groups", []),
            "consensus": result.get("consensus", {"agree": [], "disagree": []}),
        }
        return Response(OpinionGroupsSerializer(body).data)
