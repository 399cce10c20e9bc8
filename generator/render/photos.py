"""Photos for the site: re-encoded (EXIF/GPS dropped, orientation applied), resized, cached.

Originals never reach the site. Each derived file is named by the hash of the source bytes
and the variant, and cached under `.cache/showcase/photos/`, so a rebuild with unchanged
photos does no image work and the output is byte-identical.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from generator.writes import replacing

# Bump when the encoding below changes, so old cache entries are not reused.
PIPELINE = "v1"
VARIANTS = {"t": 480, "l": 1600}  # thumbnail and large: longest side in pixels


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


def _encode(source: Path, target: Path, longest: int) -> None:
    with Image.open(source) as img:
        img = ImageOps.exif_transpose(img)  # apply Orientation, then forget EXIF entirely
        img.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        img = img.convert("RGBA" if target.suffix == ".png" else "RGB")
        target.parent.mkdir(parents=True, exist_ok=True)
        with replacing(target) as tmp:
            if target.suffix == ".png":
                img.save(tmp, "PNG", optimize=True)
            else:
                img.save(tmp, "JPEG", quality=82, optimize=True, progressive=False)


def _alpha(source: Path, data: bytes) -> bool:
    if data[:2] == b"\xff\xd8":  # JPEG has no alpha channel: skip opening the image
        return False
    with Image.open(source) as img:
        return img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info)


class PhotoStore:
    """Derives site images once per content hash; `files()` lists what the site must carry."""

    def __init__(self, cache_dir: Path):
        self.cache_dir = cache_dir
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
        data = source.read_bytes()
        digest = _digest(data)
        ext = ".png" if _alpha(source, data) else ".jpg"
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
            list(pool.map(lambda job: _encode(job[0], job[1].path, job[2]), todo))
        self._pending.clear()
        return len(todo)

    def files(self) -> list[Derived]:
        out = {d.path: d for s in self._sets.values() for d in (s.thumb, s.large)}
        return [out[p] for p in sorted(out)]
