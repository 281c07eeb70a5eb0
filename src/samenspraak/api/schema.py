"""OpenAPI 3 for the API (drf-spectacular), shaped to the NL API Design Rules.

The schema class documents each list view's query parameters from its
``query_serializer_class`` and each write's token and scope. The post-processing hook adds what
every operation has in common: the ``API-Version`` header on every 2xx/3xx response, ``ETag``
with ``If-None-Match`` → 304 on reads, and problem+json (RFC 9457) error responses.
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

from samenspraak.api.version import API_VERSION

SECURITY_SCHEME = "integrationToken"
PROBLEM = "application/problem+json"


class IntegrationTokenScheme(OpenApiAuthenticationExtension):
    target_class = "samenspraak.api.authentication.IntegrationTokenAuthentication"
    name = SECURITY_SCHEME

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "De sleutel van een koppeling (`samenspraak api_token create`).",
        }


class AutoSchema(SpectacularAutoSchema):
    def _scopes(self) -> tuple[str, ...]:
        return tuple(getattr(self.view, "required_scopes", ()))

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        serializer_class = getattr(self.view, "query_serializer_class", None)
        if serializer_class is not None and self.method == "GET":
            parameters.append(serializer_class)
        return parameters

    def get_auth(self):
        if not self._scopes():
            return []  # public: no token needed (one is accepted for the rate limit)
        return [{SECURITY_SCHEME: []}]

    def get_description(self):
        description = super().get_description() or ""
        if self._scopes():
            needed = ", ".join(f"`{scope}`" for scope in self._scopes())
            description = f"{description}\n\nNodig: een sleutel met het recht {needed}.".strip()
        return description


def _header(description: str, example: str = "") -> dict:
    header = {"description": description, "schema": {"type": "string"}}
    if example:
        header["example"] = example
    return header


def _problem_schema() -> dict:
    return {
        "type": "object",
        "description": "Probleemdetails volgens RFC 9457.",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "format": "uri-reference", "example": "about:blank"},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "instance": {"type": "string", "format": "uri-reference"},
            "invalidParams": {
                "type": "array",
                "description": "Elk veld of elke parameter die niet klopt (alleen bij 400).",
                "items": {
                    "type": "object",
                    "required": ["name", "code", "reason"],
                    "properties": {
                        "name": {"type": "string"},
                        "code": {"type": "string"},
                        "reason": {"type": "string"},
                    },
                },
            },
        },
    }


ERRORS = {
    "400": "De aanvraag klopt niet; `invalidParams` noemt elk veld of elke parameter.",
    "401": "Geen of een ongeldige sleutel.",
    "403": "De sleutel heeft dit recht niet, of de medewerker mag dit niet.",
    "404": "Niet gevonden of niet openbaar.",
    "406": "Alleen JSON is beschikbaar.",
    "415": "Stuur JSON.",
    "429": "Te veel verzoeken; `Retry-After` zegt hoelang u moet wachten.",
    "500": "Er ging iets mis aan onze kant.",
}


def nl_api_rules(result, generator, request, public):
    """drf-spectacular post-processing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = _problem_schema()
    headers = components.setdefault("headers", {})
    headers["API-Version"] = _header("De volledige versie van de API.", API_VERSION)
    headers["ETag"] = _header("Versie van deze representatie, voor If-None-Match.")
    headers["Retry-After"] = _header("Seconden tot u het opnieuw kunt proberen.")
    parameters = components.setdefault("parameters", {})
    parameters["If-None-Match"] = {
        "name": "If-None-Match",
        "in": "header",
        "required": False,
        "description": "ETag van een eerder antwoord; ongewijzigd geeft 304 zonder inhoud.",
        "schema": {"type": "string"},
    }
    responses = components.setdefault("responses", {})
    for code, description in ERRORS.items():
        response = {
            "description": description,
            "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
            "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        if code == "429":
            response["headers"]["Retry-After"] = {"$ref": "#/components/headers/Retry-After"}
        responses[f"Problem{code}"] = response
    responses["NotModified"] = {
        "description": "Niet gewijzigd sinds de ETag in If-None-Match.",
        "headers": {
            "API-Version": {"$ref": "#/components/headers/API-Version"},
            "ETag": {"$ref": "#/components/headers/ETag"},
        },
    }
    version_ref = {"$ref": "#/components/headers/API-Version"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            _shape_operation(method, operation, version_ref)
    result["info"]["version"] = API_VERSION
    return result


def _shape_operation(method: str, operation: dict, version_ref: dict) -> None:
    op_responses = operation.setdefault("responses", {})
    for code, response in op_responses.items():
        if code.startswith(("2", "3")):
            response.setdefault("headers", {})["API-Version"] = version_ref
            if method == "get" and code == "200":
                response["headers"]["ETag"] = {"$ref": "#/components/headers/ETag"}
    codes = ["400", "404", "406", "429", "500"]
    if method == "get":
        operation.setdefault("parameters", []).append(
            {"$ref": "#/components/parameters/If-None-Match"}
        )
        op_responses["304"] = {"$ref": "#/components/responses/NotModified"}
    else:
        codes += ["401", "403", "415"]
    for code in sorted(codes):
        op_responses[code] = {"$ref": f"#/components/responses/Problem{code}"}
