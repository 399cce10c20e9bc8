"""`/boards/`: every published branch's brand board as a light preview, and the names of
its other boards.

The site build does only what the site shows: a preview of each branch's brand board (展板,
the face of its brand), drawn straight at a low resolution (A3 at PREVIEW_DPI, 362 px wide)
through the content-hash cache, kept as a small 32-colour PNG. One preview, not one per
board: at a thousand branches the other three cost ~57 s of CPU in a cold build and 40 KiB
of site per branch, to show what `showcase boards` prints anyway. Print resolution, other
sizes, bleed, PNG and PDF files belong to `showcase boards`, which renders on every core;
the page says how to run it. (Rendering print boards for every branch in every build cost
3 MB of site and most of a cold build.)
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import partial

from generator.models import Branch
from generator.options import cache_dir
from generator.print import branch_url
from generator.print.boards import FILES, TITLES, Board, brand_board, kinds_for
from generator.print.build import Rendered, Settings, code_version, planned, render_boards
from generator.print.fonts import FontNotFound, find_fonts
from generator.print.paper import Paper
from generator.render.plan import SitePlan
from generator.score.cache import code_digest as score_code
from generator.writes import read_memo, write_memo

log = logging.getLogger("mkdocs.plugins.showcase")

# Drawn straight at the preview's size: A3 portrait at 31 dpi is 362 × 513 px, shown at 240
# CSS px and still sharp at 1.5× screen density. Text and hairlines drawn at this size stay
# crisper than a larger drawing scaled down, and no resize is needed (about 12% less CPU per
# preview; text layout, the same at any size, is most of a board's drawing time).
PREVIEW_DPI = 31
PREVIEW_PAPER = Paper("A3", landscape=False, dpi=PREVIEW_DPI)
PREVIEW_WIDTH = PREVIEW_PAPER.px[0]
SHOWN_WIDTH = 240
PREVIEWED = "brand"  # the one board kind the site previews


def _files(site: SitePlan, branch_id: str, rendered: list[Rendered]) -> list[dict[str, str | int]]:
    out: list[dict[str, str | int]] = []
    for r in rendered:
        assert r.preview is not None  # Settings asked for previews
        name = FILES[r.board.kind]
        preview = f"boards/{branch_id}/{name.removesuffix('.png')}-preview.png"
        site.add_file(preview, path=r.preview)
        width, height = r.size
        out.append(
            {
                "kind": r.board.kind,
                "title": TITLES[r.board.kind],
                "file": name,
                "preview": preview,
                # the <img> size: reserves the board's shape before the lazy preview loads
                "width": SHOWN_WIDTH,
                "height": round(height * SHOWN_WIDTH / width),
            }
        )
    return out


class _Memo:
    """Which previews a branch has, by what made them (the branch's content key, year, as_of,
    site_url, the scoring and print code, paper and fonts): a rebuild finds an unchanged
    branch's previews without working out its board data (brand_board, ~1 ms a branch)."""

    def __init__(self, site: SitePlan, settings: Settings):
        self.site, self.settings = site, settings
        self.path = settings.cache / "previews.json"
        self.saved = read_memo(self.path)
        self.keys = {b.id: self._key(b) for b in site.published()}

    def _key(self, b: Branch) -> str | None:
        content = self.site.project.keys.get(b.id)
        if content is None:
            return None
        s = self.settings
        raw = json.dumps(
            [content, self.site.year, self.site.as_of.isoformat(), self.site.site_url,
             score_code(), code_version(), s.paper.key(), s.fonts.identity()],
            default=str,
        )  # fmt: skip
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    def known(self) -> dict[str, list[Rendered]]:
        out: dict[str, list[Rendered]] = {}
        for bid, key in self.keys.items():
            entry = self.saved.get(key) if key else None
            if not isinstance(entry, list):
                continue
            previews = [
                Rendered(
                    Board(kind, bid, {}), board, p, p, self.settings.paper.px, list(warnings), False
                )
                for kind, board, warnings in entry
                if kind == PREVIEWED
                and (p := self.settings.cache / f"{board}-preview.png").is_file()
            ]
            if previews and len(previews) == sum(kind == PREVIEWED for kind, _, _ in entry):
                out[bid] = previews
        return out

    def save(self, by_id: dict[str, list[Rendered]]) -> None:
        """Remember the branches whose previews all exist (fresh ones: next time, with the
        warnings their drawing found)."""
        keep = {
            key: [[r.board.kind, r.key, r.warnings] for r in by_id[bid]]
            for bid, key in self.keys.items()
            if key and bid in by_id and not any(r.fresh for r in by_id[bid])
        }
        write_memo(self.path, keep, self.saved)


def _draw(boards: list[Board], settings: Settings) -> None:
    for w in dict.fromkeys(w for r in render_boards(boards, settings) for w in r.warnings):
        log.warning(f"showcase: 展板 {w}")


def plan(site: SitePlan) -> None:
    published = site.published()
    rows: list[dict] = []
    note = ""
    if published:
        try:
            fonts = find_fonts()
        except FontNotFound as exc:
            log.warning(f"showcase: {exc.message}；展板页暂不提供预览")
            note = exc.message
        else:
            settings = Settings(
                PREVIEW_PAPER, fonts, cache_dir(site.project.root, "boards"), PREVIEW_WIDTH
            )
            memo = _Memo(site, settings)
            by_id = memo.known()
            rest = [b for b in published if b.id not in by_id]
            boards = [brand_board(b, site.result(b), branch_url(site.site_url, b.id)) for b in rest]
            rendered, todo = planned(boards, settings)
            if todo:
                # drawn beside page rendering (render/background.py); linked in at the end
                log.info(f"showcase: 生成展板预览 {len(todo)} 张（其余取自缓存）")
                # fresh: the boards carry their data, the child none of this process's memory
                site.background.run("生成展板预览", partial(_draw, todo, settings), fresh=True)
            for r in rendered:
                by_id.setdefault(r.board.branch_id, []).append(r)
            memo.save(by_id)
            for w in dict.fromkeys(w for b in published for r in by_id[b.id] for w in r.warnings):
                log.warning(f"showcase: 展板 {w}")
            for b in published:
                rows.append(
                    {
                        "branch": b,
                        "result": site.result(b),
                        "boards": _files(site, b.id, by_id[b.id]),
                        "others": [
                            {"title": TITLES[k], "file": FILES[k]}
                            for k in kinds_for(b)
                            if k != PREVIEWED
                        ],
                    }
                )
    site.add_page(
        "boards/index.md",
        "showcase/boards.html",
        "展板下载",
        in_nav=True,
        rows=rows,
        note=note,
        has_site_url=bool(site.site_url),
    )
