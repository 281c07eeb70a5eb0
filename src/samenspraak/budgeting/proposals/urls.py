"""Proposal pages (URL patterns): projects and support; for staff the feasibility review."""

from django.urls import path

from samenspraak.budgeting.budgets.urls import PUBLIC, STAFF
from samenspraak.budgeting.proposals import views

urlpatterns: list = [
    path(f"{PUBLIC}projecten/nieuw/", views.project_submit, name="project_submit"),
    path(f"{PUBLIC}projecten/<int:pk>/", views.project_detail, name="project_detail"),
    path(f"{PUBLIC}projecten/<int:pk>/steunen/", views.project_support, name="project_support"),
    path(f"{STAFF}budgetten/<int:pk>/toets/", views.review_list, name="review_list"),
    path(f"{STAFF}projecten/<int:pk>/toets/", views.review_project, name="review_project"),
]
