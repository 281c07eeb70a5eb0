"""Budgeting results pages (URL patterns)."""

urlpatterns: list = []
