"""Query parameters of a list, checked all at once.

A list view names its parameters in ``query_serializer_class`` (a DRF serializer) and applies
them in ``filter_by(queryset, params)``. This backend (the default for every view) validates
them together with ``page``/``pageSize`` (every list has those), so a 400 lists every wrong
parameter.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend


class QueryParameters(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        serializer_class = getattr(view, "query_serializer_class", None)
        is_list = hasattr(view, "list")  # get_object() of a detail view filters too
        if serializer_class is None and not is_list:
            return queryset
        errors, params = {}, {}
        if serializer_class is not None:
            # A plain dict, not the QueryDict: "?status=" is then a wrong value, as the schema
            # says, not silently "no filter" (DRF's reading of HTML form input).
            serializer = serializer_class(data=request.query_params.dict())
            if serializer.is_valid():
                params = serializer.validated_data
            else:
                errors.update(serializer.errors)
        paginator = getattr(view, "paginator", None)
        if is_list and paginator is not None and hasattr(paginator, "query_errors"):
            errors.update(paginator.query_errors(request))
        for name, values in request.query_params.lists():
            if len(values) > 1:
                errors[name] = [_("Geef deze parameter één keer.")]
        if errors:
            raise ValidationError(errors)
        return view.filter_by(queryset, params) if serializer_class is not None else queryset

    def get_schema_operation_parameters(self, view):
        return []  # documented by the schema class from query_serializer_class
