"""ANBest versions as data: programme staff upload them; bad input is refused next to its field
and nothing typed is lost (VV zu § 44 LHO: the ANBest are part of every Bescheid)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wirportal.documents.models import AnbestVersion
from wirportal.documents.selectors import anbest_version_on
from wirportal.documents.services import _anbest_demo_pdf

pytestmark = pytest.mark.django_db
URL = "/dokumente/anbest/"


def _data(**changes):
    data = {
        "kind": "GK",
        "title": "Allgemeine Nebenbestimmungen (ANBest-GK)",
        "version_date": "2026-11-20",
        "valid_from": "2027-01-01",
        "source": "StAnz. 48/2026 (Beispiel)",
        "file": SimpleUploadedFile("anbest-gk.pdf", _anbest_demo_pdf("GK"), "application/pdf"),
    }
    data.update(changes)
    return data


def test_programme_staff_upload_a_version_that_letters_then_use(world, client):
    client.force_login(world.users["programme_staff"])
    page = client.get(URL)
    assert page.status_code == 200
    assert "Demofassung" in page.content.decode()  # the demo versions are marked as such
    response = client.post(URL, _data())
    assert response.status_code == 302
    version = AnbestVersion.objects.get(valid_from=date(2027, 1, 1))
    assert version.kind == "GK" and not version.is_demo
    assert version.document is not None and version.document.mime_type == "application/pdf"
    assert anbest_version_on("GK", date(2026, 12, 31)).is_demo
    assert anbest_version_on("GK", date(2027, 1, 1)) == version
    # anyone signed in may download the text; the list links to it
    client.force_login(world.users["applicant_a"])
    download = client.get(f"/dokumente/{version.document.public_id}/")
    assert download.status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"valid_from": "2026-11-01"}, "nicht vor ihrem Fassungsdatum gelten"),
        ({"valid_from": "2021-01-01", "version_date": "2021-01-01"}, "bereits eine Fassung"),
        (
            {"file": SimpleUploadedFile("anbest.txt", b"Text", "text/plain")},
            "nicht erlaubt",
        ),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_kept(world, client, changes, message):
    client.force_login(world.users["programme_staff"])
    count = AnbestVersion.objects.count()
    response = client.post(URL, _data(**changes))
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert "StAnz. 48/2026 (Beispiel)" in html  # what was typed is still there
    assert AnbestVersion.objects.count() == count


def test_others_may_not_upload(world, client):
    client.force_login(world.users["case_worker"])
    assert client.post(URL, _data()).status_code == 403
