"""Reviewer pages: `/scorecards/` (dashboard + downloads), `/groups/` (rankings), `/warnings/`."""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from importlib import metadata
from pathlib import Path

import generator.export
from generator.excel import results_book
from generator.export import ROSTER_STAGES, export_results, to_json
from generator.load.wuli import default_wuli
from generator.options import cache_dir
from generator.render.pagecache import link_or_copy
from generator.render.plan import SitePlan
from generator.score.cache import code_digest as score_code
from generator.score.labels import WARNING_KINDS, period_label
from generator.score.periods import month_key, quarter_key
from generator.score.points import published_month
from generator.score.roster import pipeline
from generator.writes import write_bytes

DOWNLOADS = (("json", "results.json"), ("csv", "results.csv"), ("xlsx", "results.xlsx"))


def plan(site: SitePlan) -> None:
    published = site.published()
    rows = [(b, site.result(b)) for b in published]
    stars = Counter(r.scorecard.star for _, r in rows)
    year = str(site.year)
    points = {b.id: sum(r.points.group_total(g.id, year) for g in b.groups) for b, r in rows}
    _downloads(site)
    site.add_page(
        "scorecards/index.md",
        "showcase/dashboard.html",
        "星级评定",
        in_nav=True,
        rows=rows,
        points=points,
        applicants={b.id: pipeline(b).applicants for b, _ in rows},  # 发展党员: counts only
        categories=site.project.standard.categories,
        star_counts=[(s, stars.get(s, 0)) for s in (5, 4, 3, 0)],
        downloads=[(fmt, f"scorecards/{name}") for fmt, name in DOWNLOADS],
    )
    _export_doc(site)
    _rankings(site, rows)
    site.add_page(
        "warnings/index.md",
        "showcase/warnings.html",
        "预警",
        in_nav=True,
        rows=[(b, r) for b, r in rows if r.warnings],
        total=sum(len(r.warnings) for _, r in rows),
    )


def _export_doc(site: SitePlan) -> None:
    """`/scorecards/export/`: the export's fields and columns, with this rulebook's categories."""
    standard = site.project.standard
    hard = Counter(i.category for i in standard.items if not i.optional and not i.is_veto)
    site.add_page(
        "scorecards/export/index.md",
        "showcase/export_doc.html",
        "导出数据说明",
        downloads=[(fmt, f"scorecards/{name}") for fmt, name in DOWNLOADS],
        categories=[(c, hard[c]) for c in standard.categories],
        warning_labels=list(WARNING_KINDS.items()),
        wuli_dimensions=list(default_wuli().dimensions),
        roster_stages=list(ROSTER_STAGES),
    )


def _downloads(site: SitePlan) -> None:
    """The results files for download, cached under a key of everything they are made from
    (every branch's content key, year, as_of, the export code). A new key makes them in the
    background (render/background.py) while MkDocs renders pages: the workbook of a thousand
    branches is ~180,000 rows."""
    key = _export_key(site)
    folder = cache_dir(site.project.root, "exports")
    # No content keys (a portal over shards): nothing tells the files are current, so they
    # are made now, every build (the workbook still reused when JSON and CSV are unchanged).
    paths = {fmt: folder / (key or "unkeyed") / name for fmt, name in DOWNLOADS}
    if key is None:
        _write_exports(site, paths, folder)
    elif not all(p.is_file() for p in paths.values()):
        site.background.run("导出结果文件", lambda: _write_exports(site, paths, folder))
    for fmt, name in DOWNLOADS:
        site.add_file(f"scorecards/{name}", path=paths[fmt])


def _export_key(site: SitePlan) -> str | None:
    keys = site.project.keys
    if not keys or any(b.id not in keys for b in site.project.branches):
        return None
    h = hashlib.sha256(f"{site.year}\0{site.as_of.isoformat()}\0{score_code()}\0".encode())
    h.update(_export_code())
    for b in sorted(site.project.branches, key=lambda b: b.id):
        h.update(f"{b.id}\0{keys[b.id]}\0".encode())
    return h.hexdigest()[:32]


def _export_code() -> bytes:
    """What writes the files: the export code and the workbook writer's version."""
    code = b"".join(Path(m.__file__ or "").read_bytes() for m in (generator.export, results_book))
    return code + metadata.version("xlsxwriter").encode()


def _write_exports(site: SitePlan, paths: dict[str, Path], folder: Path) -> None:
    made = {
        "json": to_json(site.results, site.project, compact=True),
        "csv": export_results(site.results, site.project, "csv"),
    }
    # Most edits (an activity's text) change no figure: the workbook made from the same JSON
    # and CSV is taken again instead of writing ~180,000 rows.
    same = hashlib.sha256(made["json"] + made["csv"] + _export_code()).hexdigest()[:32]
    workbook = folder / f"xlsx-{same}.xlsx"
    if not workbook.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes(workbook, export_results(site.results, site.project, "xlsx"))
    for fmt, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "xlsx":
            link_or_copy(workbook, path)
        else:
            write_bytes(path, made[fmt])
    keep = {next(iter(paths.values())).parent, workbook}
    for old in folder.iterdir():  # the cache stays one site big
        if old not in keep:
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)


def _rankings(site: SitePlan, rows: list) -> None:
    """Group points across all published branches for the last ended month, its quarter and
    year so far, and the rated year, each with its 示范党小组 per branch (every tied group named)."""
    year, month = site.year, published_month(site.as_of)
    # the last ended month (as the 公示栏), its quarter and year so far, and the rated year's 年度总评
    periods = [("月积分", month_key(month)), ("季考核", quarter_key(month))]
    if month.year != year:
        periods.append(("本年累计", str(month.year)))
    periods.append(("年度总评", str(year)))
    tables = []
    for label, period in periods:
        entries = []
        for b, r in rows:
            models = r.model_groups.get(period, ())
            for g in b.groups:
                entries.append((r.points.group_total(g.id, period), b, g, g.id in models))
        entries.sort(key=lambda e: (-e[0], e[1].id, e[2].id))
        models = [
            (b, g) for b, r in rows for gid in r.model_groups.get(period, ()) if (g := b.group(gid))
        ]
        tables.append((label, period, period_label(period), entries, models))
    site.add_page(
        "groups/index.md", "showcase/groups.html", "党小组积分", in_nav=True, tables=tables
    )
