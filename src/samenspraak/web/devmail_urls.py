from django.urls import path

from samenspraak.web import devmail

app_name = "devmail"
urlpatterns = [
    path("", devmail.mailbox, name="mailbox"),
]
