"""Writes for e-information. Each checks permission, validates, saves in a transaction and
records staff actions in the audit log."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samenspraak.core import audit, events
from samenspraak.core.uploads import document_file
from samenspraak.information.events import UpdatePublished
from samenspraak.information.models import Document, FAQItem, Follow, Update
from samenspraak.information.permissions import can_follow, can_manage_information
from samenspraak.information.validators import validate_document_file


def _require_manager(actor, process) -> None:
    if not can_manage_information(actor, process):
        raise PermissionDenied


# --- Updates -------------------------------------------------------------------------------


def update_create(
    *, actor, process, title: str, body: str, request=None, published_at=None, notify=True
) -> Update:
    """Publish a news update. The event UpdatePublished mails the followers who want it
    (information.notifications, in the worker).

    `published_at` (default now) and `notify=False` (no event, so no mail) are for imports
    and demo data."""
    _require_manager(actor, process)
    update = Update(process=process, title=title, body=body, author=actor)
    if published_at is not None:
        update.published_at = published_at
    update.full_clean()
    with transaction.atomic():
        update.save()
        audit.record(actor, "information.update_created", update, {"title": title}, request)
        if notify:
            events.emit(UpdatePublished(update_id=update.pk, process_id=process.pk))
    return update


def update_edit(*, actor, update: Update, title: str, body: str, request=None) -> Update:
    _require_manager(actor, update.process)
    update.title = title
    update.body = body
    update.full_clean()
    with transaction.atomic():
        update.save()
        audit.record(actor, "information.update_changed", update, {"title": title}, request)
    return update


def update_delete(*, actor, update: Update, request=None) -> None:
    _require_manager(actor, update.process)
    with transaction.atomic():
        audit.record(actor, "information.update_deleted", update, {}, request)
        update.delete()


# --- Documents -----------------------------------------------------------------------------

DOCUMENT_FIELDS = ("title", "document_type", "date", "organisation", "identifier", "language")


def _apply_document(document: Document, *, file, url: str, fields: dict) -> None:
    for name in DOCUMENT_FIELDS:
        if name in fields:
            setattr(document, name, fields[name])
    if not document.organisation:
        document.organisation = _("Gemeente %(name)s") % {
            "name": document.process.municipality.name
        }
    url = (url or "").strip()
    if file and url:
        raise ValidationError(_("Kies een bestand óf een link, niet allebei."), code="file_and_url")
    if file:
        document.file_format = validate_document_file(file)
        document.file_size = file.size
        # A new, safe name whose extension is the detected format (core/uploads.py).
        document.file = document_file(file, document.file_format)
        document.url = ""
    elif url:
        document.file = None
        document.file_size = None
        document.file_format = ""
        document.url = url
    document.full_clean()


def document_create(
    *, actor, process, file=None, url: str = "", request=None, **fields
) -> Document:
    """Add a document: an uploaded PDF/ODT/DOCX (`file`) or a link (`url`), exactly one."""
    _require_manager(actor, process)
    document = Document(process=process, created_by=actor)
    _apply_document(document, file=file, url=url, fields=fields)
    with transaction.atomic():
        document.save()
        audit.record(
            actor, "information.document_created", document, {"title": document.title}, request
        )
    return document


def document_edit(
    *, actor, document: Document, file=None, url: str = "", request=None, **fields
) -> Document:
    """Change metadata; a new file or link replaces the old one (none given: keep it)."""
    _require_manager(actor, document.process)
    old_name = document.file.name if document.file else None
    storage = document.file.storage
    _apply_document(document, file=file, url=url, fields=fields)
    with transaction.atomic():
        document.save()
        audit.record(
            actor, "information.document_changed", document, {"title": document.title}, request
        )
        if old_name and old_name != (document.file.name if document.file else None):
            # The replaced file goes once the change is committed.
            transaction.on_commit(lambda: storage.delete(old_name))
    return document


def document_delete(*, actor, document: Document, request=None) -> None:
    _require_manager(actor, document.process)
    with transaction.atomic():
        audit.record(actor, "information.document_deleted", document, {}, request)
        stored = document.file.name if document.file else None
        storage = document.file.storage
        document.delete()
        if stored:
            transaction.on_commit(partial(storage.delete, stored))


# --- Frequently asked questions ------------------------------------------------------------


def faq_create(*, actor, process, question: str, answer: str, order: int = 0, request=None):
    _require_manager(actor, process)
    item = FAQItem(process=process, question=question, answer=answer, order=order or 0)
    item.full_clean()
    with transaction.atomic():
        item.save()
        audit.record(actor, "information.faq_created", item, {"question": question}, request)
    return item


def faq_edit(*, actor, item: FAQItem, question: str, answer: str, order: int = 0, request=None):
    _require_manager(actor, item.process)
    item.question, item.answer, item.order = question, answer, order or 0
    item.full_clean()
    with transaction.atomic():
        item.save()
        audit.record(actor, "information.faq_changed", item, {"question": question}, request)
    return item


def faq_delete(*, actor, item: FAQItem, request=None) -> None:
    _require_manager(actor, item.process)
    with transaction.atomic():
        audit.record(actor, "information.faq_deleted", item, {}, request)
        item.delete()


# --- Following -----------------------------------------------------------------------------


def follow(*, user, process) -> Follow:
    """Start following; following twice is harmless (the existing follow is returned)."""
    if not can_follow(user, process):
        raise PermissionDenied
    try:
        with transaction.atomic():
            return Follow.objects.get_or_create(user=user, process=process)[0]
    except IntegrityError:  # a parallel request created it first
        return Follow.objects.get(user=user, process=process)


def unfollow(*, user, process) -> None:
    if not (user and user.is_authenticated):
        raise PermissionDenied
    Follow.objects.filter(user=user, process=process).delete()
