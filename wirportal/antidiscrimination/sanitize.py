"""Strip metadata from a reporter's files before they are stored (issue #16, threat model T4).

Photos carry EXIF (camera, time, GPS position), PDFs a document info dictionary (author,
creator, dates) and XMP metadata: any of it may name the reporter. Images are re-encoded with
Pillow from their pixels alone (nothing of the original's info or EXIF is passed on); PDFs lose
their /Info dictionary and the catalogue's /Metadata stream with pikepdf. Other kinds
(office documents) are not accepted on this form.
"""

import io

import pikepdf
from PIL import Image, ImageOps

ALLOWED = ("pdf", "png", "jpeg")


def strip_metadata(content: bytes, kind: str) -> bytes:
    if kind == "pdf":
        return _strip_pdf(content)
    if kind in ("png", "jpeg"):
        return _strip_image(content, kind)
    raise ValueError(f"no metadata stripping for {kind}")


def _strip_image(content: bytes, kind: str) -> bytes:
    with Image.open(io.BytesIO(content)) as original:
        # the orientation EXIF would have given, applied to the pixels before EXIF goes
        upright = ImageOps.exif_transpose(original)
        mode = "RGB" if kind == "jpeg" and upright.mode not in ("RGB", "L") else upright.mode
        clean = Image.new(mode, upright.size)
        clean.paste(upright.convert(mode) if upright.mode != mode else upright)
    buffer = io.BytesIO()
    if kind == "jpeg":
        clean.save(buffer, format="JPEG", quality=90)
    else:
        clean.save(buffer, format="PNG")
    return buffer.getvalue()


def _strip_pdf(content: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        for page in pdf.pages:
            if "/Metadata" in page.obj:
                del page.obj["/Metadata"]
        buffer = io.BytesIO()
        # fresh document ids: the originals could link the file to the reporter's other copies
        pdf.save(buffer, deterministic_id=True, fix_metadata_version=False)
    return buffer.getvalue()
