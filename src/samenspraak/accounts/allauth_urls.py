"""allauth's URLs, with the code confirmation wrapped so an expired code gets a clear message."""

from django.urls import include, path

from samenspraak.accounts import views

urlpatterns = [
    path("login/code/confirm/", views.confirm_login_code, name="account_confirm_login_code"),
    path("", include("allauth.urls")),
]
