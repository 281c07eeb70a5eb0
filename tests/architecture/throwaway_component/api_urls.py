"""The throw-away component's API routes (mounted by the API through components.api_url_modules)."""

from django.http import JsonResponse
from django.urls import path

urlpatterns = [path("notes", lambda request: JsonResponse({"notes": []}), name="notes")]
