"""A JPEG already fit for a page goes to the site as it is, with its metadata cut out.

Re-encoding a photo that is already at most the page's size costs most of its processing
time (decode every pixel, encode them again: ~30 of ~40 ms a photo at 1600×1200) and a
generation of JPEG loss, for a file no smaller. Such a photo — one scan of 8-bit baseline
Huffman data in RGB or grey, upright, no colour profile, no heavier than a re-encoded copy
would be — keeps its compressed image data byte for byte. Everything else in the file goes:
every APPn segment (EXIF with GPS and camera serial, XMP, IPTC, the JFIF thumbnail), every
comment, anything after the end-of-image marker; a plain JFIF header of our own replaces
them. A file with anything this module does not know (progressive, arithmetic or 12-bit
coding, several scans, an Adobe colour transform, fill bytes) is re-encoded as before.

jpegtran (`-copy none`) would do the cutting too, but it decodes and re-encodes the Huffman
data (much of the cost avoided here) and is a system tool the project would have to install
and call once a photo; the format's segment layout is all this needs.
"""

from __future__ import annotations

import re

from PIL import Image

# A re-encoded 1600×1200 photo at quality 82 is ~0.13 bytes a pixel; a phone's own JPEG at
# quality 95 ~0.4. Heavier files are re-encoded: pages stay light on a slow intranet link.
MAX_KEPT_BYTES_PER_PIXEL = 0.25
_ORIENTATION = 0x0112
_EOI, _SOS = 0xD9, 0xDA
_FRAMES = (0xC0, 0xC1)  # baseline and extended sequential, Huffman coded
_TABLES = (0xC4, 0xDB, 0xDD)  # Huffman tables, quantisation tables, restart interval
_ADOBE = 0xEE  # APP14: says how to read the colour channels, cannot be dropped safely
_COMMENT = 0xFE
# JFIF 1.01, aspect ratio 1:1, no thumbnail: what Pillow writes for an image without dpi
_JFIF = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
# In scan data a 0xFF byte is followed by 0x00 (a stuffed byte) or a restart marker; any
# other byte after it is a marker, and in a one-scan file the only one allowed is EOI.
_MARKER_IN_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7]")


def fits_as_is(img: Image.Image, size: int, longest: int) -> bool:
    """Whether the opened (not yet decoded) JPEG `img` of `size` bytes may keep its image
    data at a longest side of `longest` px (strip_metadata still has the last word)."""
    return (
        img.format == "JPEG"
        and max(img.size) <= longest
        and img.mode in ("RGB", "L")
        and not {"icc_profile", "adobe", "progressive", "progression"} & img.info.keys()
        and img.getexif().get(_ORIENTATION, 1) == 1
        and size <= MAX_KEPT_BYTES_PER_PIXEL * img.width * img.height
    )


def strip_metadata(data: bytes) -> bytes | None:
    """The file with only what a decoder needs: SOI, our JFIF header, the frame, tables,
    the one scan and EOI. None if the file has anything else in its structure."""
    if data[:2] != b"\xff\xd8":
        return None
    parts = [data[:2], _JFIF]
    pos, framed = 2, False
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        end = pos + 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if end > len(data) or end < pos + 4:
            return None
        if marker == _SOS:
            found = _MARKER_IN_SCAN.search(data, end) if framed else None
            if found is None or data[found.start() + 1] != _EOI:
                return None
            parts.append(data[pos : found.end()])
            return b"".join(parts)
        if marker in _FRAMES:
            if framed or data[pos + 4] != 8:  # one frame, 8-bit samples (browsers' only kind)
                return None
            framed = True
            parts.append(data[pos:end])
        elif marker in _TABLES:
            parts.append(data[pos:end])
        elif not (0xE0 <= marker <= 0xEF and marker != _ADOBE) and marker != _COMMENT:
            return None  # SOF2 (progressive), arithmetic coding, fill bytes, …
        pos = end
    return None
