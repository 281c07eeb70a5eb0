"""allauth's URLs, with a few of its views wrapped:

- the code confirmation, so an expired code gets a clear message;
- password set/change, which only staff may use: residents log in by code and never get a
  password (a password would be a second, weaker way into their account);
- the set-up of the authenticator app, which marks the session as having passed the second
  factor (accounts.middleware).
"""

from django.urls import include, path

from samenspraak.accounts import views

urlpatterns = [
    path("login/code/confirm/", views.confirm_login_code, name="account_confirm_login_code"),
    path("password/change/", views.password_change, name="account_change_password"),
    path("password/set/", views.password_set, name="account_set_password"),
    path("2fa/totp/activate/", views.activate_totp, name="mfa_activate_totp"),
    path("", include("allauth.urls")),
]
