"""The REST API of initiatives (mounted under /api/v1/ by samenspraak.api)."""

from django.urls import path

from samenspraak.initiatives.api import views

urlpatterns = [
    path("initiatives", views.InitiativeList.as_view(), name="initiatives"),
    path("initiatives/<int:pk>", views.InitiativeDetail.as_view(), name="initiative"),
    path(
        "initiatives/<int:pk>/trace", views.InitiativeTraceView.as_view(), name="initiative_trace"
    ),
    path(
        "council-decisions/<int:pk>",
        views.CouncilDecisionDetail.as_view(),
        name="council_decision",
    ),
    path("council-decisions", views.CouncilDecisionList.as_view(), name="council_decisions"),
]
