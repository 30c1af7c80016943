"""Letters as archival PDF (PDF/A-3a, tagged) from HTML templates with WeasyPrint.

Templates extend `documents/letter_base.html`; the print stylesheet embeds KERN's Fira Sans.
Resources are fetched only from our static files: no network access while rendering (SSRF).
"""

import io
import logging
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

# A base URL that cannot be reached; only its static part is answered, from the finders.
BASE_URL = "https://wir-portal.invalid/"

# The granting authority's letterhead; letters may override it with an `authority` context.
DEFAULT_AUTHORITY = {
    "name": "Regierungspräsidium Darmstadt",
    "unit": "Dezernat II 25",
    "unit_name": "Integration, Landesprogramm WIR",
    "street": "Luisenplatz 2",
    "postcode": "64283",
    "city": "Darmstadt",
    "website": "rp-darmstadt.hessen.de",
}


@cache
def _fetcher():
    """The URL fetcher, built on first use: importing WeasyPrint costs seconds, so a web worker
    pays it only when it renders its first PDF, not at start-up."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        """Answer `<BASE_URL><STATIC_URL>…` from the static files; refuse every other URL."""

        def fetch(self, url, headers=None):
            prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
            if url.startswith(prefix):
                relative = url[len(prefix) :].split("?")[0].split("#")[0]
                found = finders.find(relative) if ".." not in relative.split("/") else None
                if found:
                    path = Path(found if isinstance(found, str) else found[0])
                    if path.suffix == ".woff2":
                        return URLFetcherResponse(
                            url, _woff2_as_ttf(path), {"Content-Type": "font/ttf"}
                        )
                    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
            logger.warning("PDF rendering refused to fetch %s", url[:200])
            raise ValueError(f"resource not allowed in PDF rendering: {url[:200]}")

    # one instance: it keeps no state between fetches, and building it costs an SSL context
    return StaticFilesOnly()


@cache
def _woff2_as_ttf(path: Path) -> bytes:
    """Unpack a WOFF2 font once per process: fontTools does it in pure Python (~1.5 s a font),
    WeasyPrint would otherwise repeat it for every letter."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path))
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def render_html(template_name: str, context: dict[str, Any], *, language: str = "de") -> str:
    """Letters are German; `language` for a document the reader asked for in their language
    (the report channel's receipt, ADR 0017)."""
    with translation.override(language):
        return render_to_string(
            template_name, {"authority": DEFAULT_AUTHORITY, **context}, using="django"
        )


@dataclass(frozen=True)
class EmbeddedFile:
    """A file embedded in a PDF/A-3 letter as an associated file (ISO 19005-3, 6.8): listed in the
    catalog's /AF and in /Names /EmbeddedFiles, with its relationship to the letter
    (ISO 32000-2, 7.11.3: "Source", "Data", "Alternative", "Supplement", "Unspecified")."""

    name: str  # its extension gives the MIME type (".pdf" → application/pdf)
    content: bytes
    description: str = ""
    relationship: str = "Supplement"


def render_pdf(
    template_name: str,
    context: dict[str, Any],
    *,
    variant: str = "pdf/a-3a",
    attachments: Sequence[EmbeddedFile] = (),
    language: str = "de",
) -> bytes:
    """Render a letter template to PDF bytes (default: PDF/A-3a, tagged, fonts embedded).

    `attachments` are embedded as associated files; PDF/A-3 allows any file type there (PDF/A-1
    and -2 do not, WeasyPrint drops them for those variants).
    """
    from weasyprint import HTML, Attachment

    html = render_html(template_name, context, language=language)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
    pdf = document.write_pdf(
        pdf_variant=variant,
        pdf_tags=True,
        uncompressed_pdf=False,
        attachments=[
            Attachment(
                # a file object, not `string=`: WeasyPrint would take bytes for a document
                # to decode; the MIME type comes from the name (".pdf" → application/pdf)
                file_obj=io.BytesIO(item.content),
                url_fetcher=_fetcher(),
                name=item.name,
                description=item.description,
                relationship=item.relationship,
            )
            for item in attachments
        ],
    )
    assert pdf is not None
    return _associated_files_once(pdf) if attachments else pdf


def _associated_files_once(pdf: bytes) -> bytes:
    """WeasyPrint 70 lists every embedded file twice in the catalog's /AF (once from the
    /EmbeddedFiles name tree, once from the file specifications); keep each one once."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        seen: set[tuple[int, int]] = set()
        unique = []
        for spec in document.Root.get("/AF", []):
            if spec.objgen not in seen:
                seen.add(spec.objgen)
                unique.append(spec)
        if len(unique) == len(document.Root.get("/AF", [])):
            return pdf
        document.Root.AF = pikepdf.Array(unique)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
