"""Render boards through a content-hash cache, in parallel, and write PNGs and PDFs.

A board's key hashes everything that can change its pixels: the kind, the data it shows
(photos by content digest), its layout, paper size, DPI, bleed, the font files and the
print code itself. The cache (`.cache/showcase/boards/`) keeps, per key, the PNG (PDFs embed it
as it is), an optional small preview and the warnings of the render — so an
unchanged board costs a file copy and still reports its warnings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import shutil
import time
from collections.abc import Callable, Sequence
from concurrent.futures import as_completed
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import PIL
from PIL import Image

from generator import __version__
from generator.parallel import cores, fork_context, worker_pool
from generator.print.boards import FILES, Board
from generator.print.canvas import Picture
from generator.print.draw import render
from generator.print.fonts import Fonts
from generator.print.layout import LAYOUTS, layout_for
from generator.print.paper import Paper
from generator.print.pdf import Page, write_pdf
from generator.writes import replacing, write_bytes

HERE = Path(__file__).resolve().parent
MEMORY_BUDGET = 3 * 1024**3  # bytes of page images in flight across worker processes


@lru_cache(maxsize=1)
def code_version() -> str:
    """Digest of the print code and layouts, so a change to either re-renders every board."""
    h = hashlib.sha256(f"{__version__}|pillow {PIL.__version__}".encode())
    for path in sorted([*HERE.glob("*.py"), *LAYOUTS.glob("*.yml")]):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()[:16]


def _plain(value: Any) -> Any:
    if isinstance(value, Picture):
        return {"picture": value.digest}
    raise TypeError(f"cannot hash {type(value).__name__}")


def board_key(board: Board, paper: Paper, fonts: Fonts, fonts_id: str | None = None) -> str:
    """`fonts_id`: `fonts.identity()` worked out once for many boards (it stats each file)."""
    layout = layout_for(board.kind, paper.landscape)
    blob = json.dumps(
        [
            board.kind,
            board.data,
            layout.model_dump(mode="json"),
            paper.key(),
            fonts.identity() if fonts_id is None else fonts_id,
            code_version(),
        ],
        ensure_ascii=False,
        sort_keys=True,
        default=_plain,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Settings:
    paper: Paper
    fonts: Fonts
    cache: Path
    preview_width: int | None = None  # also keep a small PNG of this width (the site's previews)


@dataclass
class Rendered:
    """One board after the run: its cached files and whether it was drawn now."""

    board: Board
    key: str
    png: Path
    preview: Path | None
    size: tuple[int, int]
    warnings: list[str]
    fresh: bool
    seconds: float = 0.0

    def page(self, paper: Paper) -> Page:
        return Page(self.png, paper.dpi, paper.bleed_px)


def _paths(cache: Path, key: str) -> dict[str, Path]:
    return {
        "png": cache / f"{key}.png",
        "meta": cache / f"{key}.json",
        "preview": cache / f"{key}-preview.png",
    }


def _preview_only(s: Settings) -> bool:
    """Drawn straight at the preview's size (the site): the preview is the only file kept."""
    return s.preview_width is not None and s.paper.px[0] == s.preview_width


