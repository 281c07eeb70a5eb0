"""Budgeting proposals pages (URL patterns)."""

urlpatterns: list = []
