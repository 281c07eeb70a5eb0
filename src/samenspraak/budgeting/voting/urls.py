"""Budgeting voting pages (URL patterns)."""

from django.urls import path

from samenspraak.budgeting.voting import views

urlpatterns = [
    path("budgetten/<int:pk>/stemmen/", views.ballot, name="ballot"),
    path("budgetten/<int:pk>/stemmen/opgeslagen/", views.ballot_saved, name="ballot_saved"),
    path("budgetten/<int:pk>/stemcode/", views.vote_code, name="vote_code"),
    path("budgetten/<int:pk>/stemcode/klaar/", views.vote_code_done, name="vote_code_done"),
    path("beheer/budgetten/<int:pk>/stemmen/", views.staff_voting, name="staff_voting"),
    path("beheer/budgetten/<int:pk>/stemcodes/", views.staff_codes, name="staff_codes"),
    path("beheer/budgetten/<int:pk>/papier/", views.staff_paper, name="staff_paper"),
]
