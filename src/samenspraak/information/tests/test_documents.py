"""Documents: a real PDF/ODT/DOCX upload or a link, exactly one; bad files get a clear message."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenspraak.information import services
from samenspraak.information.models import Document, DocumentType
from samenspraak.information.tests.conftest import docx_upload, odt_upload, pdf_upload

pytestmark = pytest.mark.django_db


def add(manager, process, **kwargs):
    kwargs.setdefault("title", "Raadsvoorstel plein")
    return services.document_create(actor=manager, process=process, **kwargs)


@pytest.mark.parametrize(
    ("upload", "expected"), [(pdf_upload, "pdf"), (docx_upload, "docx"), (odt_upload, "odt")]
)
def test_pdf_odt_and_docx_uploads_are_stored_with_format_and_size(
    manager, process, upload, expected
):
    """The format comes from the bytes; the size is kept so the list needs no file access."""
    uploaded = upload()
    document = add(manager, process, file=uploaded)
    assert document.file_format == expected
    assert document.file_size == uploaded.size
    assert document.organisation == f"Gemeente {process.municipality.name}"  # default publisher


def test_a_renamed_image_is_not_a_document(manager, process):
    """Content sniffing: a PNG called .pdf is refused."""
    fake = SimpleUploadedFile("plan.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    with pytest.raises(ValidationError) as error:
        add(manager, process, file=fake)
    assert "geen PDF-, ODT- of DOCX-document" in str(error.value)
    assert not Document.objects.exists()


def test_a_zip_that_is_no_office_document_is_refused(manager, process):
    from samenspraak.information.tests.conftest import zip_bytes

    fake = SimpleUploadedFile("brief.docx", zip_bytes({"readme.txt": b"hallo"}))
    with pytest.raises(ValidationError):
        add(manager, process, file=fake)


def test_a_pdf_with_a_docx_name_is_refused(manager, process):
    with pytest.raises(ValidationError) as error:
        add(manager, process, file=pdf_upload(name="plan.docx"))
    assert "eindigt niet op .pdf" in str(error.value)


def test_a_file_over_the_limit_is_refused(manager, process, settings):
    settings.SAMENSPRAAK_DOCUMENT_MAX_BYTES = 1000
    big = pdf_upload(content=b"%PDF-1.4\n" + b"0" * 2000)
    with pytest.raises(ValidationError) as error:
        add(manager, process, file=big)
    assert "te groot" in str(error.value)


def test_file_and_link_together_are_refused(manager, process):
    with pytest.raises(ValidationError) as error:
        add(manager, process, file=pdf_upload(), url="https://example.org/plan.pdf")
    assert "niet allebei" in str(error.value)


def test_neither_file_nor_link_is_refused(manager, process):
    with pytest.raises(ValidationError) as error:
        add(manager, process)
    assert "Voeg een bestand of een link toe" in str(error.value)


def test_database_refuses_a_document_with_both_file_and_link(process):
    """The check constraint backs the service up."""
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Document.objects.create(
            process=process, title="x", organisation="x", file="a.pdf", url="https://example.org"
        )


def test_replacing_a_file_with_a_link_keeps_exactly_one(manager, process):
    document = add(manager, process, file=pdf_upload())
    services.document_edit(actor=manager, document=document, url="https://example.org/nieuw")
    document.refresh_from_db()
    assert not document.file and document.url == "https://example.org/nieuw"
    assert document.file_size is None and document.file_format == ""


# --- Through the pages -------------------------------------------------------------------


def form_data(**overrides):
    data = {
        "title": "Besluitenlijst",
        "document_type": DocumentType.BESLUIT,
        "date": "2026-05-01",
        "organisation": "Gemeente Voorbeeldstad",
        "identifier": "Z-2026-001",
        "language": "nl",
        "url": "",
    }
    return data | overrides


def test_staff_form_with_a_bad_file_comes_back_with_what_was_typed(client, manager, process):
    """No 500: the form returns with a Dutch message tied to the file field, and the title kept."""
    client.force_login(manager)
    url = reverse("information:document_create", args=[process.slug])
    fake = SimpleUploadedFile("plan.pdf", b"GIF89a" + b"0" * 50)
    response = client.post(url, form_data(file=fake))
    assert response.status_code == 200
    html = response.content.decode()
    assert "geen PDF-, ODT- of DOCX-document" in html
    assert 'value="Besluitenlijst"' in html
    assert 'aria-describedby="id_file-help id_file-error"' in html
    assert not Document.objects.exists()


def test_staff_form_with_both_file_and_link_says_so(client, manager, process):
    client.force_login(manager)
    url = reverse("information:document_create", args=[process.slug])
    response = client.post(url, form_data(file=pdf_upload(), url="https://example.org/x.pdf"))
    assert response.status_code == 200
    assert "niet allebei" in response.content.decode()


def test_staff_form_with_neither_file_nor_link_says_so(client, manager, process):
    client.force_login(manager)
    response = client.post(reverse("information:document_create", args=[process.slug]), form_data())
    assert response.status_code == 200
    assert "Voeg een bestand of een link toe" in response.content.decode()


def test_staff_uploads_a_pdf_and_residents_download_it(client, manager, process):
    client.force_login(manager)
    response = client.post(
        reverse("information:document_create", args=[process.slug]), form_data(file=pdf_upload())
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.identifier == "Z-2026-001"
    assert document.date == datetime.date(2026, 5, 1)
    client.logout()
    listing = client.get(reverse("information:document_list", args=[process.slug]))
    html = listing.content.decode()
    assert "<caption" in html and "Besluitenlijst" in html and "Z-2026-001" in html
    assert "PDF" in html
    download = client.get(
        reverse("information:document_download", args=[process.slug, document.pk])
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_link_document_download_goes_to_the_link(client, manager, process):
    document = add(manager, process, url="https://example.org/besluit")
    response = client.get(
        reverse("information:document_download", args=[process.slug, document.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/besluit"


def test_replaced_file_is_removed_from_storage_after_commit(
    manager, process, django_capture_on_commit_callbacks
):
    document = add(manager, process, file=pdf_upload())
    storage, old_name = document.file.storage, document.file.name
    assert storage.exists(old_name)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_edit(actor=manager, document=document, file=docx_upload())
    assert not storage.exists(old_name)
    assert storage.exists(document.file.name)


def test_staff_changes_are_written_to_the_audit_log(manager, process):
    from samenspraak.core.models import AuditLogEntry

    document = add(manager, process, url="https://example.org/a")
    services.document_delete(actor=manager, document=document)
    entries = AuditLogEntry.objects.filter(action__startswith="information.").order_by("pk")
    actions = list(entries.values_list("action", "actor"))
    assert actions == [
        ("information.document_created", manager.pk),
        ("information.document_deleted", manager.pk),
    ]
