from django.urls import path

from samenspraak.initiatives.views import council, public, staff

app_name = "initiatives"
urlpatterns = [
    path("initiatieven/", public.initiative_list, name="list"),
    path("initiatieven/nieuw/", public.initiative_create, name="create"),
    path("initiatieven/<int:pk>/", public.initiative_detail, name="detail"),
    path("initiatieven/<int:pk>/wijzigen/", public.initiative_edit, name="edit"),
    path("initiatieven/<int:pk>/indienen/", public.initiative_submit, name="submit"),
    path("initiatieven/<int:pk>/tekenen/", public.sign, name="sign"),
    path("initiatieven/<int:pk>/intrekken/", public.withdraw, name="withdraw"),
    path("initiatieven/<int:pk>/meedoen/<str:token>/", public.join, name="join"),
    path("initiatieven/<int:pk>/raadsreactie/", public.council_react, name="council_react"),
    path("raadsleden/", public.council_list, name="council_list"),
    path("raadsleden/mijn-pagina/", council.dashboard, name="council_dashboard"),
    path("raadsleden/vragen/<int:pk>/beantwoorden/", council.answer, name="council_answer"),
    path(
        "raadsleden/reageren/<str:subject>/<int:pk>/",
        council.react,
        name="council_react_on",
    ),
    path("processen/<slug:slug>/vraag-aan-de-raad/", council.ask, name="council_ask"),
    path("raadsbesluiten/", council.decisions, name="decisions"),
    path("beheer/raadsvragen/", council.question_check, name="question_check"),
    path("raadsleden/<int:pk>/", public.council_member, name="council_member"),
    path("beheer/raadsleden/", staff.council_members, name="council_members"),
    path("beheer/initiatieven/", staff.review_list, name="review_list"),
    path("beheer/initiatieven/agenda/", staff.queue, name="queue"),
    path("beheer/initiatieven/verordening/", staff.bylaw, name="bylaw"),
    path("beheer/initiatieven/<int:pk>/controleren/", staff.review, name="review"),
    path("beheer/initiatieven/<int:pk>/papieren-lijst/", staff.paper_list, name="paper_list"),
    path("beheer/initiatieven/<int:pk>/agenderen/", staff.schedule, name="schedule"),
    path("beheer/initiatieven/<int:pk>/besluit/", staff.decide, name="decide"),
    path("beheer/raadsvergaderingen/", staff.meetings, name="meetings"),
]
