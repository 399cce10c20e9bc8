"""Photos for the site: re-encoded (all metadata dropped, orientation applied), resized, cached.
A JPEG already fit for the large size keeps its image data, its metadata cut out (jpeg.py).

Originals never reach the site. Each derived file is named by the hash of the source bytes
and the variant, and cached under `.cache/showcase/photos/`, so a rebuild with unchanged
photos does no image work and the output is byte-identical.
"""

from __future__ import annotations

import hashlib
import io
import logging
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
from generator.models import Branch
from generator.parallel import cores, fork_context, keep_freed_memory, worker_pool
from generator.problems import InputError, Problem
from generator.render.jpeg import fits_as_is, strip_metadata
from generator.render.pagecache import link_or_copy
from generator.writes import read_memo, write_bytes, write_memo

# Bump when the encoding below changes, so old cache entries are not reused.
# v2: no metadata (ICC to sRGB, comments and text dropped); v3: resize first; v4: bilinear;
# v5: the thumbnail box-reduced 2× before its bilinear step (reducing_gap 1.5); v6: the large
# size without Huffman optimisation (see OPTIMIZED_UP_TO); v7: a JPEG fit for the page keeps
# its image data (render/jpeg.py); v8: Huffman optimisation by the size encoded, not the size
# asked for, and an image smaller than both sizes encoded once
PIPELINE = "v8"
VARIANTS = {"t": 480, "l": 1600}  # thumbnail and large: longest side in pixels
# JPEG Huffman optimisation (a second pass over the coefficients) doubled the encode time of
# the 1600-px copy, ~6 ms of ~30 per photo, for 3% fewer bytes: at a thousand branches ~12 s
# of a cold build's spare core, which is its longest line of work. Thumbnails, a few hundred
# KB a page in a photo wall, keep it (a fraction of a millisecond each).
OPTIMIZED_UP_TO = 800
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
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
    if img.mode != mode or img.info.get("icc_profile"):  # else both converts would just copy
        img = _to_srgb(
            img.convert("RGBA" if "A" in img.mode or "transparency" in img.info else "RGB")
        )
        img = img.convert(mode)
    clean = Image.new(mode, img.size)
    clean.paste(img)
    return clean


def encode_sizes(
    data: bytes, sizes: tuple[int, ...], png: bool, limits: Limits = DEFAULT_LIMITS
) -> list[bytes]:
    """Re-encode image bytes at each longest side in `sizes`, decoding the photo once.

    JPEG draft mode lets libjpeg decode at 1/2, 1/4 or 1/8 scale straight away, so a 12-MP
    photo for a 1600-px page never exists at full size in memory; each smaller size is
    resized from the one before. Orientation is applied, and nothing but pixels is kept; a
    JPEG that fits the biggest size as it is keeps its image data there (jpeg.fits_as_is)."""
    out: dict[int, bytes] = {}
    with image_from_bytes(data, limits) as img:
        todo = sorted(sizes, reverse=True)
        if not png and fits_as_is(img, len(data), todo[0]):
            kept = strip_metadata(data)
            if kept is not None:  # the biggest size is the photo itself; decode for the rest
                out[todo.pop(0)] = kept
        if not todo:
            return [out[s] for s in sizes]
        biggest = todo[0]
        if img.format in ("JPEG", "MPO") and max(img.size) > biggest:
            ratio = biggest / max(img.size)
            img.draft("RGB", (max(1, round(img.width * ratio)), max(1, round(img.height * ratio))))
        # One full-size copy at most: a 50-MP PNG logo is decoded once, turned and converted in
        # place where it can be, then shrunk to the biggest size before the copies below.
        ImageOps.exif_transpose(img, in_place=True)  # apply Orientation, then forget EXIF entirely
        wanted = "RGBA" if "A" in img.mode or "transparency" in img.info else "RGB"
        if img.mode != wanted:
            img = img.convert(wanted)
        # Bilinear, not Lanczos: draft mode already decoded within 2× of the size wanted (bigger
        # sources are box-reduced first by thumbnail's reducing_gap), and over such a small step
        # Pillow's area-aware bilinear looks the same at a third less CPU per photo.
        img.thumbnail((biggest, biggest), Image.Resampling.BILINEAR)
        img = clean_pixels(img, "RGBA" if png else "RGB")
        done: tuple[tuple[int, int], bytes] | None = None  # the last size encoded, its bytes
        for longest in todo:
            # reducing_gap 1.5: from 1600 to 480 px, a 2×2 box reduce first, then bilinear over
            # the last 1.7× (the default 2.0 reduces only from 4×): a third of the resizing
            # time, within 45 dB of the plain bilinear thumbnail.
            img.thumbnail((longest, longest), Image.Resampling.BILINEAR, reducing_gap=1.5)
            if done is not None and done[0] == img.size:  # smaller than both sizes (a logo)
                out[longest] = done[1]  # the same pixels: the same bytes, encoded once
                continue
            buf = io.BytesIO()
            if png:
                img.save(buf, "PNG", optimize=True)
            else:
                optimize = max(img.size) <= OPTIMIZED_UP_TO
                img.save(buf, "JPEG", quality=82, optimize=optimize, progressive=False)
            out[longest] = buf.getvalue()
            done = (img.size, out[longest])
    return [out[s] for s in sizes]


