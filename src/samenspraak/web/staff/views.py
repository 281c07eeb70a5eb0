"""Staff pages: a landing page for every staff role, the audit log for administrators.

The landing page lists the staff menu entries of the installed apps' manifests that the person
may use (core.components.StaffLink); the audit log's action labels come from the manifests too.
"""

from django.core.paginator import Paginator
from django.shortcuts import render

from samenspraak.accounts.models import STAFF_ROLES, Role
from samenspraak.accounts.permissions import has_role, role_required
from samenspraak.core import components
from samenspraak.core.selectors import audit_log_entries
from samenspraak.web.staff.forms import AuditLogFilterForm

PAGE_SIZE = 50


@role_required(*STAFF_ROLES)
def index(request):
    return render(
        request,
        "staff/index.html",
        {
            "links": components.staff_menu(request.user),
            "can_see_audit_log": has_role(request.user, Role.ADMINISTRATOR),
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
    labels = components.audit_action_labels()
    for entry in page.object_list:
        entry.action_label = labels.get(entry.action, entry.action)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "staff/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
