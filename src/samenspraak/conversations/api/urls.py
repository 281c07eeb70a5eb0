from django.urls import path

from samenspraak.conversations.api import views

urlpatterns = [
    path("conversations", views.ConversationList.as_view(), name="conversations"),
    path(
        "conversations/<int:pk>/statements",
        views.StatementList.as_view(),
        name="conversation_statements",
    ),
    path(
        "conversations/<int:pk>/opinion-groups",
        views.OpinionGroupsView.as_view(),
        name="conversation_opinion_groups",
    ),
]
