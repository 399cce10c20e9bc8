"""Member and group points (党员积分/党小组积分) by month, quarter and year; 示范党小组."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from generator.models import Activity, Adjustment, Branch, Standard
from generator.score.context import build_context
from generator.score.periods import (
    judged_at,
    month_key,
    quarter_key,
    started_months,
    started_quarters,
)
from generator.score.results import PointsTable

Table = dict[str, dict[str, float]]


@lru_cache(maxsize=64)
def periods(year: int, as_of: dt.date) -> tuple[str, ...]:
    """Every period key a row carries: the year, then its started quarters and months. The
    same objects for every branch: they key every branch's points tables."""
    qs = tuple(f"{year}-Q{q}" for q in started_quarters(year, as_of))
    ms = tuple(f"{year}-{m:02d}" for m in started_months(year, as_of))
    return (str(year), *qs, *ms)


def _add(table: Table, key: str, keys: tuple[str, ...], a: Activity, amount: float) -> None:
    row = table.setdefault(key, {})
    for period in (str(a.date.year), quarter_key(a.date), month_key(a.date)):
        row[period] = row.get(period, 0) + amount
    for period in keys:
        row.setdefault(period, 0)


def _sorted(table: Table) -> Table:
    return {k: dict(sorted(v.items())) for k, v in sorted(table.items())}


def adjustment_points(standard: Standard, adj: Adjustment) -> int | float:
    """An `adjust:` entry's points: its own, else the rulebook's 正面/负面清单 entry for its reason."""
    if adj.points is not None:
        return adj.points
    return standard.listed_points(adj.reason) or 0


def points_table(branch: Branch, standard: Standard, year: int, as_of: dt.date) -> PointsTable:
    """Per activity of the year before as_of_Y: each participant gets `member`, the holding
    group `group`, and the activity-wide `points` is added to both; each `adjust:` entry goes
    to the one member or group it names. Zero rows are kept so a group with no activity
    still shows on the notice board."""
    keys = periods(year, as_of)
    groups: Table = {g.id: dict.fromkeys(keys, 0) for g in branch.groups}
    members: Table = {m.name: dict.fromkeys(keys, 0) for m in branch.members}
    for a in build_context(branch, year, as_of).activities:
        rule = standard.points.get(a.type)
        manual = a.points or 0
        for name in dict.fromkeys(a.participants):  # a name listed twice still earns once
            _add(members, name, keys, a, (rule.member if rule else 0) + manual)
        if a.group:
            _add(groups, a.group, keys, a, (rule.group if rule else 0) + manual)
        for adj in a.adjust:
            target = groups if branch.group(adj.who) is not None else members
            _add(target, adj.who, keys, a, adjustment_points(standard, adj))
    return PointsTable(groups=_sorted(groups), members=_sorted(members))


def published_month(as_of: dt.date) -> dt.date:
    """The month whose points are published at as_of: the last month that has ended (its
    first day). A month's 积分 and its 示范党小组 are settled once it is over, as the 公示栏
    posts them; on 15 January that is December of the year before."""
    return (as_of.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def point_years(year: int, as_of: dt.date) -> tuple[int, ...]:
    """The years a branch's points are kept for: the rated year, the published month's year
    and the running year (their period keys never clash)."""
    return tuple(sorted({year, published_month(as_of).year, as_of.year}))


def years_points_table(
    branch: Branch, standard: Standard, years: Iterable[int], as_of: dt.date
) -> PointsTable:
    """One table holding several years' periods (their keys never clash), each year judged at
    its as_of_Y: the rated year for its rankings, the running year for this month's 公示栏."""
    groups: Table = {}
    members: Table = {}
    for y in sorted(set(years)):
        t = points_table(branch, standard, y, judged_at(y, as_of))
        for into, part in ((groups, t.groups), (members, t.members)):
            for key, row in part.items():
                into.setdefault(key, {}).update(row)
    return PointsTable(groups=_sorted(groups), members=_sorted(members))


def model_groups(table: PointsTable, keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """示范党小组 per period: every group with the period's most points (all tied groups are
    named, by id); none when nobody scored above zero."""
    out: dict[str, tuple[str, ...]] = {}
    for key in keys:
        ranking = table.ranking(key)
        if ranking and ranking[0][1] > 0:
            top = ranking[0][1]
            out[key] = tuple(gid for gid, pts in ranking if pts == top)
    return out


def year_model_groups(table: PointsTable, year: int, as_of: dt.date) -> dict[str, tuple[str, ...]]:
    """Model groups of the year (年度总评), its started quarters and its started months; a
    running quarter or month shows its leader so far. Keys as in PointsTable."""
    return model_groups(table, periods(year, as_of))
