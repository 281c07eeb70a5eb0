"""Staff pages: a landing page for every staff role, the audit log for administrators."""

from django.core.paginator import Paginator
from django.shortcuts import render

from samenspraak.accounts.models import STAFF_ROLES, Role
from samenspraak.accounts.permissions import has_role, role_required
from samenspraak.consultation.permissions import can_use_inbox
from samenspraak.core.selectors import audit_log_entries
from samenspraak.dialogue.permissions import can_moderate
from samenspraak.processes.permissions import can_manage_processes
from samenspraak.web.staff.forms import ACTION_LABELS, AuditLogFilterForm

PAGE_SIZE = 50


@role_required(*STAFF_ROLES)
def index(request):
    return render(
        request,
        "staff/index.html",
        {
            "can_see_audit_log": has_role(request.user, Role.ADMINISTRATOR),
            "can_manage_processes": can_manage_processes(request.user),
            "can_use_inbox": can_use_inbox(request.user),
            "can_moderate": can_moderate(request.user),
        },
    )


@role_required(Role.ADMINISTRATOR)
def audit_log(request):
    form = AuditLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_log_entries(
        actor=filters.get("actor", ""),
        action=filters.get("action", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
    for entry in page.object_list:
        entry.action_label = ACTION_LABELS.get(entry.action, entry.action)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "staff/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
