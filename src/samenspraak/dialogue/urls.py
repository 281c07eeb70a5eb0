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
]
