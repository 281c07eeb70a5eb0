from django.urls import path

from samenspraak.delivery import views

app_name = "delivery"
urlpatterns = [
    path("uitvoering/", views.project_list, name="list"),
    path("uitvoering/dashboard/", views.dashboard, name="dashboard"),
    path("uitvoering/<int:pk>/", views.project_detail, name="detail"),
    path("beheer/uitvoering/", views.manage, name="manage"),
    path("beheer/uitvoering/nieuw/", views.project_create, name="create"),
    path("beheer/uitvoering/<int:pk>/", views.project_edit, name="edit"),
    path("beheer/uitvoering/<int:pk>/mijlpalen/nieuw/", views.milestone_add, name="milestone_add"),
    path(
        "beheer/uitvoering/<int:pk>/mijlpalen/<int:milestone_pk>/",
        views.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "beheer/uitvoering/<int:pk>/mijlpalen/<int:milestone_pk>/verwijderen/",
        views.milestone_delete,
        name="milestone_delete",
    ),
    path("beheer/uitvoering/<int:pk>/bericht/", views.update_post, name="update"),
    path(
        "beheer/uitvoering/<int:pk>/bericht/<int:update_pk>/verwijderen/",
        views.update_delete,
        name="update_delete",
    ),
    path("beheer/uitvoering/<int:pk>/herkomst/", views.origins, name="origins"),
    path(
        "beheer/uitvoering/<int:pk>/herkomst/<int:origin_pk>/verwijderen/",
        views.origin_remove,
        name="origin_remove",
    ),
]
