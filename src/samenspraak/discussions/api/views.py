from django.http import Http404
from rest_framework import generics

from samenspraak.discussions import selectors
from samenspraak.discussions.api.serializers import SpaceSerializer, ThreadSerializer
from samenspraak.organisations.selectors import current_municipality


class SpaceList(generics.ListAPIView):
    """The municipality's permanent discussion spaces (buurtgesprekken, stadsgesprekken)."""

    serializer_class = SpaceSerializer

    def get_queryset(self):
        return selectors.public_spaces(current_municipality())


class ThreadList(generics.ListAPIView):
    """The threads of a space, pinned first and newest activity first, with the number of
    comments; threads a moderator hid are left out. No authors."""

    serializer_class = ThreadSerializer

    def get_queryset(self):
        space = selectors.public_spaces(current_municipality()).filter(pk=self.kwargs["pk"]).first()
        if space is None:
            raise Http404
        return selectors.public_threads(space)
