"""Sections the budgeting results part adds to pages of lower apps: the published outcome of
each budget on its process page, and for process managers a way to the results pages."""

from samenspraak.budgeting.models import Budget
from samenspraak.budgeting.results.selectors import published_results, result_section_rows
from samenspraak.processes.permissions import can_manage_process

ORDER = 26


def _results_section(request, process):
    published = published_results(process)
    manage = []
    if can_manage_process(request.user, process):
        manage = list(Budget.objects.filter(process=process).order_by("title", "pk"))
    if not published and not manage:
        return None
    return {"process": process, "results": result_section_rows(published), "manage": manage}
