from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from samenspraak.webhooks import selectors, services
from samenspraak.webhooks.api.serializers import (
    DeliverySerializer,
    SubscriptionChange,
    SubscriptionCreatedSerializer,
    SubscriptionIn,
    SubscriptionSerializer,
)
from samenspraak.webhooks.models import Delivery, Subscription
from samenspraak.webhooks.permissions import SCOPE


class SubscriptionList(generics.ListCreateAPIView):
    """The webhook subscriptions of this integration (GET); subscribe (POST: the answer holds
    the shared secret, once)."""

    required_scopes = (SCOPE,)
    serializer_class = SubscriptionSerializer

    def get_queryset(self):
        return selectors.subscriptions_of(self.request.auth)

    @extend_schema(request=SubscriptionIn, responses={201: SubscriptionCreatedSerializer})
    def post(self, request):
        data = SubscriptionIn(data=request.data)
        data.is_valid(raise_exception=True)
        subscription, secret = services.subscription_create(
            actor=request.user,
            integration=request.auth,
            target_url=data.validated_data["targetUrl"],
            event_types=data.validated_data["eventTypes"],
            request=request._request,
        )
        subscription.secret = secret
        body = SubscriptionCreatedSerializer(subscription, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


def _own_subscription(request, pk) -> Subscription:
    try:
        return selectors.subscriptions_of(request.auth).get(pk=pk)
    except Subscription.DoesNotExist:
        raise Http404 from None


class SubscriptionDetail(generics.RetrieveDestroyAPIView):
    """One subscription of this integration (GET); change its address or event types (PATCH:
    a new address is validated again); unsubscribe (DELETE)."""

    required_scopes = (SCOPE,)
    serializer_class = SubscriptionSerializer
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_object(self):
        return _own_subscription(self.request, self.kwargs["pk"])

    @extend_schema(request=SubscriptionChange, responses={200: SubscriptionSerializer})
    def patch(self, request, pk):
        subscription = self.get_object()
        data = SubscriptionChange(data=request.data)
        data.is_valid(raise_exception=True)
        subscription = services.subscription_update(
            actor=request.user,
            subscription=subscription,
            target_url=data.validated_data.get("targetUrl"),
            event_types=data.validated_data.get("eventTypes"),
            request=request._request,
        )
        return Response(SubscriptionSerializer(subscription, context={"request": request}).data)

    def perform_destroy(self, instance):
        services.subscription_delete(
            actor=self.request.user, subscription=instance, request=self.request._request
        )


class SubscriptionValidate(APIView):
    """Ask the receiver again whether it wants the events (the CloudEvents OPTIONS
    handshake); the answer shows the result (validatedAt, validationError)."""

    required_scopes = (SCOPE,)

    @extend_schema(request=None, responses={200: SubscriptionSerializer})
    def post(self, request, pk):
        subscription = _own_subscription(request, pk)
        services.subscription_validate(
            actor=request.user, subscription=subscription, request=request._request
        )
        return Response(SubscriptionSerializer(subscription, context={"request": request}).data)


class DeliveryList(generics.ListAPIView):
    """The delivery log of this integration's subscriptions, newest first."""

    required_scopes = (SCOPE,)
    serializer_class = DeliverySerializer

    def get_queryset(self):
        return selectors.deliveries_of(self.request.auth)


class DeliveryReplay(APIView):
    """Send a delivery again (same CloudEvent, same id), with a fresh round of retries."""

    required_scopes = (SCOPE,)

    @extend_schema(request=None, responses={202: DeliverySerializer})
    def post(self, request, pk):
        try:
            delivery = selectors.deliveries_of(request.auth).get(pk=pk)
        except Delivery.DoesNotExist:
            raise Http404 from None
        delivery = services.delivery_replay(
            actor=request.user, delivery=delivery, request=request._request
        )
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
