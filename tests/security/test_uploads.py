"""Files officers upload: size-limited, and always downloaded rather than rendered on
the site's own domain."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document


@pytest.mark.parametrize("filename", ["report.pdf", "notes.txt"])
def test_documents_are_served_as_downloads_never_inline(client, db, filename):
    document = Document.objects.create(
        title="Отчет", file=ContentFile(b"%PDF-1.4 <script>alert(1)</script>", name=filename)
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_uploads_have_size_limits(settings):
    assert 0 < settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 20 * 1024 * 1024
    assert 0 < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024


def test_an_officer_uploading_an_oversized_document_is_told_and_nothing_is_stored(admin_client_logged_in, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    oversized = ContentFile(b"x" * 4096, name="big.txt")
    response = admin_client_logged_in.post("/admin/documents/add/", {"title": "Big", "file": oversized})
    assert response.status_code == 200
    form_errors = response.context["form"].errors
    assert "file" in form_errors, form_errors
    assert not Document.objects.exists()