def encode(data: bytes, longest: int, png: bool, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Re-encode image bytes: orientation applied, at most `longest` px, nothing but pixels."""
    return encode_sizes(data, (longest,), png, limits)[0]


Job = tuple[Path, tuple[tuple[Path, int], ...], Limits]


def _encode_job(job: Job) -> str | None:
    """Write every missing size of one photo; a problem comes back as text (exceptions that
    carry our Problem lists do not survive the trip back from a worker process)."""
    source, targets, limits = job
    try:
        data = read_user_bytes(source, source.parent, limits.image_bytes)
        encoded = encode_sizes(
            data, tuple(n for _, n in targets), targets[0][0].suffix == ".png", limits
        )
    except ReadRefused as exc:  # changed since the check: still a located message, no traceback
        return exc.message
    except OSError as exc:  # decoded in check, so only a file changed since
        return f"图片无法处理（{exc}）"
    for (target, _), blob in zip(targets, encoded, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, blob)  # whole or not at all; a dead worker's *.<pid>.tmp is swept
    return None


def _alpha(data: bytes, limits: Limits) -> bool:
    if data[:2] == b"\xff\xd8":  # JPEG has no alpha channel: skip opening the image
        return False
    try:
        with image_from_bytes(data, limits) as img:
            return img.mode in ("RGBA", "LA", "PA") or (
                img.mode == "P" and "transparency" in img.info
            )
    except ReadRefused:
        return False  # the encoder reports it


class PhotoStore:
    """Derives site images once per content hash; `files()` lists what the site must carry."""

    def __init__(
        self, cache_dir: Path, limits: Limits = DEFAULT_LIMITS, borrow: Path | None = None
    ):
        self.cache_dir = cache_dir
        self.limits = limits
        # Another store's folder whose derived files are taken (hard-linked) instead of
        # encoded again: serve's quick build, whose cache is its own, borrows the project's.
        self.borrow = borrow
        self._sets: dict[Path, PhotoSet] = {}
        self._pending: dict[
            Path, list[tuple[Path, int]]
        ] = {}  # source -> [(cache file, longest side)]
        self._given: dict[
            Path, PhotoSet
        ] = {}  # by the path as asked: templates ask thousands of times
        # (digest, alpha) of sources by stat, as the loader's FileDigests: a rebuild does not
        # read and hash every photo again (two thousand of them at a thousand branches)
        self._index_path = cache_dir / "sources.json"
        self._saved = read_memo(self._index_path)
        self._known: dict[str, list] = (
            self._saved.get("sources", {}) if self._saved.get("pipeline") == PIPELINE else {}
        )
        self._seen: dict[str, list] = {}

    def add(self, source: Path) -> PhotoSet:
        """Register a source image; the work happens in `process()`."""
        if source in self._given:
            return self._given[source]
        given, source = source, source.resolve()
        if source in self._sets:
            self._given[given] = self._sets[source]
            return self._sets[source]
        digest, alpha = self._identify(source)
        ext = ".png" if alpha else ".jpg"
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

    def add_branch(self, branch: Branch) -> None:
        """Register every photo a branch's data references (logo, members, activities)."""
        for rel in branch.photo_paths():
            self.add(branch.folder / rel)

    def _identify(self, source: Path) -> tuple[str, bool]:
        try:
            st = source.stat()
            stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        except OSError:
            stamp = None
        entry = self._known.get(str(source))
        if stamp is None or entry is None or entry[:3] != stamp:
            data = _read(source, self.limits)
            entry = [*(stamp or [0, 0, 0]), _digest(data), _alpha(data, self.limits)]
        if stamp is not None:
            self._seen[str(source)] = entry
        return entry[3], bool(entry[4])

    def save_index(self) -> None:
        """Keep what this build registered (a read-only cache just means no index)."""
        write_memo(self._index_path, {"pipeline": PIPELINE, "sources": self._seen}, self._saved)

    def known(self, source: Path) -> PhotoSet:
        """A registered image's derived files (templates only link what the plan registered)."""
        found = self._given.get(source)
        return found if found is not None else self._sets[source.resolve()]

    def _jobs(self) -> list[Job]:
        """The registered photos whose derived files the cache lacks."""
        jobs: list[Job] = []
        for src, targets in self._pending.items():
            missing = tuple(t for t in targets if not t[0].exists() and not self._borrowed(t[0]))
            if missing:
                jobs.append((src, missing, self.limits))
        return jobs

    def _borrowed(self, target: Path) -> bool:
        if self.borrow is None or not (self.borrow / target.name).is_file():
            return False
        link_or_copy(self.borrow / target.name, target)
        return True

    def batch(self) -> PhotoBatch:
        """The registered photos the cache lacks, handed off: none is pending here any more
        (or they would be encoded twice)."""
        todo = self._jobs()
        self._pending.clear()
        return PhotoBatch(tuple(todo))

    def process(self) -> int:
        """Encode what the cache lacks on every core; returns how many files were made."""
        return self.batch()()

    def files(self) -> list[Derived]:
        out = {d.path: d for s in self._sets.values() for d in (s.thumb, s.large)}
        return [out[p] for p in sorted(out)]


@dataclass(frozen=True)
class PhotoBatch:
    """Photos to encode, as paths: it pickles, so a build hands it to a new interpreter. A
    child forked from the build instead keeps the old copy of every page the build writes
    after the fork, and the build writes nearly all of them (scoring, planning, rendering,
    letting go of records): at a thousand branches the photos' child grew to ~300 MB while
    it worked, beside pagefind and MkDocs at their largest."""

    jobs: tuple[Job, ...]

    def __len__(self) -> int:
        return len(self.jobs)

    def __call__(self) -> int:
        """Encode them on every core; returns how many files were made."""
        todo = list(self.jobs)
        if not todo:
            return 0
        workers = min(len(todo), cores())
        step = max(1, len(todo) // 10)
        context = fork_context()
        if len(todo) < 4 or context is None:
            problems = list(map(_encode_job, todo))
        else:
            # Processes, not threads: resampling and JPEG encoding hold the GIL for long
            # stretches. A pool even of one (the background child on two cores): its workers
            # keep freed memory for the next photo (a sixth less CPU each, see
            # keep_freed_memory), and give it all back when they end, which this process
            # would not.
            problems = []
            with worker_pool(workers, context, keep_freed_memory) as pool:
                # One photo per trip, not chunks: a photo's ~80 ms dwarfs the trip, and at the
                # end no core idles while the other finishes a chunk of four.
                for done, problem in enumerate(pool.map(_encode_job, todo), start=1):
                    problems.append(problem)
                    if done % step == 0 or done == len(todo):
                        log.info(f"showcase: 处理图片 {done}/{len(todo)}")
        found = [
            Problem(job[0].as_posix(), 0, p) for job, p in zip(todo, problems, strict=True) if p
        ]
        if found:
            raise InputError(found)
        return sum(len(job[1]) for job in todo)
