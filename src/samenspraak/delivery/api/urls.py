"""The REST API of delivery (mounted under /api/v1/ by samenspraak.api)."""

from django.urls import path

from samenspraak.delivery.api import views

urlpatterns = [
    path("delivery-projects", views.DeliveryProjectList.as_view(), name="delivery_projects"),
    path(
        "delivery-projects/<int:pk>",
        views.DeliveryProjectDetail.as_view(),
        name="delivery_project",
    ),
]
