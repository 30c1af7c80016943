"""The include fragment, the cleanup command and a form that keeps the draft on a refused file."""

import io
import os
import time

import pytest
from django import forms
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory

from wirportal.documents.forms import SafeFileField
from wirportal.documents.selectors import documents_of

from . import corpus
from .factories import stored_document, uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_document_list_fragment_links_to_the_authorised_view(world):
    document = stored_document(attach_to=world["org_a"], name="Satzung 2026.pdf")
    request = RequestFactory().get("/traeger/1/")
    request.user = world.users["applicant_a"]
    html = render_to_string(
        "documents/_document_list.html",
        {"documents": documents_of(world["org_a"]), "can_delete": True},
        request=request,
    )
    assert f"/dokumente/{document.public_id}/" in html
    assert "Satzung 2026.pdf" in html
    assert 'scope="col"' in html and 'role="region"' in html
    assert f"/dokumente/{document.public_id}/loeschen/" in html
    assert 'name="next" value="/traeger/1/"' in html
    without = render_to_string(
        "documents/_document_list.html",
        {"documents": documents_of(world["org_a"]), "can_delete": False},
        request=request,
    )
    assert "loeschen" not in without


def test_documents_of_costs_one_query_for_any_number(world, django_assert_num_queries):
    for index in range(3):
        stored_document(attach_to=world["org_a"], name=f"Anlage {index}.pdf")
    stored_document(attach_to=world["org_b"])
    with django_assert_num_queries(1):
        rows = [(d.display_name, d.uploaded_by) for d in documents_of(world["org_a"])]
    assert len(rows) == 3


def test_cleanup_removes_old_orphans_only(world):
    kept = stored_document(attach_to=world["org_a"])
    old = default_storage.save("documents/2026/01/old.pdf", ContentFile(b"%PDF-"))
    young = default_storage.save("documents/2026/11/young.pdf", ContentFile(b"%PDF-"))
    an_hour_ago = time.time() - 7200
    os.utime(default_storage.path(old), (an_hour_ago, an_hour_ago))
    out = io.StringIO()
    call_command("documents_cleanup", stdout=out)
    assert out.getvalue().startswith("1 verwaiste")
    assert not default_storage.exists(old)
    assert default_storage.exists(young)
    assert default_storage.exists(kept.storage_name)


class ProofForm(forms.Form):
    title = forms.CharField(label="Titel")
    amount = forms.DecimalField(label="Betrag")
    file = SafeFileField(label="Beleg", allowed={"pdf"})


def test_refused_file_keeps_everything_else_the_user_typed():
    form = ProofForm(
        data={"title": "Sachbericht Lotsenprojekt", "amount": "1234.50"},
        files={"file": uploaded("beleg.pdf", corpus.pdf_with_javascript(), "application/pdf")},
    )
    assert not form.is_valid()
    assert list(form.errors) == ["file"]
    assert "aktive Inhalte" in form.errors["file"][0]
    assert form.cleaned_data["title"] == "Sachbericht Lotsenprojekt"
    html = str(form)
    assert 'value="Sachbericht Lotsenprojekt"' in html
    assert 'value="1234.50"' in html
