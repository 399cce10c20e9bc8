"""Reviewer pages: `/scorecards/` (dashboard + downloads), `/groups/` (rankings), `/warnings/`."""

from __future__ import annotations

import hashlib
from collections import Counter

from generator.export import ROSTER_STAGES
from generator.load.wuli import default_wuli
from generator.options import cache_dir
from generator.render.exports import export_code, export_job, write_exports
from generator.render.plan import SitePlan
from generator.score.cache import code_digest as score_code
from generator.score.labels import WARNING_KINDS, period_label
from generator.score.periods import month_key, quarter_key
from generator.score.points import published_month
from generator.score.roster import pipeline

# (format, file under scorecards/, button label); the JSON zipped (render/exports.py says why)
DOWNLOADS = (
    ("json", "results.json.zip", "JSON（ZIP 压缩）"),
    ("csv", "results.csv", "CSV"),
    ("xlsx", "results.xlsx", "Excel"),
)
DOWNLOAD_LINKS = [(label, f"scorecards/{name}") for _, name, label in DOWNLOADS]


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
        downloads=DOWNLOAD_LINKS,
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
        downloads=DOWNLOAD_LINKS,
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
    paths = {fmt: folder / (key or "unkeyed") / name for fmt, name, _ in DOWNLOADS}
    if key is None:
        write_exports(site.results, site.project, paths, folder)
    elif not all(p.is_file() for p in paths.values()):
        root = site.project.root
        job = export_job(
            site.results,
            site.project,
            cache_dir(root, "branches"),
            cache_dir(root, "scores"),
            paths,
            folder,
        )
        if job is not None:  # in a new interpreter, from the caches (render/exports.py)
            site.background.run("导出结果文件", job.run, fresh=True)
        else:
            site.background.run(
                "导出结果文件", lambda: write_exports(site.results, site.project, paths, folder)
            )
    for fmt, name, _ in DOWNLOADS:
        site.add_file(f"scorecards/{name}", path=paths[fmt])


def _export_key(site: SitePlan) -> str | None:
    keys = site.project.keys
    if not keys or any(b.id not in keys for b in site.project.branches):
        return None
    h = hashlib.sha256(f"{site.year}\0{site.as_of.isoformat()}\0{score_code()}\0".encode())
    h.update(export_code())
    for b in sorted(site.project.branches, key=lambda b: b.id):
        h.update(f"{b.id}\0{keys[b.id]}\0".encode())
    return h.hexdigest()[:32]


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
