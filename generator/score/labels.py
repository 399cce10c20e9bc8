"""The star vocabulary, defined once: what a star level, a warning kind, a period key and a
progress status are called in every output (pages, boards, badge, exports).

Tier names (达标级/先进级/标杆级 in the default rulebook) are never written here: they come
from the rulebook in use, so a site whose rulebook calls tier 4 "良好" shows "四星·良好"
everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

STAR_DIGITS = {3: "三", 4: "四", 5: "五"}
NO_STAR = "未评星"
VETOED = "一票否决"

# 预警 kinds: internal code -> what a person reads (pages, exports, boards).
WARNING_KINDS: dict[str, str] = {
    "term_expired": "换届逾期",
    "term_expiring": "换届提醒",
    "org_life_gap": "组织生活缺失",
    "progress_behind": "进度落后",
    "commitment_overdue": "承诺逾期",
    "low_attendance": "出席率偏低",
    "stale_data": "数据未更新",
    "probation_due": "转正提醒",  # 发展党员 warnings: counts only, no names
    "probation_overdue": "转正逾期",
    "activist_short": "发展程序",
}

# Progress of the running year (进度), best first.
MET, ON_TRACK, PENDING, BEHIND = "已达标", "按进度", "待评定", "落后"
PROGRESS_STATUSES = (MET, ON_TRACK, PENDING, BEHIND)


class _Tier(Protocol):
    name: str


def star_word(star: int) -> str:
    """ "四星", or 未评星 for no star."""
    return f"{STAR_DIGITS[star]}星" if star in STAR_DIGITS else NO_STAR


def tier_name(tiers: Mapping[int, _Tier], star: int) -> str:
    """The rulebook's name of a tier ("" for no star or a tier the rulebook lacks)."""
    tier = tiers.get(star)
    return tier.name if tier is not None else ""


def star_label(star: int, name: str = "") -> str:
    """ "四星·良好" with the rulebook's tier name, "四星" without one, 未评星 for 0."""
    if star not in STAR_DIGITS:
        return NO_STAR
    return f"{star_word(star)}·{name}" if name else star_word(star)


def warning_label(kind: str) -> str:
    return WARNING_KINDS.get(kind, kind)


_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def period_label(key: str) -> str:
    """ "2024-Q2" -> 2024年第2季度, "2024-06" -> 2024年6月, "2024" -> 2024年; else unchanged."""
    if m := _QUARTER.match(key):
        return f"{m[1]}年第{m[2]}季度"
    if m := _MONTH.match(key):
        return f"{m[1]}年{int(m[2])}月"
    if key.isdigit() and len(key) == 4:
        return f"{key}年"
    return key
