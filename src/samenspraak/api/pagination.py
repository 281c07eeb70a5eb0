"""Pages of a list: ``?page=2&pageSize=50`` (default 20, at most 100), with links.

The body: ``{"count", "page", "pageSize", "results", "_links": {"self", "first", "previous",
"next", "last"}}``; each link is ``{"href": ...}`` (HAL style, as the NL API Design Rules'
examples), ``previous``/``next`` are left out on the first/last page.
"""

from __future__ import annotations

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

MAX_PAGE_SIZE = 100


def _positive(value: str | None, default: int) -> int | None:
    if value is None:
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 1 else None


class PageLinks(PageNumberPagination):
    page_query_param = "page"
    page_size_query_param = "pageSize"
    page_size = 20
    max_page_size = MAX_PAGE_SIZE

    def query_errors(self, request) -> dict[str, list[str]]:
        """Errors in ``page`` and ``pageSize`` (checked with the view's own query parameters)."""
        errors = {}
        if _positive(request.query_params.get(self.page_query_param), 1) is None:
            errors[self.page_query_param] = [_("Geef een paginanummer van 1 of hoger.")]
        size = _positive(request.query_params.get(self.page_size_query_param), self.page_size)
        if size is None or size > self.max_page_size:
            errors[self.page_size_query_param] = [
                _("Geef een paginagrootte van 1 tot en met %(max)s.") % {"max": self.max_page_size}
            ]
        return errors

    def get_page_size(self, request) -> int:
        size = _positive(request.query_params.get(self.page_size_query_param), self.page_size)
        return min(size or self.page_size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        number = _positive(request.query_params.get(self.page_query_param), 1) or 1
        try:
            self.page = paginator.page(number if paginator.count else 1)
        except InvalidPage:
            raise NotFound(
                _("Pagina %(page)s bestaat niet; er zijn %(pages)s pagina's.")
                % {"page": number, "pages": paginator.num_pages}
            ) from None
        self.page_size_used = page_size
        return list(self.page)

    def _link(self, number: int) -> dict:
        url = self.request.build_absolute_uri()
        return {"href": replace_query_param(url, self.page_query_param, number)}

    def get_paginated_response(self, data):
        page = self.page
        links = {"self": self._link(page.number), "first": self._link(1)}
        if page.has_previous():
            links["previous"] = self._link(page.previous_page_number())
        if page.has_next():
            links["next"] = self._link(page.next_page_number())
        links["last"] = self._link(page.paginator.num_pages)
        return Response(
            {
                "_links": links,
                "count": page.paginator.count,
                "page": page.number,
                "pageSize": self.page_size_used,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {
            "type": "object",
            "properties": {"href": {"type": "string", "format": "uri"}},
            "required": ["href"],
        }
        return {
            "type": "object",
            "required": ["_links", "count", "page", "pageSize", "results"],
            "properties": {
                "_links": {
                    "type": "object",
                    "properties": {
                        name: link for name in ("self", "first", "previous", "next", "last")
                    },
                    "required": ["self", "first", "last"],
                },
                "count": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1},
                "pageSize": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Paginanummer (vanaf 1).",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Aantal per pagina (1 tot en met {self.max_page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
