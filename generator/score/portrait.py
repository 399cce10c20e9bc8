"""支部画像 (branch portrait): who the members are and how the branch's year went, as plain
numbers for charts. Members carry no birth date, so the "age" of a member is the length of
party membership (党龄) from `joined`. Pure functions of (branch, standard, year, as_of).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from generator.models import Branch, Member, Standard
from generator.score.context import build_context
from generator.score.periods import cutoff, started_months
from generator.score.points import points_table
from generator.score.results import PointsTable

# 党龄 bands: (label, lowest whole years, highest whole years exclusive)
TENURE_BANDS = (
    ("5年以下", 0, 5),
    ("5–10年", 5, 10),
    ("10–20年", 10, 20),
    ("20–30年", 20, 30),
    ("30年以上", 30, 200),
)
UNKNOWN = "未填写"
POST_TOP = 8  # posts shown by name; the rest are counted as 其他
POST_ROLES = ("党员示范岗", "党员先锋岗", "党员责任区")


@dataclass(frozen=True)
class Count:
    label: str
    value: float


@dataclass(frozen=True)
class HeatMap:
    """Activities by type (rows) and month (columns) of one year."""

    year: int
    months: tuple[int, ...]
    types: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]  # cells[type][month index]

    @property
    def peak(self) -> int:
        return max((v for row in self.cells for v in row), default=0)

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.cells)


@dataclass(frozen=True)
class Trend:
    """Mean attendance rate by month (None: no activity with attendance that month)."""

    year: int
    months: tuple[int, ...]
    rates: tuple[float | None, ...]


@dataclass(frozen=True)
class YearFigures:
    year: int
    activities: int
    by_type: dict[str, int]
    attendance: float | None  # mean rate over activities that record it
    points: float  # all member points of the year
    participations: int  # member-activity participations
    star: int | None  # None: no scorecard of that year


@dataclass(frozen=True)
class Portrait:
    year: int
    as_of: dt.date
    members: int
    tenure: tuple[Count, ...]
    posts: tuple[Count, ...]
    groups: tuple[Count, ...]
    roles: tuple[Count, ...]
    heat: HeatMap
    trend: Trend
    previous_trend: Trend | None
    points_bins: tuple[Count, ...]
    this_year: YearFigures
    last_year: YearFigures | None


def tenure_years(m: Member, as_of: dt.date) -> int | None:
    """Whole years of party membership at as_of (a 29 February joiner counts from 28 February)."""
    if m.joined is None or m.joined > as_of:
        return None
    years = as_of.year - m.joined.year
    if (as_of.month, as_of.day) < (m.joined.month, m.joined.day):
        years -= 1
    return years


def tenure_bands(members: tuple[Member, ...], as_of: dt.date) -> tuple[Count, ...]:
    counts = Counter()
    for m in members:
        y = tenure_years(m, as_of)
        label = UNKNOWN if y is None else next(lab for lab, lo, hi in TENURE_BANDS if lo <= y < hi)
        counts[label] += 1
    labels = [lab for lab, _, _ in TENURE_BANDS] + ([UNKNOWN] if counts[UNKNOWN] else [])
    return tuple(Count(lab, counts[lab]) for lab in labels)


def post_counts(members: tuple[Member, ...]) -> tuple[Count, ...]:
    counts = Counter(m.post or UNKNOWN for m in members)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    head = [Count(k, v) for k, v in ranked[:POST_TOP]]
    rest = sum(v for _, v in ranked[POST_TOP:])
    return tuple(head + ([Count("其他岗位", rest)] if rest else []))


def group_counts(branch: Branch) -> tuple[Count, ...]:
    counts = Counter(m.group or "" for m in branch.members)
    out = [Count(f"{g.brand}（{g.name}）", counts[g.id]) for g in branch.groups]
    if counts[""]:
        out.append(Count("未编入党小组", counts[""]))
    return tuple(out)


def role_counts(branch: Branch) -> tuple[Count, ...]:
    return tuple(Count(r, sum(1 for m in branch.members if r in m.roles)) for r in POST_ROLES)


def heat_map(acts, standard: Standard, year: int, as_of: dt.date) -> HeatMap:
    """Every rulebook type that occurs in the year, in rulebook order; months started by as_of."""
    months = started_months(year, as_of)
    counts = Counter((a.type, a.date.month) for a in acts)
    present = {a.type for a in acts}
    types = tuple(t for t in standard.activity_types if t in present)
    cells = tuple(tuple(counts[(t, m)] for m in months) for t in types)
    return HeatMap(year, months, types, cells)


def attendance_trend(acts, year: int, as_of: dt.date) -> Trend:
    months = started_months(year, as_of)
    by_month: dict[int, list[float]] = {}
    for a in acts:
        if a.attendance_rate is not None:
            by_month.setdefault(a.date.month, []).append(a.attendance_rate)
    rates = tuple((sum(by_month[m]) / len(by_month[m])) if m in by_month else None for m in months)
    return Trend(year, months, rates)


def points_bins(totals: list[float]) -> tuple[Count, ...]:
    """A histogram of member points with round bin widths (5, 10, 20, 50 ...), about 6 bins."""
    if not totals:
        return ()
    top = max(totals)
    width = next((w for w in (5, 10, 20, 25, 50, 100, 200, 500) if top / w <= 7), 1000)
    bins = int(max(top, 0) // width) + 1
    counts = Counter(min(bins - 1, max(0, int(t // width))) for t in totals)
    return tuple(Count(f"{i * width}–{(i + 1) * width}", counts[i]) for i in range(bins))


def year_figures(
    branch: Branch, standard: Standard, acts, table: PointsTable, year: int, star: int | None
) -> YearFigures:
    rates = [a.attendance_rate for a in acts if a.attendance_rate is not None]
    by_type = Counter(a.type for a in acts)
    return YearFigures(
        year=year,
        activities=len(acts),
        by_type={t: by_type[t] for t in standard.activity_types if by_type[t]},
        attendance=sum(rates) / len(rates) if rates else None,
        points=sum(table.member_total(m.name, str(year)) for m in branch.members),
        participations=sum(len(set(a.participants)) for a in acts),
        star=star,
    )


def portrait(
    branch: Branch,
    standard: Standard,
    year: int,
    as_of: dt.date,
    stars: dict[int, int],
    table: PointsTable | None = None,
) -> Portrait:
    """`stars`: the branch's star by year (from its scorecard history); `table`: the year's
    points when the caller already has them (the score stage computed them once)."""
    table = table or points_table(branch, standard, year, as_of)
    acts = build_context(branch, year, as_of).activities
    totals = [table.member_total(m.name, str(year)) for m in branch.members]
    prev = year - 1
    has_prev = any(a.date.year == prev for a in branch.activities)
    prev_as_of = min(as_of, cutoff(prev, as_of))
    last = None
    previous_trend = None
    if has_prev:
        prev_acts = build_context(branch, prev, prev_as_of).activities
        prev_table = points_table(branch, standard, prev, prev_as_of)
        last = year_figures(branch, standard, prev_acts, prev_table, prev, stars.get(prev))
        previous_trend = attendance_trend(prev_acts, prev, prev_as_of)
    return Portrait(
        year=year,
        as_of=as_of,
        members=len(branch.members),
        tenure=tenure_bands(branch.members, as_of),
        posts=post_counts(branch.members),
        groups=group_counts(branch),
        roles=role_counts(branch),
        heat=heat_map(acts, standard, year, as_of),
        trend=attendance_trend(acts, year, as_of),
        previous_trend=previous_trend,
        points_bins=points_bins(totals),
        this_year=year_figures(branch, standard, acts, table, year, stars.get(year)),
        last_year=last,
    )
