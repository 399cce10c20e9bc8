"""The photo pipeline: one decode per photo for both sizes, on every core, same bytes as in series."""

from __future__ import annotations

import hashlib
import io
import logging
from pathlib import Path

import pytest
from imagekit import phone_metadata
from PIL import Image, ImageCms

from generator.bench_data import _photo
from generator.render import jpeg
from generator.render import photos as photos_mod
from generator.render.photos import PhotoStore


def _camera(path: Path, seed: str, orientation: int | None = None) -> Path:
    _photo(path, seed, (4000, 3000), quality=90)
    if orientation:
        with Image.open(path) as img:
            exif = img.getexif()
            exif[0x0112] = orientation  # rotate 90° clockwise when shown
            exif[0x8825] = {2: (31.0, 52.0, 0.0)}  # GPSLatitude: must never reach the site
            img.save(path, "JPEG", quality=90, exif=exif)
    return path


def _digests(store: PhotoStore, sources: list[Path]) -> list[str]:
    out = []
    for s in sources:
        ps = store.known(s)
        out += [
            hashlib.sha256(ps.thumb.path.read_bytes()).hexdigest(),
            hashlib.sha256(ps.large.path.read_bytes()).hexdigest(),
        ]
    return out


def test_twelve_megapixels_become_two_clean_sizes_turned_upright(tmp_path: Path) -> None:
    src = _camera(tmp_path / "in" / "cam.jpg", "upright", orientation=6)
    store = PhotoStore(tmp_path / "cache")
    ps = store.add(src)
    assert store.process() == 2
    with Image.open(ps.large.path) as large, Image.open(ps.thumb.path) as thumb:
        assert large.size == (1200, 1600)  # portrait: the orientation tag was applied
        assert thumb.size == (360, 480)
        assert not large.getexif() and not thumb.getexif()
    assert store.process() == 0  # nothing pending twice


def test_pool_gives_the_bytes_of_a_serial_run_and_shows_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    sources = [_camera(tmp_path / "in" / f"{k}.jpg", f"pool-{k}") for k in range(6)]
    parallel = PhotoStore(tmp_path / "parallel")
    for s in sources:
        parallel.add(s)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.showcase"):
        assert parallel.process() == 12
    assert "处理图片 6/6" in caplog.text
    decodes: list[bytes] = []
    real_open = Image.open

    def counting_open(fp, *args, **kwargs):  # type: ignore[no-untyped-def]
        decodes.append(fp.getvalue() if hasattr(fp, "getvalue") else Path(fp).read_bytes())
        return real_open(fp, *args, **kwargs)

    monkeypatch.setattr(photos_mod.Image, "open", counting_open)
    monkeypatch.setattr(photos_mod, "fork_context", lambda: None)  # no fork: in this process
    serial = PhotoStore(tmp_path / "serial")
    for s in sources:
        serial.add(s)
    assert serial.process() == 12
    assert sorted(decodes) == sorted(
        s.read_bytes() for s in sources
    )  # each opened once for both sizes
    assert _digests(parallel, sources) == _digests(serial, sources)


