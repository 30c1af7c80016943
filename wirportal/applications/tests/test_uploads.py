"""T8: every attack file is refused by the application's attachment upload, the draft stays intact."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wirportal.applications.selectors import documents_of_application
from wirportal.documents.tests import corpus

pytestmark = pytest.mark.django_db

ATTACKS = {
    "pdf-javascript": lambda: corpus.pdf_with_javascript(),
    "pdf-open-action": lambda: corpus.pdf_with_open_action(),
    "pdf-launch-annotation": lambda: corpus.pdf_with_launch_in_annotation(),
    "pdf-embedded-file": lambda: corpus.pdf_with_embedded_file(),
    "pdf-page-action": lambda: corpus.pdf_with_page_additional_action(),
    "pdf-xfa": lambda: corpus.pdf_with_xfa(),
    "pdf-zip-polyglot": lambda: corpus.pdf_zip_polyglot(),
    "pdf-html-polyglot": lambda: corpus.pdf_html_polyglot(),
    "html-renamed": lambda: corpus.HTML_PAGE,
    "svg-renamed": lambda: corpus.SVG_SCRIPT,
    "eicar": lambda: corpus.EICAR,
    "empty": lambda: b"",
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_file_is_refused_with_a_german_error(name, draft, world, client):
    client.force_login(world.users["applicant_a"])
    upload = SimpleUploadedFile("konzept.pdf", ATTACKS[name](), content_type="application/pdf")
    response = client.post(
        reverse("applications:attachment-upload", kwargs={"pk": draft.pk}),
        {"label": "Konzept", "file": upload},
    )
    assert response.status_code == 422
    assert 'class="kern-error"' in response.content.decode()
    assert documents_of_application(draft) == []
    assert draft.title in response.content.decode()  # everything else is still there


@pytest.mark.parametrize(
    "filename", ["../../etc/konzept.pdf", "kon\u202efdp.exe", "CON.pdf", "a" * 300 + ".pdf"]
)
def test_hostile_file_names_never_reach_the_storage_name(filename, draft, world, client):
    client.force_login(world.users["applicant_a"])
    upload = SimpleUploadedFile(filename, corpus.pdf_bytes(), content_type="application/pdf")
    client.post(
        reverse("applications:attachment-upload", kwargs={"pk": draft.pk}),
        {"label": "Konzept", "file": upload},
    )
    for document in documents_of_application(draft):
        assert document.storage_name.startswith("documents/")
        assert ".." not in document.storage_name and "\u202e" not in document.storage_name
        assert "konzept" not in document.storage_name.lower()
