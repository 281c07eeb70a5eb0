from django.urls import path

from samenspraak.consultation.api import views

urlpatterns = [
    path("inputs", views.InputList.as_view(), name="inputs"),
    path("inputs/<int:pk>", views.InputDetail.as_view(), name="input"),
    path("inputs/<int:pk>/answer", views.InputAnswer.as_view(), name="input_answer"),
    path("inputs/<int:pk>/trace", views.InputTraceView.as_view(), name="input_trace"),
]
