"""Budgeting proposals pages (URL patterns): budgets, projects, support; staff setup and review."""

from django.urls import path

from samenspraak.budgeting.proposals import views

PUBLIC = "processen/<slug:process_slug>/"
STAFF = "beheer/processen/<slug:process_slug>/"

urlpatterns: list = [
    path(f"{PUBLIC}budgetten/<int:pk>/", views.budget_detail, name="budget_detail"),
    path(f"{PUBLIC}projecten/nieuw/", views.project_submit, name="project_submit"),
    path(f"{PUBLIC}projecten/<int:pk>/", views.project_detail, name="project_detail"),
    path(f"{PUBLIC}projecten/<int:pk>/steunen/", views.project_support, name="project_support"),
    path(f"{STAFF}budgetten/", views.manage_budgets, name="manage_budgets"),
    path(f"{STAFF}budgetten/nieuw/", views.manage_budget_new, name="manage_budget_new"),
    path(f"{STAFF}budgetten/<int:pk>/", views.manage_budget_edit, name="manage_budget_edit"),
    path(
        f"{STAFF}budgetten/<int:pk>/verwijderen/",
        views.manage_budget_delete,
        name="manage_budget_delete",
    ),
    path(f"{STAFF}budgetten/<int:pk>/toets/", views.review_list, name="review_list"),
    path(f"{STAFF}projecten/<int:pk>/toets/", views.review_project, name="review_project"),
]
