"""A minimal PDF writer for boards: each page is one board PNG, embedded without re-encoding.

PDF's FlateDecode with PNG predictors reads a PNG's IDAT stream as it is, so a page costs a
file read: lossless (no JPEG smudge around red text), no bigger than the PNG, one page in
memory at a time (a thousand plaques at 300 dpi stay cheap). Pillow's own PDF writer
re-encodes as JPEG, holds every page and cannot mark the trim; ours sets the page size from
the DPI, so a viewer reports the real paper size, and adds a TrimBox when there is bleed.
Deterministic: the dates come from the caller.
"""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.writes import replacing

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Page:
    """A page: its PNG file (8-bit RGB, not interlaced, as Pillow writes it), DPI and bleed."""

    png: Path
    dpi: int
    bleed_px: int = 0


def png_stream(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the concatenated IDAT data of an 8-bit RGB non-interlaced PNG."""
    data = path.read_bytes()
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError(f"{path} is not a PNG")
    pos, idat = 8, []
    width = height = 0
    while pos < len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if (depth, colour, interlace) != (8, 2, 0):
                raise ValueError(f"{path}: only 8-bit RGB non-interlaced PNGs can be embedded")
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    return width, height, b"".join(idat)


def _text(s: str) -> bytes:
    """A PDF text string: UTF-16BE with a byte order mark, hex-encoded (safe for Chinese)."""
    return b"<FEFF" + s.encode("utf-16-be").hex().upper().encode() + b">"


def _date(d: dt.date) -> bytes:
    return f"(D:{d.year:04d}{d.month:02d}{d.day:02d}000000Z)".encode()


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


def write_pdf(pages: Sequence[Page], target: Path, title: str, when: dt.date) -> None:
    """Write `pages` to `target` atomically (a temp file renamed into place)."""
    n = len(pages)
    kids = " ".join(f"{4 + 3 * i} 0 R" for i in range(n))
    offsets: dict[int, int] = {}
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target) as tmp, tmp.open("wb") as out:

        def obj(num: int, body: bytes, stream: bytes | None = None) -> None:
            offsets[num] = out.tell()
            out.write(f"{num} 0 obj\n".encode() + body)
            if stream is not None:
                out.write(b"\nstream\n" + stream + b"\nendstream")
            out.write(b"\nendobj\n")

        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        obj(2, f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
        obj(
            3,
            b"<< /Title "
            + _text(title)
            + b" /Producer (branch-showcase) /CreationDate "
            + _date(when)
            + b" /ModDate "
            + _date(when)
            + b" >>",
        )
        for i, page in enumerate(pages):
            num = 4 + 3 * i
            px_w, px_h, data = png_stream(page.png)
            w, h = px_w * 72 / page.dpi, px_h * 72 / page.dpi
            b = page.bleed_px * 72 / page.dpi
            boxes = f"/MediaBox [0 0 {_num(w)} {_num(h)}]"
            if page.bleed_px:
                boxes += f" /BleedBox [0 0 {_num(w)} {_num(h)}] /TrimBox [{_num(b)} {_num(b)} {_num(w - b)} {_num(h - b)}]"
            obj(
                num,
                f"<< /Type /Page /Parent 2 0 R {boxes} /Resources << /XObject << /Im0 {num + 1} 0 R >> >> /Contents {num + 2} 0 R >>".encode(),
            )
            params = (
                f"/DecodeParms << /Predictor 15 /Colors 3 /BitsPerComponent 8 /Columns {px_w} >>"
            )
            obj(
                num + 1,
                f"<< /Type /XObject /Subtype /Image /Width {px_w} /Height {px_h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode {params} /Length {len(data)} >>".encode(),
                data,
            )
            content = f"q {_num(w)} 0 0 {_num(h)} 0 0 cm /Im0 Do Q".encode()
            obj(num + 2, f"<< /Length {len(content)} >>".encode(), content)
        xref = out.tell()
        total = 4 + 3 * n
        out.write(f"xref\n0 {total}\n0000000000 65535 f \n".encode())
        for num in range(1, total):
            out.write(f"{offsets[num]:010d} 00000 n \n".encode())
        out.write(
            f"trailer\n<< /Size {total} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
        )