def test_a_rebuild_registers_photos_without_reading_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    first, second = _camera(src / "a.jpg", "一"), _camera(src / "b.jpg", "二")
    store = PhotoStore(tmp_path / "cache")
    sets = [store.add(first), store.add(second)]
    store.save_index()

    def no_reading(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("read again")

    real = photos_mod._read
    monkeypatch.setattr(photos_mod, "_read", no_reading)
    again = PhotoStore(tmp_path / "cache")
    assert [again.add(first), again.add(second)] == sets
    # a replaced file (new inode, other bytes) is read and gets other derived files
    monkeypatch.setattr(photos_mod, "_read", real)
    second.unlink()
    _camera(second, "三")
    third = PhotoStore(tmp_path / "cache")
    assert third.add(first) == sets[0] and third.add(second) != sets[1]


def test_a_plain_rgb_photo_keeps_no_metadata_and_is_turned(tmp_path: Path) -> None:
    """The common case (RGB, no ICC profile) skips the colour conversions: the comment, XMP,
    GPS and maker tags still stay behind, and the orientation is still applied."""
    secret = "PLAIN-RGB-SECRET-5308"
    img = Image.effect_noise((2400, 1800), 60).convert("RGB")
    src = tmp_path / "in" / "plain.jpg"
    src.parent.mkdir()
    # orientation 8: rotate 90° counter-clockwise when shown
    img.save(src, "JPEG", quality=90, **phone_metadata(secret, orientation=8))
    with Image.open(src) as check:  # the source really carries all of it, and no profile
        assert {"exif", "xmp", "comment"} <= set(check.info) and "icc_profile" not in check.info
    store = PhotoStore(tmp_path / "cache")
    ps = store.add(src)
    assert store.process() == 2
    for derived, size in ((ps.large, (1200, 1600)), (ps.thumb, (360, 480))):
        data = derived.path.read_bytes()
        assert secret.encode() not in data
        with Image.open(derived.path) as out:
            assert out.size == size  # portrait: turned
            assert [marker for marker, _ in out.applist] == ["APP0"], out.applist
            assert not out.getexif() and "comment" not in out.info


def test_a_store_borrowing_another_links_its_photos_instead_of_encoding_them(
    tmp_path: Path,
) -> None:
    """serve's quick build has a cache of its own but takes the project's encoded photos."""
    known = _camera(tmp_path / "in" / "known.jpg", "已编码")
    fresh = _camera(tmp_path / "in" / "fresh.jpg", "新照片")
    project = PhotoStore(tmp_path / "project")
    project.add(known)
    assert project.process() == 2
    quick = PhotoStore(tmp_path / "quick", borrow=tmp_path / "project")
    ps, new = quick.add(known), quick.add(fresh)
    batch = quick.batch()
    assert len(batch) == 1  # only the photo the project has not encoded
    assert batch() == 2 and len(quick.batch()) == 0
    for mine, theirs in ((ps.thumb.path, project.known(known).thumb.path),
                         (ps.large.path, project.known(known).large.path)):  # fmt: skip
        assert mine.parent == tmp_path / "quick" and mine.stat().st_ino == theirs.stat().st_ino
    assert new.large.path.is_file() and not (tmp_path / "project" / new.large.path.name).exists()


def _web_photo(path: Path, seed: str, **save: object) -> bytes:
    """A 1600×1200 JPEG as a phone app sends it: already the page's size."""
    _photo(path, seed, (1600, 1200), quality=80)
    if save:
        with Image.open(path) as img:
            img.save(path, "JPEG", **{"quality": 80, **save})
    return path.read_bytes()


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        return img.convert("RGB").tobytes()


def test_a_photo_fit_for_the_page_keeps_its_image_data_and_loses_its_metadata(
    tmp_path: Path,
) -> None:
    """No second generation of JPEG loss, no re-encoding time; and still nothing but pixels:
    EXIF with GPS, XMP, the comment and bytes hidden after the end of the image are gone."""
    secret = "WEB-PHOTO-SECRET-6120"
    src = tmp_path / "in" / "web.jpg"
    data = _web_photo(src, "网页尺寸", **phone_metadata(secret))
    src.write_bytes(data + f"<html>{secret}</html>".encode())  # a polyglot's tail
    store = PhotoStore(tmp_path / "cache")
    ps = store.add(src)
    assert store.process() == 2
    large = ps.large.path.read_bytes()
    assert secret.encode() not in large and large.endswith(b"\xff\xd9")
    assert _pixels(large) == _pixels(data)  # the very same image data, not re-encoded
    with Image.open(ps.large.path) as out, Image.open(ps.thumb.path) as thumb:
        assert [marker for marker, _ in out.applist] == ["APP0"], out.applist
        assert not out.getexif() and "comment" not in out.info and "xmp" not in out.info
        assert thumb.size == (480, 360)
    assert secret.encode() not in ps.thumb.path.read_bytes()


@pytest.mark.parametrize(
    "kind",
    ["turned", "colour profile", "progressive", "heavy", "cmyk", "bigger than the page"],
)
def test_a_photo_not_fit_as_it_is_is_re_encoded(tmp_path: Path, kind: str) -> None:
    src = tmp_path / "in" / "p.jpg"
    if kind == "turned":
        exif = Image.Exif()
        exif[0x0112] = 6
        data = _web_photo(src, kind, exif=exif)
    elif kind == "colour profile":
        icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        data = _web_photo(src, kind, icc_profile=icc)
    elif kind == "progressive":
        data = _web_photo(src, kind, progressive=True)
    elif kind == "heavy":
        src.parent.mkdir(parents=True)
        Image.effect_noise((1600, 1200), 80).convert("RGB").save(src, "JPEG", quality=100)
        data = src.read_bytes()
        assert len(data) > 0.25 * 1600 * 1200
    elif kind == "cmyk":
        src.parent.mkdir(parents=True)
        Image.new("CMYK", (1600, 1200), (10, 200, 30, 5)).save(src, "JPEG")
        data = src.read_bytes()
    else:
        src.parent.mkdir(parents=True)
        _photo(src, kind, (3200, 2400), quality=80)
        data = src.read_bytes()
    large, _ = photos_mod.encode_sizes(data, (1600, 480), png=False)
    assert jpeg.strip_metadata(data) != large  # re-encoded by Pillow, not cut
    with Image.open(io.BytesIO(large)) as out:
        assert out.mode == "RGB" and not out.info.get("progressive")
        assert [marker for marker, _ in out.applist] == ["APP0"], out.applist
        assert out.size == ((1200, 1600) if kind == "turned" else (1600, 1200))


def test_a_jpeg_with_a_structure_it_does_not_know_is_not_cut() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 10, 10)).save(buf, "JPEG", quality=80)
    data = buf.getvalue()
    assert jpeg.strip_metadata(data) is not None
    assert jpeg.strip_metadata(data[:-2]) is None  # no end-of-image marker: truncated
    assert jpeg.strip_metadata(data[:2] + b"\xff" + data[2:]) is None  # a fill byte
    sof = data.index(b"\xff\xc0")
    assert jpeg.strip_metadata(data[:sof] + b"\xff\xc2" + data[sof + 2 :]) is None  # SOF2
    assert jpeg.strip_metadata(b"GIF89a") is None


