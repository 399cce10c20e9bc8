"""What a phone writes into a photo besides its pixels, for tests that check none of it
reaches the site."""

from __future__ import annotations

from typing import Any

from PIL import Image


def phone_metadata(secret: str, orientation: int | None = None) -> dict[str, Any]:
    """Keyword arguments for Image.save(…, "JPEG"): EXIF with the camera and a GPS position,
    XMP and a comment, each carrying `secret`; an Orientation tag when asked."""
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    exif[0x010F] = f"Camera {secret}"  # Make
    exif[0x8825] = {2: (31.0, 52.0, 0.0)}  # GPSLatitude
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{secret}</x:xmpmeta>'.encode()
    return {"exif": exif, "xmp": xmp, "comment": f"COM {secret}"}
