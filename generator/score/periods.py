"""Calendar periods of an evaluation year: the year's as_of_Y, which months/quarters are due
at it, and labels.

A year Y is judged at as_of_Y = min(as_of, Y+1-01-01) (DATA-FORMAT, rating). A month or
quarter is *due* once its last day is before as_of_Y; the one containing as_of_Y is
*pending* (it can still be made good) and is never reported missing."""

from __future__ import annotations

import datetime as dt
from sys import intern


def month_key(d: dt.date) -> str:
    """Period key of a month, e.g. "2024-06" (the key PointsTable and warnings use). One
    object per key, not one per branch (score/results.py, _share_texts)."""
    return intern(f"{d.year}-{d.month:02d}")


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_key(d: dt.date) -> str:
    """Period key of a quarter, e.g. "2024-Q2"."""
    return intern(f"{d.year}-Q{quarter_of(d)}")


def month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def quarter_end(year: int, quarter: int) -> dt.date:
    return month_end(year, quarter * 3)


def started_months(year: int, as_of: dt.date) -> tuple[int, ...]:
    """Months of `year` whose first day is <= as_of: the months a rule may demand (DATA-FORMAT)."""
    return tuple(m for m in range(1, 13) if dt.date(year, m, 1) <= as_of)


def started_quarters(year: int, as_of: dt.date) -> tuple[int, ...]:
    """Quarters of `year` whose first day is <= as_of."""
    return tuple(q for q in range(1, 5) if dt.date(year, 3 * q - 2, 1) <= as_of)


def ended_months(year: int, as_of: dt.date) -> tuple[int, ...]:
    """Months wholly before as_of: only these raise 预警 (never a month still running)."""
    return tuple(m for m in range(1, 13) if month_end(year, m) < as_of)


def ended_quarters(year: int, as_of: dt.date) -> tuple[int, ...]:
    """Quarters wholly before as_of."""
    return tuple(q for q in range(1, 5) if quarter_end(year, q) < as_of)


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def judged_at(year: int, as_of: dt.date) -> dt.date:
    """as_of_Y: the day a year is judged at. Data dated on or after it does not count."""
    return min(as_of, dt.date(year + 1, 1, 1))


def due_months(year: int, as_of: dt.date) -> tuple[int, ...]:
    """Months of `year` that have ended before as_of_Y: the months a rule may demand."""
    return ended_months(year, judged_at(year, as_of))


def due_quarters(year: int, as_of: dt.date) -> tuple[int, ...]:
    """Quarters of `year` that have ended before as_of_Y."""
    return ended_quarters(year, judged_at(year, as_of))


def pending_period(year: int, as_of: dt.date, unit: str) -> int | None:
    """The month (unit "月") or quarter still running at as_of_Y, if it lies in `year`."""
    at = judged_at(year, as_of)
    if at.year != year:
        return None
    return at.month if unit == "月" else quarter_of(at)


def cutoff(year: int, as_of: dt.date) -> dt.date:
    """Last day whose activities count for `year`: the day before as_of_Y."""
    return judged_at(year, as_of) - dt.timedelta(days=1)


def year_label(year: int, as_of: dt.date) -> str:
    """ "2024年", or "2024年（截至6月14日）" while the year is still running at as_of: the last
    day counted is the day before as_of (data dated on as_of does not count yet)."""
    if as_of > year_end(year):
        return f"{year}年"
    last = as_of - dt.timedelta(days=1)
    if last.year == year:
        return f"{year}年（截至{last.month}月{last.day}日）"
    return f"{year}年（截至{last.isoformat()}）"


def span(nums: tuple[int, ...], unit: str) -> str:
    """ "1–11月" / "第1–3季度" / "3月" for a run of periods starting at 1."""
    if not nums:
        return ""
    if unit == "月":
        return f"{nums[0]}月" if len(nums) == 1 else f"{nums[0]}–{nums[-1]}月"
    return f"第{nums[0]}季度" if len(nums) == 1 else f"第{nums[0]}–{nums[-1]}季度"


def period_name(num: int, unit: str) -> str:
    return f"{num}月" if unit == "月" else f"第{num}季度"
