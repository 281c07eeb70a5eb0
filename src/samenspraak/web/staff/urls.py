from django.urls import path

from samenspraak.web.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.index, name="index"),
    path("auditlog/", views.audit_log, name="audit_log"),
]
