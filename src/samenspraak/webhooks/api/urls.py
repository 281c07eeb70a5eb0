from django.urls import path

from samenspraak.webhooks.api import views

urlpatterns = [
    path("webhooks/subscriptions", views.SubscriptionList.as_view(), name="webhook_subscriptions"),
    path(
        "webhooks/subscriptions/<int:pk>",
        views.SubscriptionDetail.as_view(),
        name="webhook_subscription",
    ),
    path(
        "webhooks/subscriptions/<int:pk>/validate",
        views.SubscriptionValidate.as_view(),
        name="webhook_subscription_validate",
    ),
    path("webhooks/deliveries", views.DeliveryList.as_view(), name="webhook_deliveries"),
    path(
        "webhooks/deliveries/<int:pk>/replay",
        views.DeliveryReplay.as_view(),
        name="webhook_delivery_replay",
    ),
]
