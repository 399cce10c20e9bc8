"""Photos for the site: re-encoded (all metadata dropped, orientation applied), resized, cached.

Originals never reach the site. Each derived file is named by the hash of the source bytes
and the variant, and cached under `.cache/showcase/photos/`, so a rebuild with unchanged
photos does no image work and the output is byte-identical.
"""

from __future__ import annotations

import hashlib
import io
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from generator.load.reading import (
    DEFAULT_LIMITS,
    Limits,
    ReadRefused,
    image_from_bytes,
    read_user_bytes,
)
from generator.problems import InputError, Problem

# Bump when the encoding below changes, so old cache entries are not reused.
PIPELINE = "v2"  # v2: no metadata at all (ICC converted to sRGB, comments and text dropped)
VARIANTS = {"t": 480, "l": 1600}  # thumbnail and large: longest side in pixels
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Derived:
    """One re-encoded image: where it lives in the site and in the cache."""

    src_uri: str
    path: Path


@dataclass(frozen=True)
class PhotoSet:
    thumb: Derived
    large: Derived


def _digest(data: bytes) -> str:
    return hashlib.sha256(PIPELINE.encode() + data).hexdigest()[:20]


def _read(source: Path, limits: Limits) -> bytes:
    """The source's bytes through the reading layer (the loader already checked the path)."""
    try:
        return read_user_bytes(source, source.parent, limits.image_bytes)
    except ReadRefused as exc:  # changed since the check: still a located message, no traceback
        raise InputError([Problem(source.as_posix(), 0, exc.message)]) from None


def _to_srgb(img: Image.Image) -> Image.Image:
    """Pixels in sRGB: a phone's Display P3 or a camera's Adobe RGB profile is applied, not
    carried along (an embedded profile is metadata, and its description names the device)."""
    icc = img.info.get("icc_profile")
    if not icc or img.mode not in ("RGB", "RGBA"):
        return img
    try:
        src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(img, src, _SRGB, outputMode=img.mode) or img
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img  # an unreadable profile: keep the pixels as they are


def clean_pixels(img: Image.Image, mode: str) -> Image.Image:
    """A fresh image of just the pixels in `mode`: no EXIF, XMP, ICC profile, comment or
    text chunk can survive, because nothing but the pixel data is copied."""
    img = _to_srgb(img.convert("RGBA" if "A" in img.mode or "transparency" in img.info else "RGB"))
    img = img.convert(mode)
    clean = Image.new(mode, img.size)
    clean.paste(img)
    return clean


def encode(data: bytes, longest: int, png: bool, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Re-encode image bytes: orientation applied, at most `longest` px, nothing but pixels."""
    with image_from_bytes(data, limits) as img:
        if img.format in ("JPEG", "MPO"):
            img.draft("RGB", (longest, longest))  # decode at a reduced scale: memory stays small
        img = ImageOps.exif_transpose(img)  # apply Orientation, then forget EXIF entirely
        img.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        img = clean_pixels(img, "RGBA" if png else "RGB")
    out = io.BytesIO()
    if png:
        img.save(out, "PNG", optimize=True)
    else:
        img.save(out, "JPEG", quality=82, optimize=True, progressive=False)
    return out.getvalue()


def _encode(source: Path, target: Path, longest: int, limits: Limits) -> None:
    data = _read(source, limits)
    try:
        encoded = encode(data, longest, target.suffix == ".png", limits)
    except ReadRefused as exc:
        raise InputError([Problem(source.as_posix(), 0, exc.message)]) from None
    except OSError as exc:  # decoded in check, so only a file changed since: still no traceback
        raise InputError([Problem(source.as_posix(), 0, f"图片无法处理（{exc}）")]) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + f".{os.getpid()}.tmp")
    tmp.write_bytes(encoded)
    os.replace(tmp, target)


def _alpha(data: bytes, limits: Limits) -> bool:
    if data[:2] == b"\xff\xd8":  # JPEG has no alpha channel: skip opening the image
        return False
    try:
        with image_from_bytes(data, limits) as img:
            return img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    except ReadRefused:
        return False  # _encode reports it


class PhotoStore:
    """Derives site images once per content hash; `files()` lists what the site must carry."""

    def __init__(self, cache_dir: Path, limits: Limits = DEFAULT_LIMITS):
        self.cache_dir = cache_dir
        self.limits = limits
        self._sets: dict[Path, PhotoSet] = {}
        self._pending: dict[Path, tuple[Path, Derived, int]] = {}
        self._given: dict[Path, PhotoSet] = {}  # by the path as asked: templates ask thousands of times

    def add(self, source: Path) -> PhotoSet:
        """Register a source image; the work happens in `process()`."""
        if source in self._given:
            return self._given[source]
        given, source = source, source.resolve()
        if source in self._sets:
            self._given[given] = self._sets[source]
            return self._sets[source]
        data = _read(source, self.limits)
        digest = _digest(data)
        ext = ".png" if _alpha(data, self.limits) else ".jpg"
        variants = {}
        for key, longest in VARIANTS.items():
            name = f"{digest}-{key}{ext}"
            path = self.cache_dir / name
            derived = Derived(src_uri=f"media/{name}", path=path)
            variants[key] = derived
            self._pending[path] = (source, derived, longest)
        photo_set = PhotoSet(thumb=variants["t"], large=variants["l"])
        self._sets[source] = self._given[given] = photo_set
        return photo_set

    def known(self, source: Path) -> PhotoSet:
        """A registered image's derived files (templates only link what the plan registered)."""
        found = self._given.get(source)
        return found if found is not None else self._sets[source.resolve()]

    def process(self) -> int:
        """Encode what the cache lacks, in parallel; returns how many files were made."""
        todo = [(src, d, n) for path, (src, d, n) in self._pending.items() if not path.exists()]
        workers = min(len(todo), os.cpu_count() or 1) or 1
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(lambda job: _encode(job[0], job[1].path, job[2], self.limits), todo))
        self._pending.clear()
        return len(todo)

    def files(self) -> list[Derived]:
        out = {d.path: d for s in self._sets.values() for d in (s.thumb, s.large)}
        return [out[p] for p in sorted(out)]
