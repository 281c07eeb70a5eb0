"""The Django admin's log-in page, replaced by ours (password and second factor)."""

from django.urls import path

from samenspraak.accounts import views

urlpatterns = [path("", views.admin_login)]
