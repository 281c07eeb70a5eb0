from django.urls import path

from samenspraak.budgeting.api import views

urlpatterns = [
    path("budgets", views.BudgetList.as_view(), name="budgets"),
    path("budgets/<int:pk>/result", views.BudgetResult.as_view(), name="budget_result"),
    path(
        "budget-projects/<int:pk>/trace",
        views.BudgetProjectTraceView.as_view(),
        name="budget_project_trace",
    ),
]
