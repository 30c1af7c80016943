"""Read the text of a generated letter back (for tests) with pikepdf only: no poppler needed.

Each shown string is mapped to Unicode through its font's ToUnicode CMap, which every letter
has (PDF/A-3a requires it). Line moves become line breaks; wide TJ gaps become spaces.
"""

import io
import re

import pikepdf

_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _unicode(hex_bytes: bytes) -> str:
    return bytes.fromhex(hex_bytes.decode()).decode("utf-16-be", errors="replace")


def _cmap(font) -> tuple[dict[bytes, str], int]:
    """Code → text from a ToUnicode CMap (bfchar and bfrange), and the code width in bytes."""
    mapping: dict[bytes, str] = {}
    width = 1
    if "/ToUnicode" not in font:
        return mapping, width
    data = font.ToUnicode.read_bytes()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        pairs = _HEX.findall(block)
        for src, dst in zip(pairs[::2], pairs[1::2], strict=False):
            mapping[bytes.fromhex(src.decode())] = _unicode(dst)
            width = len(src) // 2
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.strip().splitlines():
            values = _HEX.findall(line)
            if len(values) < 3:
                continue
            low, high, first = values[0], values[1], values[2]
            width = len(low) // 2
            start, end = int(low, 16), int(high, 16)
            base = _unicode(first)
            for offset, code in enumerate(range(start, end + 1)):
                text = base[:-1] + chr(ord(base[-1]) + offset) if base else ""
                mapping[code.to_bytes(width, "big")] = text
    return mapping, width


def _decode(raw: bytes, cmap: tuple[dict[bytes, str], int]) -> str:
    mapping, width = cmap
    return "".join(
        mapping.get(raw[i : i + width], "") for i in range(0, len(raw) - width + 1, width)
    )


def pdf_text(pdf: bytes) -> str:
    """The text of every page, in content order."""
    out: list[str] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            fonts = page.Resources.get("/Font", {})
            cmaps = {str(name): _cmap(font) for name, font in fonts.items()}
            current: tuple[dict[bytes, str], int] = ({}, 1)
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "Tf":
                    current = cmaps.get(str(operands[0]), ({}, 1))
                elif op == "Tj":
                    out.append(_decode(bytes(operands[0]), current))
                elif op == "TJ":
                    for part in operands[0]:
                        if isinstance(part, pikepdf.String):
                            out.append(_decode(bytes(part), current))
                        elif float(part) < -200:
                            out.append(" ")
                elif op in {"Td", "TD", "T*", "ET", "Tm"}:
                    out.append("\n")
    return "".join(out)


def normalised(text: str) -> str:
    """All runs of whitespace as one space (line breaks in a letter are layout, not content)."""
    return " ".join(text.split())
