"""Every image the site publishes carries pixels only: no EXIF (GPS, camera serial), XMP,
ICC profile, JPEG comment or PNG text chunk survives re-encoding, whatever the source had."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from imagekit import phone_metadata
from PIL import Image, ImageCms, PngImagePlugin

from conftest import run_cli

SECRET = "METADATA-SECRET-4471"


def _jpeg_with_everything() -> bytes:
    img = Image.effect_noise((300, 200), 40).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = f"Camera {SECRET}"  # Make
    exif[0x0131] = f"Software {SECRET}"
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>{SECRET}</rdf:Description></x:xmpmeta>'.encode()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif, comment=f"COM {SECRET}", xmp=xmp, icc_profile=icc)
    return out.getvalue()


def _web_jpeg_with_metadata() -> bytes:
    """Already the page's size and without a colour profile: its image data is kept as it is
    (render/jpeg.py), so only the cutting of segments keeps the metadata out."""
    img = Image.linear_gradient("L").resize((400, 300)).convert("RGB")
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70, **phone_metadata(SECRET))
    return out.getvalue() + f"trailing {SECRET}".encode()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_with_everything() -> bytes:
    img = Image.new("RGBA", (64, 64), (200, 30, 30, 128))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"tEXt {SECRET}")
    info.add_text("Author", f"zTXt {SECRET}", zip=True)
    info.add_itxt("Description", f"iTXt {SECRET}", lang="zh", tkey="说明")
    exif = Image.Exif()
    exif[0x010F] = f"Camera {SECRET}"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    img.save(out, "PNG", pnginfo=info, exif=exif, icc_profile=icc)
    return out.getvalue()


def _png_chunks(data: bytes) -> list[bytes]:
    pos, kinds = 8, []
    while pos < len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kinds.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return kinds


def test_sources_really_carry_metadata() -> None:
    """The inputs below are what a phone and an editor produce (else the test proves nothing)."""
    with Image.open(io.BytesIO(_jpeg_with_everything())) as img:
        assert {"comment", "icc_profile", "xmp", "exif"} <= set(img.info)
        assert img.getexif()
    with Image.open(io.BytesIO(_png_with_everything())) as img:
        assert {"Comment", "Author", "Description", "icc_profile", "exif"} <= set(img.info)


def test_published_images_carry_no_metadata(good_site: Path, tmp_path: Path) -> None:
    photos = good_site / "branches/demo/photos"
    (photos / "act.jpg").write_bytes(_jpeg_with_everything())
    (photos / "web.jpg").write_bytes(_web_jpeg_with_metadata())
    activity = good_site / "branches/demo/activities/2024-03-05-zhutidangri.md"
    text = activity.read_text(encoding="utf-8")
    activity.write_text(
        text.replace("[photos/act.jpg]", "[photos/act.jpg, photos/web.jpg]"), encoding="utf-8"
    )
    (photos / "logo.png").write_bytes(_png_with_everything())
    out = tmp_path / "out"
    code, _, err = run_cli("build", str(good_site), "-d", str(out))
    assert code == 0, err
    media = sorted((out / "media").iterdir())
    jpegs = [p for p in media if p.suffix == ".jpg"]
    pngs = [p for p in media if p.suffix == ".png"]
    assert len(jpegs) == 4 and pngs  # two photos in two sizes
    for path in media:
        data = path.read_bytes()
        assert SECRET.encode() not in data, path
        with Image.open(path) as img:
            assert not img.getexif(), path
            assert (
                "icc_profile" not in img.info and "exif" not in img.info and "xmp" not in img.info
            ), path
            assert "comment" not in img.info, path
            if img.format == "JPEG":
                # only the JFIF header Pillow always writes; no APP1 (EXIF/XMP), APP2 (ICC), COM
                assert [marker for marker, _ in img.applist] == ["APP0"], (path, img.applist)
                assert set(img.info) <= {
                    "jfif",
                    "jfif_version",
                    "jfif_unit",
                    "jfif_density",
                    "dpi",
                }, img.info
            else:
                assert set(_png_chunks(data)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}, (
                    _png_chunks(data)
                )
                assert not set(img.info) - {"dpi", "transparency"}, img.info
