from django.http import Http404
from rest_framework import generics
from rest_framework.response import Response

from samenspraak.budgeting import results
from samenspraak.budgeting.api.serializers import BudgetSerializer, ResultSerializer
from samenspraak.budgeting.budgets import selectors as budgets
from samenspraak.budgeting.models import Budget
from samenspraak.organisations.selectors import current_municipality


class BudgetList(generics.ListAPIView):
    """The budgets of published processes, with a link to the result once it is published."""

    serializer_class = BudgetSerializer

    def get_queryset(self):
        municipality = current_municipality()
        if municipality is None:
            return Budget.objects.none()
        return budgets.public_budgets(municipality)


class BudgetResult(generics.GenericAPIView):
    """The published result of a budget: which projects are funded, in order, and why."""

    serializer_class = ResultSerializer

    def get(self, request, pk):
        municipality = current_municipality()
        budget = result = None
        if municipality is not None:
            budget = budgets.public_budgets(municipality).filter(pk=pk).first()
        if budget is not None:
            result = results.published_result(budget)
        if result is None:
            raise Http404
        result.budget = budget
        rows = results.result_rows(result, results.result_projects(result))
        return Response(ResultSerializer({"result": result, "rows": rows}).data)
