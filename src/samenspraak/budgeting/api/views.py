from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from samenspraak.budgeting import results
from samenspraak.budgeting.api.serializers import (
    BudgetProjectTrace,
    BudgetSerializer,
    ResultSerializer,
)
from samenspraak.budgeting.budgets import selectors as budgets
from samenspraak.budgeting.models import Budget, BudgetProject
from samenspraak.core.trace import step_data, thread
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


class BudgetProjectTraceView(APIView):
    """The golden thread of one budget project of a published process: proposed, the
    feasibility review, on the ballot, chosen or not chosen (with the reason, the votes and
    the amount), and what followed, each step dated and linked, oldest first."""

    @extend_schema(responses={200: BudgetProjectTrace})
    def get(self, request, pk):
        municipality = current_municipality()
        project = None
        if municipality is not None:
            project = (
                BudgetProject.objects.filter(pk=pk, budget__in=budgets.public_budgets(municipality))
                .only("pk", "budget_id", "input_id")
                .first()
            )
        steps = thread("budgeting.BudgetProject", [pk])[pk] if project is not None else []
        if not steps:  # not public, or its input was hidden by a moderator
            raise Http404
        data = {
            "project": project.pk,
            "budget": project.budget_id,
            "input": project.input_id,
            "steps": [step_data(step, request.build_absolute_uri) for step in steps],
        }
        return Response(BudgetProjectTrace(data).data)
