"""党建看板 content: 支部动态, 党务公开 and 活动感悟 at as_of (for the page and the board)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.models import Activity, Branch
from generator.models.notices import Notice, Reflection

LATEST = 8  # 支部动态 shown
REFLECTIONS = 8  # 活动感悟 shown


@dataclass(frozen=True)
class Thought:
    activity: Activity
    reflection: Reflection


def news(branch: Branch, as_of: dt.date, n: int = LATEST) -> list[Activity]:
    """The n latest activities up to as_of, newest first (a future-dated entry is not news)."""
    past = [a for a in branch.activities if a.date <= as_of]
    return list(reversed(past[-n:]))


def notices(branch: Branch, as_of: dt.date) -> list[Notice]:
    """Notices on the board at as_of, newest first."""
    return sorted(
        (x for x in branch.notices if x.shown(as_of)), key=lambda x: (x.date, x.id), reverse=True
    )


def thoughts(branch: Branch, as_of: dt.date, n: int = REFLECTIONS) -> list[Thought]:
    """The latest reflections, newest activity first, in the order written."""
    out: list[Thought] = []
    for a in reversed([a for a in branch.activities if a.date <= as_of]):
        out += [Thought(a, r) for r in a.reflections]
        if len(out) >= n:
            break
    return out[:n]
