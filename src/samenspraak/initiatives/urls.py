from django.urls import path

from samenspraak.initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("initiatieven/", views.initiative_list, name="list"),
    path("initiatieven/nieuw/", views.initiative_create, name="create"),
    path("initiatieven/<int:pk>/", views.initiative_detail, name="detail"),
    path("initiatieven/<int:pk>/wijzigen/", views.initiative_edit, name="edit"),
    path("initiatieven/<int:pk>/indienen/", views.initiative_submit, name="submit"),
    path("initiatieven/<int:pk>/tekenen/", views.sign, name="sign"),
    path("initiatieven/<int:pk>/intrekken/", views.withdraw, name="withdraw"),
    path("initiatieven/<int:pk>/meedoen/<str:token>/", views.join, name="join"),
    path("beheer/initiatieven/", views.review_list, name="review_list"),
    path("beheer/initiatieven/agenda/", views.queue, name="queue"),
    path("beheer/initiatieven/verordening/", views.bylaw, name="bylaw"),
    path("beheer/initiatieven/<int:pk>/controleren/", views.review, name="review"),
    path("beheer/initiatieven/<int:pk>/papieren-lijst/", views.paper_list, name="paper_list"),
    path("beheer/initiatieven/<int:pk>/agenderen/", views.schedule, name="schedule"),
    path("beheer/initiatieven/<int:pk>/besluit/", views.decide, name="decide"),
    path("beheer/raadsvergaderingen/", views.meetings, name="meetings"),
]