def test_cutting_a_mangled_jpeg_never_fails_and_keeps_only_known_segments() -> None:
    """Hostile bytes (a flipped marker, a wrong length, a cut file) give None or a file made
    of SOI, our JFIF header and the source's own frame, tables and scan: never an exception,
    never a segment the cutter does not know."""
    import random

    buf = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Camera"
    Image.linear_gradient("L").resize((96, 64)).convert("RGB").save(
        buf, "JPEG", quality=70, exif=exif, comment="COM"
    )
    good = buf.getvalue()
    rng = random.Random(2026)
    for _ in range(3000):
        data = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(0, 400)] = rng.randrange(256)
        data = bytes(data[: rng.randint(2, len(data))] if rng.random() < 0.2 else data)
        out = jpeg.strip_metadata(data)
        if out is None:
            continue
        assert out.startswith(b"\xff\xd8" + jpeg._JFIF) and out.endswith(b"\xff\xd9")
        pos = 2 + len(jpeg._JFIF)
        while out[pos + 1] != 0xDA:  # up to the scan: frame and tables only
            assert out[pos] == 0xFF and out[pos + 1] in (0xC0, 0xC1, 0xC4, 0xDB, 0xDD)
            pos += 2 + int.from_bytes(out[pos + 2 : pos + 4], "big")


def test_an_image_smaller_than_both_sizes_is_encoded_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 256-px logo is the same picture at 480 and at 1600 px: one encode, both files."""
    saves: list[str] = []
    real_save = Image.Image.save

    def counting(self, fp, format=None, **params):  # type: ignore[no-untyped-def]
        saves.append(format)
        return real_save(self, fp, format, **params)

    buf = io.BytesIO()
    Image.new("RGBA", (256, 200), (200, 30, 30, 128)).save(buf, "PNG")
    monkeypatch.setattr(Image.Image, "save", counting)
    large, thumb = photos_mod.encode_sizes(buf.getvalue(), (1600, 480), png=True)
    assert saves == ["PNG"] and large == thumb
    with Image.open(io.BytesIO(large)) as out:
        assert out.size == (256, 200)
