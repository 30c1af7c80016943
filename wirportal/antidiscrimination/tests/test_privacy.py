"""Issue #16: nothing identifying is stored for an anonymous report, and codes cannot be guessed.

The request carries an address (REMOTE_ADDR and X-Forwarded-For), a browser (User-Agent), a
photo with EXIF and a PDF with an author: none of it may reach a database row (every table,
the cache table included), a stored file or a log line.
"""

import io
import logging
import re
from pathlib import Path

import pikepdf
import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from PIL import Image

from wirportal.antidiscrimination import receipt
from wirportal.antidiscrimination.models import Report
from wirportal.antidiscrimination.selectors import report_documents

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
AGENT = "Mozilla/5.0 (X11) Spurensucher/9.9"
NAME = "Annegret Spurenreich"
CLIENT = {"REMOTE_ADDR": ADDRESS, "HTTP_X_FORWARDED_FOR": ADDRESS, "HTTP_USER_AGENT": AGENT}


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x013B] = NAME  # Artist
    exif[0x010F] = "Spurenkamera"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    assert NAME.encode() in buffer.getvalue()
    return buffer.getvalue()


def _pdf_with_author() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = NAME
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = [NAME]
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _form(world, **extra):
    return {
        "description": "Im Bus beschimpft.",
        "happened_on": "2026-01-05",
        "region": world["office_x"].pk,
        "life_area": "public_space",
        "grounds": ["religion", "sex"],
        **extra,
    }


def _all_rows_text() -> str:
    """Every value of every table of the database, as text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                parts.append(" ".join(str(value) for value in row))
    return "\n".join(parts)


def test_an_anonymous_report_leaves_no_address_browser_or_metadata(world, client, caplog):
    caplog.set_level(logging.DEBUG)
    cache.clear()
    photo = SimpleUploadedFile("Foto_Annegret.jpg", _jpeg_with_exif(), content_type="image/jpeg")
    letter = SimpleUploadedFile("Brief.pdf", _pdf_with_author(), content_type="application/pdf")

    response = client.post(
        reverse("antidiscrimination:report"),
        _form(world, evidence=[photo, letter]),
        **CLIENT,
    )

    assert response.status_code == 200, response.content.decode()[:2000]
    code = re.search(r'data-testid="receipt-code"><strong>([0-9A-Z-]+)<', response.content.decode())
    assert code
    report = Report.objects.get()
    # the database: no address (nor its /24 network), no browser, no name from the files
    rows = _all_rows_text()
    for needle in (ADDRESS, "203.0.113.", AGENT, "Spurensucher", NAME, "Annegret", "Spurenkamera"):
        assert needle not in rows, needle
    # the code itself is nowhere, only its slow hash
    assert code.group(1) not in rows
    assert code.group(1).replace("-", "") not in rows
    assert identify_hasher(report.code_hash)
    # the files: metadata gone, neutral names
    documents = report_documents(report)
    assert [d.display_name for d in documents] == ["Datei-1.jpg", "Datei-2.pdf"]
    for document in documents:
        content = default_storage.open(document.storage_name).read()
        assert NAME.encode() not in content
        assert b"Spurenkamera" not in content
        if document.file_kind == "jpeg":
            assert not Image.open(io.BytesIO(content)).getexif()
        else:
            with pikepdf.open(io.BytesIO(content)) as pdf:
                assert "/Author" not in pdf.docinfo
                assert "/Metadata" not in pdf.Root
    # the logs
    for needle in (ADDRESS, "203.0.113.", AGENT, NAME):
        assert needle not in caplog.text
    # the report keeps a date, not a time
    assert {f.name for f in Report._meta.fields} >= {"received_on"}
    assert not any(f.get_internal_type() == "DateTimeField" for f in Report._meta.fields)


def test_contact_data_is_not_kept_without_consent(world, client):
    response = client.post(
        reverse("antidiscrimination:report"),
        _form(world, contact_name=NAME, contact_email="a@example.org"),
        **CLIENT,
    )
    assert response.status_code == 422
    assert "nur, wenn Sie einer Kontaktaufnahme zustimmen" in response.content.decode()
    # what was typed stays on the page
    assert NAME in response.content.decode()
    assert not Report.objects.exists()


def test_a_code_has_at_least_80_secret_bits_and_is_stored_only_as_a_slow_hash(world):
    from .factories import submit

    submitted = submit()
    public_id, secret = receipt.split_code(submitted.code)
    assert len(secret) * 5 >= 80
    assert public_id == submitted.report.public_id
    assert secret not in submitted.report.code_hash
    from wirportal.antidiscrimination.selectors import report_for_code

    assert report_for_code(submitted.code.lower()) == submitted.report
    wrong = submitted.code[:-1] + ("0" if submitted.code[-1] != "0" else "1")
    assert report_for_code(wrong) is None


def test_receipt_code_brute_force_is_refused(world, client, settings):
    """After the limit even the right code is refused, with a clear German message."""
    from .factories import submit

    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "antidiscrimination_code": "3/h/key",
    }
    submitted = submit()
    url = reverse("antidiscrimination:follow-up")
    for n in range(3):
        guess = f"{submitted.report.public_id}-{'0' * 16}{n:04d}"
        response = client.post(url, {"code": guess}, **CLIENT)
        assert response.status_code == 422
        assert "keine Meldung" in response.content.decode()
    response = client.post(url, {"code": submitted.code}, **CLIENT)
    assert response.status_code == 422
    assert "Zu viele Versuche mit einem Code" in response.content.decode()
    assert submitted.report.description not in response.content.decode()
    # from another network the right code still works
    other = {**CLIENT, "REMOTE_ADDR": "198.51.100.9", "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    response = client.post(url, {"code": submitted.code}, **other)
    assert response.status_code == 200
    assert submitted.report.description in response.content.decode()
    cache.clear()


def test_submissions_are_limited_per_network_and_the_input_stays(world, client, settings):
    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "antidiscrimination_report": "2/h/key",
    }
    url = reverse("antidiscrimination:report")
    for _ in range(2):
        assert client.post(url, _form(world), **CLIENT).status_code == 200
    response = client.post(url, _form(world, description="Dritte Meldung."), **CLIENT)
    assert response.status_code == 422
    assert "sehr viele Meldungen" in response.content.decode()
    assert "Dritte Meldung." in response.content.decode()
    assert Report.objects.count() == 2
    cache.clear()


def test_the_throttle_key_carries_no_address(rf):
    from wirportal.antidiscrimination.throttle import network_key

    request = rf.get("/", REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR=ADDRESS)
    key = network_key(request)
    assert "203" not in key and len(key) == 64


def test_the_web_server_access_log_carries_no_address_or_browser():
    """gunicorn reads ./gunicorn.conf.py from the working directory (README: started there)."""
    namespace: dict = {}
    source = Path(__file__).resolve().parents[3] / "gunicorn.conf.py"
    exec(compile(source.read_text(), str(source), "exec"), namespace)
    fmt = namespace["access_log_format"]
    for atom in ("%(h)s", "%(a)s", "%(f)s", "%(q)s", "%(r)s", "{x-forwarded-for}i"):
        assert atom not in fmt, atom
