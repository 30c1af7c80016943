"""Decision letter as PDF/A-3a: metadata, embedded Fira Sans, German text, no active content."""

import io
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wirportal.documents.pdf import BASE_URL, _fetcher, render_html, render_pdf
from wirportal.documents.validation import validate_upload

CONTEXT = {
    "recipient_lines": [
        "Interkultureller Verein Nordhessen e. V.",
        "Frau Ayşe Öztürk",
        "Friedrich-Ebert-Straße 12",
        "34117 Kassel",
    ],
    "reference": "II 25-62 c 08.03-2026/0147",
    "date": date(2026, 11, 25),
    "contact_name": "Frau Müller",
    "programme": "Landesprogramm WIR – Vielfalt und Teilhabe",
    "funding_line": "Integrationslotsen",
    "project_title": "Lotsenprojekt Nordstadt: Begleitung zu Behörden",
    "application_date": date(2026, 9, 15),
    "amount": Decimal("24500.00"),
    "eligible_costs": Decimal("30625.00"),
    "financing_type": "anteil",
    "funding_share": 80,
    "period_start": date(2027, 1, 1),
    "period_end": date(2027, 12, 31),
    "nebenbestimmungen": "anbest_p",
    "anbest": {
        "kind": "P",
        "short_name": "ANBest-P",
        "title": "Allgemeine Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P)",
        "version_date": date(2021, 1, 1),
        "source": "StAnz. (Beispiel)",
        "is_demo": False,
    },
    "annex_names": {
        "anbest": "ANBest-P.pdf",
        "declaration": "Erklaerung-zum-Zuwendungsbescheid.pdf",
    },
    "year_amounts": [(2027, Decimal("24500.00"))],
    "eligible_cost_lines": [
        {
            "label": "Aufwandsentschädigungen",
            "requested": Decimal("30625.00"),
            "eligible": Decimal("30625.00"),
            "reason": "",
        }
    ],
    "requested_costs": Decimal("30625.00"),
    "own_funds": [("Eigenmittel des Vereins", Decimal("6125.00"))],
    "own_total": Decimal("6125.00"),
    "third_funds": [],
    "third_total": Decimal("0"),
    "total_financing": Decimal("30625.00"),
    "legal_basis": ["§§ 23 und 44 LHO", "Förderrichtlinie „WIR – Vielfalt und Teilhabe“"],
    "call_down_period": "sechs Wochen",
    "proof_of_use_deadline": date(2028, 3, 31),
    "proof_of_use_rule_text": "Der Verwendungsnachweis ist spätestens bis zum 31. März des auf das "
    "Ende des Bewilligungszeitraums folgenden Jahres vorzulegen",
    "partial": False,
    "partial_reasons": [],
    "conditions": ["Höchstens 20 € je Einsatz."],
    "acceptance_deadline": date(2026, 12, 28),
    "signatory_name": "Dr. Jana Weiß",
    # the recipient is seated in Kassel (§ 52 Nr. 3 VwGO, § 1 Abs. 2 Nr. 4 HessAGVwGO)
    "court": {
        "name": "Verwaltungsgericht Kassel",
        "street": "Goethestraße 41 + 43",
        "postcode": "34119",
        "city": "Kassel",
    },
}


@pytest.fixture(scope="module")
def letter() -> bytes:
    return render_pdf("documents/decision_letter.html", CONTEXT)


def test_letter_is_a_pdf_a_3a(letter):
    assert letter.startswith(b"%PDF-")
    with pikepdf.open(io.BytesIO(letter)) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") == "3"
        assert meta.get("pdfaid:conformance") == "A"
        assert str(pdf.Root.Lang) == "de"
        assert "/StructTreeRoot" in pdf.Root  # tagged for screen readers
        assert bool(pdf.Root.MarkInfo.Marked)
        assert "/OutputIntents" in pdf.Root
        assert str(pdf.docinfo["/Title"]) == "Zuwendungsbescheid Az. II 25-62 c 08.03-2026/0147"
        assert "Regierungspräsidium Darmstadt" in str(pdf.docinfo["/Author"])


def _fonts(pdf):
    for page in pdf.pages:
        yield from page.Resources.get("/Font", {}).values()


def test_fira_sans_is_embedded_with_umlauts_and_euro(letter):
    with pikepdf.open(io.BytesIO(letter)) as pdf:
        fonts = list(_fonts(pdf))
        assert fonts
        unicode_maps = b""
        for font in fonts:
            assert "Fira" in str(font.BaseFont)
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            unicode_maps += font.ToUnicode.read_bytes()
    # ä ö ü ß € and the typographic quotes of the subject line are mapped back to Unicode
    for codepoint in ["00E4", "00F6", "00FC", "00DF", "20AC", "201E"]:
        assert re.search(codepoint.encode(), unicode_maps, re.IGNORECASE), codepoint


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_text_reads_back_in_german(letter, tmp_path):
    path = tmp_path / "bescheid.pdf"
    path.write_bytes(letter)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "24.500,00 €" in text
    assert "Regierungspräsidium Darmstadt" in text
    assert "Ayşe Öztürk" in text
    assert "Anteilfinanzierung" in text
    assert "ANBest-P" in text
    assert "Klage beim" in text and "Verwaltungsgericht Kassel" in text
    assert "Seite 1 von " in text


def test_html_has_the_letter_parts():
    gk = {**CONTEXT["anbest"], "kind": "GK", "short_name": "ANBest-GK"}  # type: ignore[dict-item]
    html = render_html(
        "documents/decision_letter.html",
        {**CONTEXT, "nebenbestimmungen": "anbest_gk", "anbest": gk},
    )
    assert "ANBest-GK" in html
    assert "25. November 2026" in html
    assert "01.01.2027" in html and "31.12.2027" in html
    assert "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage" in html


def test_our_own_letter_passes_the_upload_validator(letter):
    result = validate_upload(
        SimpleUploadedFile("bescheid.pdf", letter, "application/pdf"), allowed={"pdf"}
    )
    assert result.kind == "pdf"


def test_rendering_fetches_nothing_but_our_static_files():
    fetcher = _fetcher()
    response = fetcher.fetch(BASE_URL + "static/documents/print.css")
    assert b"@page" in response.read()
    for url in [
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        BASE_URL + "static/../../config/settings/base.py",
        BASE_URL + "media/documents/x.pdf",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_letter_stays_german_while_the_reader_browses_in_english():
    from django.utils import translation

    with translation.override("en"):
        html = render_html("documents/decision_letter.html", {**CONTEXT, "date": date(2027, 3, 10)})
    assert "Darmstadt, 10. März 2027" in html and "March" not in html
    assert "24.500,00 €" in html and "€24,500.00" not in html
