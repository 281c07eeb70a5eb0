"""Budgeting voting pages (URL patterns)."""

urlpatterns: list = []
