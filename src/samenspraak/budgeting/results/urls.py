"""Budgeting results pages (URL patterns)."""

from django.urls import path

from samenspraak.budgeting.results import views

urlpatterns = [
    path("budgetten/<int:pk>/uitslag/", views.result_page, name="results"),
    path("beheer/budgetten/pabulib/", views.pabulib_replay, name="pabulib_replay"),
    path("beheer/budgetten/<int:pk>/uitslag/", views.result_manage, name="result_manage"),
    path(
        "beheer/budgetten/<int:pk>/uitslag/berekenen/",
        views.result_compute,
        name="result_compute",
    ),
    path(
        "beheer/budgetten/<int:pk>/uitslag/publiceren/",
        views.result_publish,
        name="result_publish",
    ),
    path("beheer/budgetten/<int:pk>/uitslag/pabulib.pb", views.result_export, name="result_export"),
]