def _cached(board: Board, key: str, s: Settings) -> Rendered | None:
    p = _paths(s.cache, key)
    needed = [p["meta"]] + ([p["preview"]] if s.preview_width else [])
    needed += [] if _preview_only(s) else [p["png"]]
    if not all(x.exists() for x in needed):
        return None
    try:
        meta = json.loads(p["meta"].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    preview = p["preview"] if s.preview_width else None
    png = p["preview"] if _preview_only(s) else p["png"]
    return Rendered(board, key, png, preview, tuple(meta["size"]), meta["warnings"], fresh=False)


def _atomic_png(image: Image.Image, target: Path, dpi: int) -> None:
    with replacing(target) as tmp:
        image.save(tmp, "PNG", dpi=(dpi, dpi), compress_level=6)


def _save_preview(image: Image.Image, target: Path, width: int) -> None:
    """A small PNG for web pages: at this size 32 colours look the same as full colour and
    weigh a sixth (text, rules and flat fills; photos posterise a little, as in any preview)."""
    small = image
    if image.width != width:  # drawn larger than shown: scale down (box-reduce first)
        size = (width, round(image.height * width / image.width))
        small = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    small = small.quantize(32, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    with replacing(target) as tmp:
        small.save(tmp, "PNG", compress_level=6)  # optimize=True: 6× the time for 8% fewer bytes


def _render_job(
    board: Board, key: str, s: Settings
) -> tuple[str, list[str], tuple[int, int], float]:
    """Draw one board and store its files in the cache (runs in a worker process)."""
    start = time.perf_counter()
    layout = layout_for(board.kind, s.paper.landscape)
    image, warnings = render(layout, board.data, s.paper, s.fonts, board.label)
    p = _paths(s.cache, key)
    s.cache.mkdir(parents=True, exist_ok=True)
    if not _preview_only(s):
        _atomic_png(image, p["png"], s.paper.dpi)
    if s.preview_width:
        _save_preview(image, p["preview"], s.preview_width)
    meta = {
        "kind": board.kind,
        "branch": board.branch_id,
        "size": list(image.size),
        "warnings": warnings,
    }
    write_bytes(p["meta"], json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    return key, warnings, image.size, time.perf_counter() - start


Progress = Callable[[int, int, Rendered], None]


def _workers(n_jobs: int, paper: Paper, requested: int | None) -> int:
    if requested:
        return max(1, min(requested, n_jobs))
    w, h = paper.px
    per_job = w * h * 3 * 3  # the page, its copies while encoding
    by_memory = max(1, MEMORY_BUDGET // per_job)
    return max(1, min(n_jobs, cores(), by_memory))


def render_boards(
    boards: Sequence[Board],
    s: Settings,
    progress: Progress | None = None,
    workers: int | None = None,
) -> list[Rendered]:
    """Every board, from the cache or drawn now; results in the order of `boards`."""
    fonts_id = s.fonts.identity()
    keys = [board_key(b, s.paper, s.fonts, fonts_id) for b in boards]
    out: dict[int, Rendered] = {}
    todo: list[int] = []
    done = 0
    for i, (board, key) in enumerate(zip(boards, keys, strict=True)):
        hit = _cached(board, key, s)
        if hit is None:
            todo.append(i)
            continue
        out[i] = hit
        done += 1
        if progress:
            progress(done, len(boards), hit)
    # the same board twice in one run (identical data) is drawn once
    first: dict[str, int] = {}
    for i in todo:
        first.setdefault(keys[i], i)

    def finish(i: int, warnings: list[str], size: tuple[int, int], seconds: float) -> None:
        nonlocal done
        p = _paths(s.cache, keys[i])
        for j in todo:
            if keys[j] == keys[i] and j not in out:
                out[j] = Rendered(
                    boards[j],
                    keys[j],
                    p["preview"] if _preview_only(s) else p["png"],
                    p["preview"] if s.preview_width else None,
                    size,
                    warnings,
                    True,
                    seconds,
                )
                done += 1
                if progress:
                    progress(done, len(boards), out[j])

    unique = sorted(first.values())
    for kind in sorted({boards[i].kind for i in unique}):  # parsed once, before the fork
        layout_for(kind, s.paper.landscape)
    n = _workers(len(unique), s.paper, workers)
    context = fork_context()
    if n <= 1 or context is None or len(unique) < 3:
        for i in unique:
            _, warnings, size, seconds = _render_job(boards[i], keys[i], s)
            finish(i, warnings, size, seconds)
    else:
        with worker_pool(n, context) as pool:
            futures = {pool.submit(_render_job, boards[i], keys[i], s): i for i in unique}
            for fut in as_completed(futures):
                _, warnings, size, seconds = fut.result()
                finish(futures[fut], warnings, size, seconds)
    return [out[i] for i in range(len(boards))]


def planned(boards: Sequence[Board], s: Settings) -> tuple[list[Rendered], list[Board]]:
    """Every board as it will be once drawn, and the boards still to draw (for the site's
    previews, drawn beside page rendering: a preview's size is its paper's, known up front)."""
    if not _preview_only(s):
        raise ValueError("planned() is for previews drawn at their own size")
    out: list[Rendered] = []
    todo: list[Board] = []
    fonts_id = s.fonts.identity()
    for board in boards:
        key = board_key(board, s.paper, s.fonts, fonts_id)
        hit = _cached(board, key, s)
        if hit is None:
            p = _paths(s.cache, key)
            hit = Rendered(board, key, p["preview"], p["preview"], s.paper.px, [], True)
            todo.append(board)
        out.append(hit)
    return out, todo


def pdf_key(pages: Sequence[Rendered], paper: Paper, title: str, when: dt.date) -> str:
    blob = json.dumps(
        [[r.key for r in pages], paper.key(), title, when.isoformat(), code_version()],
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def cached_pdf(pages: Sequence[Rendered], s: Settings, title: str, when: dt.date) -> Path:
    """A PDF of these boards in the cache (assembled from the cached JPEG pages, no redraw)."""
    path = s.cache / f"pdf-{pdf_key(pages, s.paper, title, when)}.pdf"
    if not path.exists():
        write_pdf([r.page(s.paper) for r in pages], path, title, when)
    return path


def copy_if_changed(src: Path, dst: Path) -> None:
    """Copy unless `dst` already has the same bytes (keeps mtimes of unchanged outputs)."""
    if dst.exists() and dst.stat().st_size == src.stat().st_size and _same(src, dst):
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    with replacing(dst) as tmp:
        shutil.copyfile(src, tmp)


def _same(a: Path, b: Path) -> bool:
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


@dataclass
class BranchOutput:
    branch_id: str
    title: str  # for the PDF: the branch name
    boards: list[Rendered]


def write_outputs(
    branches: Sequence[BranchOutput], out: Path, s: Settings, when: dt.date, plaques: bool = True
) -> list[Path]:
    """`out/<id>/<kind>.png`, `out/<id>/<id>.pdf` and (with `plaques`) `out/plaques.pdf`.

    A board a branch no longer has (its groups were removed: no 1+N board) is deleted, so
    the folder never offers a stale file."""
    written = []
    for b in branches:
        folder = out / b.branch_id
        for r in b.boards:
            target = folder / FILES[r.board.kind]
            copy_if_changed(r.png, target)
            written.append(target)
        made = {FILES[r.board.kind] for r in b.boards}
        for name in set(FILES.values()) - made:
            (folder / name).unlink(missing_ok=True)
        pdf = folder / f"{b.branch_id}.pdf"
        copy_if_changed(cached_pdf(b.boards, s, f"{b.title} 展板", when), pdf)
        written.append(pdf)
    pages = [r for b in branches for r in b.boards if r.board.kind == "plaque"]
    if plaques and pages:
        target = out / "plaques.pdf"
        copy_if_changed(cached_pdf(pages, s, "星级铭牌", when), target)
        written.append(target)
    return written


def replace_settings(s: Settings, **changes: Any) -> Settings:
    return dataclasses.replace(s, **changes)
