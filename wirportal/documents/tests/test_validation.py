"""T8: every attack file is refused with a clear German message; valid files pass."""

import os
import subprocess
import sys
import tracemalloc

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from wirportal.documents.forms import SafeFileField
from wirportal.documents.validation import clean_display_name, validate_upload

from . import corpus
from .factories import uploaded

MAX = 1024 * 1024
ATTACKS = corpus.attacks(MAX)


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_attack_file_is_refused_with_its_reason(attack):
    with pytest.raises(ValidationError) as refused:
        validate_upload(uploaded(attack.name, attack.content, attack.content_type), max_bytes=MAX)
    assert refused.value.code == attack.code
    message = refused.value.messages[0]
    # a German sentence that names the problem, not a stack trace or an English default
    assert message.endswith(".") and any(w in message for w in ("Datei", "Dokument", "PDF"))


def test_whole_corpus_is_refused():
    """The T8 figure: 100 % of the attack corpus refused."""
    refused = 0
    for attack in ATTACKS:
        try:
            validate_upload(
                uploaded(attack.name, attack.content, attack.content_type), max_bytes=MAX
            )
        except ValidationError:
            refused += 1
    assert len(ATTACKS) >= 30
    assert refused == len(ATTACKS)


VALID = [
    ("Finanzierungsplan.pdf", corpus.pdf_bytes, "application/pdf", "pdf"),
    ("Plan mit Startansicht.pdf", corpus.pdf_with_plain_open_destination, "application/pdf", "pdf"),
    ("Plan mit Weblink.pdf", corpus.pdf_with_web_link, "application/pdf", "pdf"),
    ("logo.png", corpus.png_bytes, "image/png", "png"),
    ("foto.JPG", corpus.jpeg_bytes, "image/jpeg", "jpeg"),
    (
        "Sachbericht.docx",
        corpus.docx_bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    ("Bericht mit Link.docx", corpus.docx_with_web_hyperlink, "", "docx"),
    ("Kostenplan.xlsx", corpus.xlsx_bytes, "application/octet-stream", "xlsx"),
    ("Bericht.odt", corpus.odf_bytes, "application/vnd.oasis.opendocument.text", "odt"),
    (
        "Tabelle.ods",
        lambda: corpus.odf_bytes("application/vnd.oasis.opendocument.spreadsheet"),
        "",
        "ods",
    ),
]


@pytest.mark.parametrize(("name", "make", "content_type", "kind"), VALID, ids=[v[0] for v in VALID])
def test_valid_file_is_accepted_with_kind_from_content(name, make, content_type, kind):
    content = make()
    result = validate_upload(uploaded(name, content, content_type), max_bytes=MAX)
    assert result.kind == kind
    assert result.size == len(content)
    assert b"".join(result.chunks()) == content


def test_file_of_exactly_max_bytes_is_accepted():
    pdf = corpus.pdf_bytes()
    content = pdf + b"%" * (MAX - len(pdf))
    assert validate_upload(uploaded("a.pdf", content), max_bytes=MAX).size == MAX


def test_allowed_kinds_are_narrowed_per_call_site():
    with pytest.raises(ValidationError) as refused:
        validate_upload(uploaded("logo.png", corpus.png_bytes()), allowed={"pdf"})
    assert refused.value.code == "type_not_allowed"
    assert "Erlaubt sind: PDF." in refused.value.messages[0]


def test_csv_is_opt_in_and_checked_as_text():
    content = b"Position;Betrag\nMiete;1.200,00\n"
    with pytest.raises(ValidationError):
        validate_upload(uploaded("kosten.csv", content))
    assert (
        validate_upload(uploaded("kosten.csv", content, "text/csv"), allowed={"csv"}).kind == "csv"
    )
    with pytest.raises(ValidationError) as refused:
        validate_upload(uploaded("kosten.csv", corpus.HTML_PAGE), allowed={"csv"})
    assert refused.value.code == "content_mismatch"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\x.pdf", "x.pdf"),
        ("rech\x00nung.pdf", "rechnung.pdf"),
        ("rechnung\u202efdp.exe", "rechnungfdp.exe"),
        ("CON.pdf", "_CON.pdf"),
        ("lpt1.docx", "_lpt1.docx"),
        ("   .hidden.pdf", "hidden.pdf"),
        ('a<b>"c".pdf', "a_b__c_.pdf"),
        ("", "Datei"),
        ("Übersicht Förderung 2026 – Maßnahme.pdf", "Übersicht Förderung 2026 – Maßnahme.pdf"),
    ],
)
def test_display_name_is_neutralised(name, expected):
    assert clean_display_name(name) == expected


def test_display_name_of_300_chars_is_shortened_keeping_the_extension():
    cleaned = clean_display_name("a" * 300 + ".pdf")
    assert len(cleaned) <= 150
    assert cleaned.endswith(".pdf")


