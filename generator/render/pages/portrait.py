"""`/branches/<id>/portrait/` (支部画像) and `/portrait/` (单位画像, one section per unit).

Numbers come from `score.portrait` and `score.roster`; this module only turns them into SVG
charts and table rows. Applicants appear as counts only.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from markupsafe import Markup

from generator.models import Branch
from generator.render import svg
from generator.render.plan import SitePlan, branch_uri
from generator.score.portrait import Count, Portrait, portrait, tenure_bands
from generator.score.roster import (
    POST_ROLES_SHOWN,
    birthday_calendar,
    birthdays_in,
    pipeline,
    posts_of,
    term_info,
    zone_count,
    zones,
)


@dataclass(frozen=True)
class Chart:
    """An SVG chart and its table fallback (head row + body rows).

    Two charts are HTML, their own data, with no SVG: with `levels` (a shade 0..4 for each
    body cell after the row label) the table is drawn as a heat map; with `meters` (label, value,
    bar length in % of the largest) the chart is a list of bars."""

    id: str
    title: str
    svg: Markup | None
    head: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    levels: tuple[tuple[int, ...], ...] = ()
    meters: tuple[tuple[str, str, float], ...] = ()


def _num(v: float | None, pct: bool = False) -> str:
    if v is None:
        return "—"
    if pct:
        return f"{v * 100:.1f}%"
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


def heat_levels(cells: tuple[tuple[int, ...], ...]) -> tuple[tuple[int, ...], ...]:
    """Shade 0..4 of each count of a heat map (0: none; 4: the busiest quarter and up).

    The heat map is an HTML table whose cells are shaded by CSS (`.sc-heat .h1`..`.h4`): the
    table is both the chart and its data, where an SVG grid had carried the numbers three
    times (cells, <desc>, a fallback table) and was a third of the portrait page."""
    peak = max((v for r in cells for v in r), default=0) or 1
    return tuple(tuple(0 if not v else 1 + min(3, int(3 * v / peak)) for v in r) for r in cells)


def count_chart(cid: str, title: str, counts: tuple[Count, ...], unit: str) -> Chart:
    """Counts as a list of bars: label, bar and number read in order, by eye or screen reader,
    so they need no SVG, <desc> and fallback table (the three of them carried each number
    three times)."""
    peak = max((c.value for c in counts), default=0) or 1
    return Chart(
        cid,
        title,
        None,
        meters=tuple(
            (c.label, f"{_num(c.value)}{unit}", round(100 * c.value / peak, 1)) for c in counts
        ),
    )


def charts(p: Portrait) -> list[Chart]:
    """Every chart of a branch portrait, in page order."""
    out = [
        count_chart("tenure", "党员党龄结构", p.tenure, "人"),
        count_chart("posts", "党员岗位分布", p.posts, "人"),
    ]
    if p.groups:
        out.append(count_chart("groups", "各党小组党员人数", p.groups, "人"))
    h = p.heat
    cols = tuple(f"{m}月" for m in h.months)
    out.append(
        Chart(
            "heat",
            f"{p.year}年活动热力图（类型×月份）",
            None,
            ("活动类型", *cols, "合计"),
            tuple(
                (t, *(str(v) if v else "" for v in row), str(sum(row)))
                for t, row in zip(h.types, h.cells, strict=True)
            ),
            tuple((*shades, 0) for shades in heat_levels(h.cells)),  # 合计 unshaded
        )
    )
    t = p.trend
    series = [(f"{p.year}年", t.rates)]
    prev = p.previous_trend
    if prev is not None:
        series.append(
            (
                f"{prev.year}年",
                tuple(prev.rates[m - 1] if m - 1 < len(prev.rates) else None for m in t.months),
            )
        )
    tcols = tuple(f"{m}月" for m in t.months)
    out.append(
        Chart(
            "attendance",
            "月度平均出席率",
            svg.line_chart("attendance", "月度平均出席率", tcols, series),
            ("月份", *(name for name, _ in series)),
            tuple(
                (c, *(_num(vals[i], pct=True) for _, vals in series)) for i, c in enumerate(tcols)
            ),
        )
    )
    out.append(count_chart("points", f"{p.year}年党员积分分布", p.points_bins, "人"))
    if p.last_year is not None:
        a, b = p.this_year, p.last_year
        types = [x for x in a.by_type] + [x for x in b.by_type if x not in a.by_type]
        rows = [(ty, a.by_type.get(ty, 0), b.by_type.get(ty, 0)) for ty in types]
        names = (f"{a.year}年", f"{b.year}年")
        out.append(
            Chart(
                "years",
                f"{a.year}年与{b.year}年活动对比",
                svg.paired_bars("years", f"{a.year}年与{b.year}年各类活动次数", rows, names),
                ("活动类型", *names),
                tuple((ty, str(x), str(y)) for ty, x, y in rows),
            )
        )
    return out


def year_rows(p: Portrait) -> list[tuple[str, str, str]]:
    """The year against the previous one, figure by figure."""
    a, b = p.this_year, p.last_year

    def pair(f) -> tuple[str, str]:
        return f(a), (f(b) if b is not None else "—")

    star = lambda y: ("未评星" if not y.star else f"{y.star}星") if y.star is not None else "—"  # noqa: E731
    return [
        ("活动次数", *pair(lambda y: str(y.activities))),
        ("党员参加人次", *pair(lambda y: str(y.participations))),
        ("平均出席率", *pair(lambda y: _num(y.attendance, pct=True))),
        ("党员积分合计", *pair(lambda y: _num(y.points))),
        ("星级", *pair(star)),
    ]


def _branch_data(site: SitePlan, b: Branch) -> dict[str, Any]:
    result = site.result(b)
    stars = {c.year: c.star for c in result.history}
    p = portrait(b, site.project.standard, site.year, site.as_of, stars, result.points)
    return {
        "portrait": p,
        "charts": {c.id: c for c in charts(p)},
        "years": year_rows(p),
        "pipeline": pipeline(b),
        "dev_warnings": [w for w in result.warnings if w.ref == "development"],
        "term": term_info(b, site.as_of),
        "calendar": birthday_calendar(b, site.as_of),
        "zones": zones(b),
        "posts": {r: posts_of(b, r) for r in POST_ROLES_SHOWN},
        "zone_count": zone_count(b),
    }


def plan(site: SitePlan) -> None:
    for b in site.published():
        site.add_page(
            branch_uri(b.id, "portrait"),
            "showcase/portrait.html",
            f"{b.profile.name} 支部画像",
            branch=b,
            lazy=functools.partial(_branch_data, site, b),
        )
    plan_units(site)


@dataclass(frozen=True)
class UnitRow:
    branch: Branch
    members: int
    applicants: int
    star: int
    activities: int
    zones: int
    term: str


def plan_units(site: SitePlan) -> None:
    """`/portrait/`: each unit's branches side by side, with the unit's 党龄 structure."""
    published = sorted(site.published(), key=lambda b: (b.profile.unit, b.id))
    units = []
    for unit, group in groupby(published, key=lambda b: b.profile.unit):
        branches = list(group)
        members = tuple(m for b in branches for m in b.members)
        rows = []
        for b in branches:
            t = term_info(b, site.as_of)
            rows.append(
                UnitRow(
                    b,
                    len(b.members),
                    pipeline(b).applicants,
                    site.result(b).scorecard.star,
                    sum(
                        1 for a in b.activities if a.date.year == site.year and a.date <= site.as_of
                    ),
                    zone_count(b),
                    f"{t.status}（{t.month_label}换届）" if t else "未填写任期",
                )
            )
        key = f"unit-{len(units) + 1}"
        tenure = tenure_bands(members, site.as_of)
        chart = count_chart(f"{key}-tenure", f"{unit} 党员党龄结构", tenure, "人")
        month = birthdays_in_unit(branches, site.as_of)
        units.append((key, unit, rows, chart, month))
    site.add_page(
        "portrait/index.md", "showcase/portrait_units.html", "单位画像", in_nav=True, units=units
    )


def birthdays_in_unit(branches: list[Branch], as_of) -> int:
    return sum(len(birthdays_in(b, as_of.year, as_of.month)) for b in branches)
