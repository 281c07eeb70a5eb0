"""Public information pages of a process and the staff pages that manage them."""

from __future__ import annotations

import mimetypes
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenspraak.core.forms import apply_service_errors, preview_requested, previews
from samenspraak.information import selectors, services
from samenspraak.information.forms import DocumentForm, FAQItemForm, UpdateForm
from samenspraak.information.permissions import can_follow, can_manage_information

UPDATES_PER_PAGE = 20


def process_url(process) -> str:
    """The process's own page (owned by the processes app); our news page until it exists."""
    for name in ("processes:detail", "processes:process_detail"):
        try:
            return reverse(name, args=[process.slug])
        except NoReverseMatch:
            continue
    return reverse("information:update_list", args=[process.slug])


def _public_context(request, process, current: str) -> dict:
    return {
        "process": process,
        "process_url": process_url(process),
        "current": current,
        "can_manage": can_manage_information(request.user, process),
    }


def _public_process(request, slug):
    """Published processes for everyone; managers also see their drafts."""
    process = selectors.process_get(slug, published_only=False)
    if not process.is_published and not can_manage_information(request.user, process):
        raise Http404
    return process


# --- Public pages --------------------------------------------------------------------------


def update_list(request, process_slug):
    process = _public_process(request, process_slug)
    page = Paginator(selectors.updates_of(process), UPDATES_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    context = _public_context(request, process, "updates") | {"page": page}
    return render(request, "information/update_list.html", context)


def update_detail(request, process_slug, pk):
    process = _public_process(request, process_slug)
    update = selectors.update_get(process, pk)
    context = _public_context(request, process, "updates") | {"update": update}
    return render(request, "information/update_detail.html", context)


def document_list(request, process_slug):
    process = _public_process(request, process_slug)
    context = _public_context(request, process, "documents") | {
        "documents": list(selectors.documents_of(process))
    }
    return render(request, "information/document_list.html", context)


def document_download(request, process_slug, pk):
    process = _public_process(request, process_slug)
    document = selectors.document_get(process, pk)
    if not document.file:
        return redirect(document.url)
    try:
        handle = document.file.open("rb")
    except OSError as error:
        raise Http404 from error
    extension = document.file_format or "pdf"
    content_type = mimetypes.types_map.get(f".{extension}", "application/octet-stream")
    if extension == "odt":
        content_type = "application/vnd.oasis.opendocument.text"
    elif extension == "docx":
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{document.title[:80]}.{extension}",
        content_type=content_type,
    )


def faq(request, process_slug):
    process = _public_process(request, process_slug)
    context = _public_context(request, process, "faq") | {"items": list(selectors.faq_of(process))}
    return render(request, "information/faq.html", context)


@require_http_methods(["GET", "POST"])
def follow(request, process_slug):
    """GET: whether you follow and a button; POST action=follow|unfollow. Works without JS."""
    process = selectors.process_get(process_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("information:follow", args=[process.slug]))
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "follow" and can_follow(request.user, process):
            services.follow(user=request.user, process=process)
            messages.success(
                request,
                _("U volgt nu %(process)s. U krijgt e-mail als er nieuws is.")
                % {"process": process.title},
            )
        elif action == "unfollow":
            services.unfollow(user=request.user, process=process)
            messages.success(
                request, _("U volgt %(process)s niet meer.") % {"process": process.title}
            )
        else:
            messages.error(request, _("Dat lukte niet. Probeer het opnieuw."))
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(next_url)
        return redirect("information:follow", process.slug)
    context = _public_context(request, process, "follow") | {
        "following": selectors.is_following(request.user, process),
        "follower_count": selectors.follower_count(process),
        "wants_mail": selectors.followers_to_notify(process).filter(pk=request.user.pk).exists(),
    }
    return render(request, "information/follow.html", context)


# --- Staff pages ---------------------------------------------------------------------------


