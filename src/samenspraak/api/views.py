"""The API's own addresses: the OpenAPI document and a problem+json 404 for unknown ones."""

from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularJSONAPIView

from samenspraak.api.problems import problem_response


class OpenApiView(SpectacularJSONAPIView):
    """``/api/v1/openapi.json``: the OpenAPI 3 document of API v1."""


@csrf_exempt  # any method, no session: a POST to an unknown address is a 404 too
def not_found(request, rest=""):
    return problem_response(request, 404, _("Dit adres bestaat niet in de API."))
