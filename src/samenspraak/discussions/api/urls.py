from django.urls import path

from samenspraak.discussions.api import views

urlpatterns = [
    path("discussions", views.SpaceList.as_view(), name="discussions"),
    path("discussions/<int:pk>/threads", views.ThreadList.as_view(), name="discussion_threads"),
]