def test_hostile_names_never_reach_the_result_unneutralised():
    for name in ["../x.pdf", "x\x00.pdf", "\u202ex.pdf", "b" * 300 + ".pdf", "CON.pdf"]:
        result = validate_upload(uploaded(name, corpus.pdf_bytes()))
        assert "/" not in result.display_name and "\x00" not in result.display_name
        assert "\u202e" not in result.display_name and len(result.display_name) <= 150
        assert not result.display_name.upper().startswith("CON.")


def test_zip_bomb_check_stays_small_in_memory():
    bomb = corpus.zip_bomb_docx()
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError):
            validate_upload(uploaded("bombe.docx", bomb), max_bytes=len(bomb) + 1)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, peak


BOMB_SCRIPT = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wirportal.documents.validation import validate_upload

def peak_kib():
    # VmHWM belongs to this process image; ru_maxrss would carry the parent's peak over exec
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

data = open(sys.argv[1], "rb").read()
before = peak_kib()
try:
    validate_upload(SimpleUploadedFile("bombe.docx", data, ""))
    print("accepted")
except ValidationError as error:
    print("RESULT", error.code, before, peak_kib())
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc")
def test_zip_bomb_peak_rss_of_a_fresh_process_is_under_256_mb(tmp_path):
    """T8 figure: peak RSS of a whole Django process that checks the 100 MB bomb."""
    path = tmp_path / "bombe.docx"
    path.write_bytes(corpus.zip_bomb_docx())
    result = subprocess.run(
        [sys.executable, "-c", BOMB_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
        env={**os.environ, "PYTHONPATH": str(settings.BASE_DIR)},
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, result.stdout[-2000:] + result.stderr[-2000:]
    code, before_kib, peak_kib = lines[-1].split()[1:]
    assert code == "archive_unsafe"
    assert int(peak_kib) < 256 * 1024, f"peak RSS {int(peak_kib) // 1024} MB"
    assert int(peak_kib) - int(before_kib) < 16 * 1024  # the check itself adds next to nothing


def test_lying_zip_header_cannot_inflate_more_than_declared():
    content = corpus.zip_bomb_docx_with_lying_header()
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refused:
            validate_upload(uploaded("x.docx", content))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "corrupt"
    assert peak < 16 * 1024 * 1024


def test_safe_file_field_returns_a_validated_upload_and_refuses_attacks():
    field = SafeFileField(allowed={"pdf"})
    result = field.clean(uploaded("plan.pdf", corpus.pdf_bytes()))
    assert result.kind == "pdf"
    with pytest.raises(ValidationError) as refused:
        field.clean(uploaded("plan.pdf", corpus.pdf_with_javascript()))
    assert "aktive Inhalte" in refused.value.messages[0]
    assert 'accept=".pdf"' in str(
        field.widget.render("f", None, attrs=field.widget_attrs(field.widget))
    )


def test_clamd_hook_is_used_when_configured(settings, tmp_path):
    """A tiny fake clamd on a Unix socket answers FOUND: the upload is refused."""
    import socket
    import threading

    path = str(tmp_path / "clamd.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)

    def answer():
        conn, _ = server.accept()
        with conn:
            received = b""
            while not received.endswith(b"\0\0\0\0"):
                received += conn.recv(65536)
            conn.sendall(b"stream: Win.Test.Fake FOUND\0")

    thread = threading.Thread(target=answer)
    thread.start()
    settings.WIR_CLAMD_SOCKET = path
    try:
        with pytest.raises(ValidationError) as refused:
            validate_upload(uploaded("plan.pdf", corpus.pdf_bytes()))
    finally:
        thread.join(5)
        server.close()
    assert refused.value.code == "malware"


def test_unreachable_clamd_refuses_the_upload(settings, tmp_path):
    settings.WIR_CLAMD_SOCKET = str(tmp_path / "missing.sock")
    with pytest.raises(ValidationError) as refused:
        validate_upload(uploaded("plan.pdf", corpus.pdf_bytes()))
    assert refused.value.code == "scan_unavailable"
    assert "Virenprüfung" in refused.value.messages[0]


def test_pdf_with_too_many_objects_is_refused(monkeypatch):
    from wirportal.documents import validation

    monkeypatch.setattr(validation, "PDF_MAX_OBJECTS", 3)
    with pytest.raises(ValidationError) as refused:
        validate_upload(uploaded("plan.pdf", corpus.pdf_bytes()))
    assert refused.value.code == "corrupt"
    assert "zu komplex" in refused.value.messages[0]


def test_safe_file_field_tells_the_rules_before_upload():
    assert str(SafeFileField(allowed={"pdf", "png"}, max_bytes=5 * 1024 * 1024).help_text) == (
        "Erlaubt: PDF, PNG; höchstens 5 MB."
    )
    assert str(SafeFileField(help_text="Eigener Hinweis").help_text) == "Eigener Hinweis"
