"""`/boards/`: every published branch's display boards — previews, PNG and PDF downloads.

MkDocs cannot pick up files that `showcase boards` writes later, so the site build renders
its own set in the default size (A3 portrait) at screen resolution (150 dpi keeps builds
fast) through the same content-hash cache, and plans the cached files as site files under
`boards/<id>/`. Print resolution, other sizes and bleed are `showcase boards`' job; its
default output (`<site_dir>/boards/`) replaces these files with print-ready ones in place.
"""

from __future__ import annotations

import logging

from generator.options import cache_dir
from generator.print import all_boards
from generator.print.boards import FILES, TITLES
from generator.print.build import BranchOutput, Rendered, Settings, cached_pdf, render_boards
from generator.print.fonts import FontNotFound, find_fonts
from generator.print.paper import Paper
from generator.render.plan import SitePlan

log = logging.getLogger("mkdocs.plugins.showcase")

SITE_PAPER = Paper("A3", landscape=False, dpi=150)
PREVIEW_WIDTH = 480  # px; shown at half that on the page, sharp on high-density screens
SHOWN_WIDTH = PREVIEW_WIDTH // 2


def _files(site: SitePlan, branch_id: str, rendered: list[Rendered]) -> list[dict[str, str | int]]:
    out: list[dict[str, str | int]] = []
    for r in rendered:
        name = FILES[r.board.kind]
        png = f"boards/{branch_id}/{name}"
        preview = f"boards/{branch_id}/{name.removesuffix('.png')}-preview.png"
        site.add_file(png, path=r.png)
        site.add_file(preview, path=r.preview)
        width, height = r.size
        out.append(
            {
                "kind": r.board.kind,
                "title": TITLES[r.board.kind],
                "png": png,
                "preview": preview,
                # the <img> size: reserves the board's shape before the lazy preview loads
                "width": SHOWN_WIDTH,
                "height": round(height * SHOWN_WIDTH / width),
            }
        )
    return out


def plan(site: SitePlan) -> None:
    published = site.published()
    rows: list[dict] = []
    note = ""
    plaques = None
    if published:
        try:
            fonts = find_fonts()
        except FontNotFound as exc:
            log.warning(f"showcase: {exc.message}；展板页暂不提供预览与下载")
            note = exc.message
        else:
            settings = Settings(
                SITE_PAPER,
                fonts,
                cache_dir(site.project.root, "boards"),
                PREVIEW_WIDTH,
            )
            per_branch = all_boards(published, site.results, site.site_url)
            flat = [b for bs in per_branch.values() for b in bs]
            rendered = render_boards(flat, settings)
            made = sum(r.fresh for r in rendered)
            if made:
                log.info(f"showcase: 生成展板 {made} 张（其余取自缓存）")
            for w in dict.fromkeys(w for r in rendered for w in r.warnings):
                log.warning(f"showcase: 展板 {w}")
            by_id: dict[str, list[Rendered]] = {}
            for r in rendered:
                by_id.setdefault(r.board.branch_id, []).append(r)
            outputs = [BranchOutput(b.id, b.profile.name, by_id[b.id]) for b in published]
            for b, out in zip(published, outputs, strict=True):
                pdf = f"boards/{b.id}/{b.id}.pdf"
                site.add_file(
                    pdf, path=cached_pdf(out.boards, settings, f"{b.profile.name} 展板", site.as_of)
                )
                rows.append(
                    {
                        "branch": b,
                        "result": site.result(b),
                        "boards": _files(site, b.id, out.boards),
                        "pdf": pdf,
                    }
                )
            plaque_pages = [r for out in outputs for r in out.boards if r.board.kind == "plaque"]
            plaques = "boards/plaques.pdf"
            site.add_file(plaques, path=cached_pdf(plaque_pages, settings, "星级铭牌", site.as_of))
    site.add_page(
        "boards/index.md",
        "showcase/boards.html",
        "展板下载",
        in_nav=True,
        rows=rows,
        plaques=plaques,
        note=note,
        paper=SITE_PAPER.label(),
        has_site_url=bool(site.site_url),
    )
