from django.urls import path

from samenspraak.dialogue import views

app_name = "dialogue"
urlpatterns = [
    path(
        "reacties/<str:content_type>/<int:object_id>/",
        views.comment_create,
        name="comment_create",
    ),
    path("reacties/<int:pk>/verwijderen/", views.comment_delete, name="comment_delete"),
    path("reacties/<int:pk>/bewerken/", views.comment_edit, name="comment_edit"),
    path("reacties/<int:pk>/waardering/", views.comment_react, name="comment_react"),
    path("huisregels/", views.house_rules, name="house_rules"),
    path("melden/<str:content_type>/<int:object_id>/", views.report, name="report"),
    path("beheer/moderatie/", views.moderation_queue, name="moderation_queue"),
    path(
        "beheer/moderatie/besluit/<str:content_type>/<int:object_id>/",
        views.moderation_decide,
        name="moderation_decide",
    ),
    path("beheer/moderatie/huisregels/", views.house_rule_list, name="house_rule_list"),
    path("beheer/moderatie/huisregels/nieuw/", views.house_rule_edit, name="house_rule_create"),
    path("beheer/moderatie/huisregels/<int:pk>/", views.house_rule_edit, name="house_rule_edit"),
    path(
        "beheer/moderatie/reacties/<int:pk>/goedkeuren/",
        views.moderation_approve,
        name="moderation_approve",
    ),
    path(
        "beheer/moderatie/reacties/<int:pk>/markeren/",
        views.moderation_mark,
        name="moderation_mark",
    ),
    path("beheer/moderatie/reacties/<int:pk>/dempen/", views.mute_create, name="mute_create"),
    path("beheer/moderatie/dempingen/", views.mute_list, name="mute_list"),
    path("beheer/moderatie/woordfilter/", views.word_filter, name="word_filter"),
    path(
        "beheer/moderatie/woordfilter/<int:pk>/verwijderen/",
        views.word_filter_remove,
        name="word_filter_remove",
    ),
    path("beheer/moderatie/logboek/", views.moderation_log, name="moderation_log"),
]