def manager_required(view):
    """Logged-in process manager or administrator; the process is passed instead of its slug."""

    @wraps(view)
    def wrapped(request, process_slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        process = selectors.process_get(process_slug, published_only=False)
        if not can_manage_information(request.user, process):
            raise PermissionDenied
        return view(request, process, *args, **kwargs)

    return wrapped


def _manage_url(process) -> str:
    return reverse("information:manage", args=[process.slug])


def _staff_context(process, **extra) -> dict:
    return {
        "process": process,
        "process_url": process_url(process),
        "manage_url": _manage_url(process),
    } | extra


@manager_required
def manage(request, process):
    context = _staff_context(
        process,
        updates=list(selectors.updates_of(process)),
        documents=list(selectors.documents_of(process)),
        items=list(selectors.faq_of(process)),
        follower_count=selectors.follower_count(process),
    )
    return render(request, "information/staff/manage.html", context)


@manager_required
def update_form(request, process, pk=None):
    update = selectors.update_get(process, pk) if pk else None
    form = UpdateForm(request.POST or None, instance=update)
    if request.method == "POST" and not preview_requested(request) and form.is_valid():
        data = form.cleaned_data
        try:
            if update is None:
                services.update_create(actor=request.user, process=process, request=request, **data)
                messages.success(
                    request, _("Het bericht staat online. Volgers krijgen een e-mail.")
                )
            else:
                services.update_edit(actor=request.user, update=update, request=request, **data)
                messages.success(request, _("Het bericht is gewijzigd."))
            return redirect(_manage_url(process))
        except ValidationError as error:
            apply_service_errors(form, error)
    heading = _("Nieuwsbericht schrijven") if update is None else _("Nieuwsbericht wijzigen")
    return render(
        request,
        "information/staff/form.html",
        _staff_context(
            process, form=form, heading=heading, multipart=False, previews=previews(request, form)
        ),
    )


@manager_required
def document_form(request, process, pk=None):
    document = selectors.document_get(process, pk) if pk else None
    initial = (
        {}
        if document
        else {"organisation": _("Gemeente %(name)s") % {"name": process.municipality.name}}
    )
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        instance=document,
        initial=initial,
        editing=document is not None,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        file, url = data.pop("file", None), data.pop("url", "")
        try:
            if document is None:
                services.document_create(
                    actor=request.user, process=process, file=file, url=url, request=request, **data
                )
                messages.success(request, _("Het document is toegevoegd."))
            else:
                services.document_edit(
                    actor=request.user,
                    document=document,
                    file=file,
                    url=url,
                    request=request,
                    **data,
                )
                messages.success(request, _("Het document is gewijzigd."))
            return redirect(_manage_url(process))
        except ValidationError as error:
            apply_service_errors(form, error, default_field="file")
    heading = _("Document toevoegen") if document is None else _("Document wijzigen")
    return render(
        request,
        "information/staff/form.html",
        _staff_context(process, form=form, heading=heading, multipart=True, document=document),
    )


@manager_required
def faq_form(request, process, pk=None):
    item = selectors.faq_get(process, pk) if pk else None
    form = FAQItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                services.faq_create(
                    actor=request.user, process=process, request=request, **form.cleaned_data
                )
                messages.success(request, _("De vraag is toegevoegd."))
            else:
                services.faq_edit(
                    actor=request.user, item=item, request=request, **form.cleaned_data
                )
                messages.success(request, _("De vraag is gewijzigd."))
            return redirect(_manage_url(process))
        except ValidationError as error:
            apply_service_errors(form, error)
    heading = _("Vraag toevoegen") if item is None else _("Vraag wijzigen")
    return render(
        request,
        "information/staff/form.html",
        _staff_context(process, form=form, heading=heading, multipart=False),
    )


def _delete_view(kind: str):
    getters = {
        "update": (selectors.update_get, services.update_delete, "update"),
        "document": (selectors.document_get, services.document_delete, "document"),
        "faq": (selectors.faq_get, services.faq_delete, "item"),
    }
    get, delete, argument = getters[kind]

    @manager_required
    def view(request, process, pk):
        obj = get(process, pk)
        if request.method == "POST":
            delete(actor=request.user, request=request, **{argument: obj})
            messages.success(request, _("„%(name)s” is verwijderd.") % {"name": str(obj)})
            return redirect(_manage_url(process))
        return render(
            request, "information/staff/confirm_delete.html", _staff_context(process, obj=obj)
        )

    view.__name__ = f"{kind}_delete"
    return require_http_methods(["GET", "POST"])(view)


update_delete = _delete_view("update")
document_delete = _delete_view("document")
faq_delete = _delete_view("faq")
