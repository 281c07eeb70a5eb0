from django.urls import path

from samenspraak.assemblies.api import views

urlpatterns = [
    path("assemblies", views.AssemblyList.as_view(), name="assemblies"),
    path("assemblies/<int:pk>", views.AssemblyDetail.as_view(), name="assembly"),
]
