"""`/branches/<id>/groups/<gid>/`: the 1+N micro-brand board (微品牌展板) of one party group.

The branch brand sits at the centre with its N group micro-brands around it; the page of
one group shows its meaning, leader, members, a monthly photo wall and its points month by
month beside the other groups of the branch.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from generator.models import Activity, Branch, Group, Member
from generator.render.plan import SitePlan, branch_uri
from generator.score.labels import period_label
from generator.score.periods import started_months
from generator.score.results import PointsTable
from generator.score.roster import POST_ROLES_SHOWN, zones


@dataclass(frozen=True)
class PhotoMonth:
    key: str  # "2024-06"
    label: str  # "2024年6月"
    shots: tuple[tuple[Activity, str], ...]  # (activity, photo path), in date order


@dataclass(frozen=True)
class PointsRow:
    group: Group
    months: tuple[float, ...]
    total: float


def photo_wall(branch: Branch, gid: str) -> list[PhotoMonth]:
    """Photos of the group's activities by month, newest month first."""
    shots = [(a, p) for a in branch.activities if a.group == gid for p in a.photos]
    by_month = groupby(shots, key=lambda s: (s[0].date.year, s[0].date.month))
    wall = [PhotoMonth(f"{y}-{m:02d}", f"{y}年{m}月", tuple(items)) for (y, m), items in by_month]
    return list(reversed(wall))


def points_rows(
    branch: Branch, table: PointsTable, month_keys: list[str], year: str
) -> list[PointsRow]:
    """Every group of the branch, points per month of the year and the year's total."""
    return [
        PointsRow(
            g, tuple(table.group_total(g.id, k) for k in month_keys), table.group_total(g.id, year)
        )
        for g in branch.groups
    ]


def group_members(branch: Branch, gid: str) -> list[Member]:
    return [m for m in branch.members if m.group == gid]


def plan(site: SitePlan) -> None:
    year = site.year
    month_keys = [f"{year}-{m:02d}" for m in started_months(year, site.as_of)]
    for b in site.published():
        for g in b.groups:
            site.add_page(
                branch_uri(b.id, "groups", g.id),
                "showcase/microbrand.html",
                f"{g.brand} · {b.profile.name}{g.name}",
                branch=b,
                group=g,
                leader=g.leader,
                month_keys=month_keys,
                lazy=functools.partial(_group_data, site, b, g, month_keys),
            )


def _group_data(site: SitePlan, b: Branch, g: Group, month_keys: list[str]) -> dict[str, Any]:
    year = site.year
    result = site.result(b)
    rows = points_rows(b, result.points, month_keys, str(year))
    peak = max((v for r in rows for v in r.months), default=0) or 1
    members = group_members(b, g.id)
    return {
        "members": members,
        "member_points": sorted(
            ((m, result.points.member_total(m.name, str(year))) for m in members),
            key=lambda mp: (-mp[1], mp[0].name),
        ),
        "wall": photo_wall(b, g.id),
        "rows": rows,
        "own": next(r for r in rows if r.group.id == g.id),
        "peak": peak,
        "model_periods": [
            period_label(k) for k, gids in result.model_groups.items() if g.id in gids
        ],
        "zones": [
            z for z in zones(b) if z.group_id == g.id
        ],  # 党员责任区 of the group and its members
        "posts": [(r, [m for m in members if r in m.roles]) for r in POST_ROLES_SHOWN],
    }
