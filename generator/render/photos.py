"""Photos for the site: re-encoded (EXIF/GPS dropped, orientation applied), resized, cached.

Originals never reach the site. Each derived file is named by the hash of the source bytes
and the variant, and cached under `.cache/showcase/photos/`, so a rebuild with unchanged
photos does no image work and the output is byte-identical.
"""

from __future__ import annotations

import hashlib
import logging
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

# Bump when the encoding below changes, so old cache entries are not reused.
PIPELINE = "v2"  # v2: one decode (draft mode) per photo, small size resized from the large one
VARIANTS = {"t": 480, "l": 1600}  # thumbnail and large: longest side in pixels
log = logging.getLogger("mkdocs.plugins.showcase")


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


def _save(img: Image.Image, target: Path) -> None:
    img = img.convert("RGBA" if target.suffix == ".png" else "RGB")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".tmp")
    if target.suffix == ".png":
        img.save(tmp, "PNG", optimize=True)
    else:
        img.save(tmp, "JPEG", quality=82, optimize=True, progressive=False)
    os.replace(tmp, target)


def _encode(source: Path, targets: tuple[tuple[Path, int], ...]) -> None:
    """Decode `source` once and write every size, largest first, each resized from the last.

    JPEG draft mode lets libjpeg decode at 1/2, 1/4 or 1/8 scale straight away — a 12-MP
    photo for a 1600-px page never exists at full size in memory."""
    order = sorted(targets, key=lambda t: -t[1])
    with Image.open(source) as img:
        longest = order[0][1]
        if img.format == "JPEG" and max(img.size) > longest:
            ratio = longest / max(img.size)
            img.draft("RGB", (max(1, round(img.width * ratio)), max(1, round(img.height * ratio))))
        img = ImageOps.exif_transpose(img)  # apply Orientation, then forget EXIF entirely
        for target, size in order:
            img.thumbnail((size, size), Image.Resampling.LANCZOS)
            _save(img, target)


def _encode_job(job: tuple[Path, tuple[tuple[Path, int], ...]]) -> None:
    _encode(*job)


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
        self._pending: dict[Path, list[tuple[Path, int]]] = {}  # source -> [(cache file, longest side)]
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
            self._pending.setdefault(source, []).append((path, longest))
        photo_set = PhotoSet(thumb=variants["t"], large=variants["l"])
        self._sets[source] = self._given[given] = photo_set
        return photo_set

    def known(self, source: Path) -> PhotoSet:
        """A registered image's derived files (templates only link what the plan registered)."""
        found = self._given.get(source)
        return found if found is not None else self._sets[source.resolve()]

    def process(self) -> int:
        """Encode what the cache lacks on every core; returns how many files were made."""
        todo = [(src, tuple(t for t in targets if not t[0].exists())) for src, targets in self._pending.items()]
        todo = [job for job in todo if job[1]]
        self._pending.clear()
        if not todo:
            return 0
        workers = min(len(todo), len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
        made = sum(len(targets) for _, targets in todo)
        step = max(1, len(todo) // 10)
        if workers <= 1 or len(todo) < 4:
            for job in todo:
                _encode_job(job)
            return made
        # Processes, not threads: resampling and JPEG encoding hold the GIL for long stretches.
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for done, _ in enumerate(pool.map(_encode_job, todo, chunksize=4), start=1):
                if done % step == 0 or done == len(todo):
                    log.info(f"showcase: 处理图片 {done}/{len(todo)}")
        return made

    def files(self) -> list[Derived]:
        out = {d.path: d for s in self._sets.values() for d in (s.thumb, s.large)}
        return [out[p] for p in sorted(out)]
