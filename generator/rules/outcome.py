"""What a rule evaluation returns, and the wording and number display every rule shares."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction

from generator.models import Activity
from generator.score.results import Evidence

Value = Fraction | int | str | None


@dataclass(frozen=True)
class Outcome:
    """The result of one rule before it is attached to an item.

    `value` is what was measured, exactly (a Fraction for rates); `display` is how the page
    shows it, rounded so it never contradicts `passed` (see `percent`)."""

    passed: bool
    value: Value
    threshold: str
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    na: bool = False
    na_reason: str = ""
    display: str = ""

    def __post_init__(self) -> None:
        if not self.display and self.value is not None:
            object.__setattr__(self, "display", str(self.value))


def verb(kind: str) -> str:
    """The verb a Chinese sentence uses for an activity type: 召开支委会, 上党课, 开展志愿服务."""
    if kind.endswith("会"):
        return "召开"
    if kind == "党课":
        return "上"
    return "开展"


def exact(x: Fraction | float | int) -> Fraction:
    """A number as an exact fraction; floats from YAML go through their decimal text (0.9 → 9/10)."""
    return x if isinstance(x, Fraction) else Fraction(str(x))


def percent(
    x: Fraction | float, threshold: Fraction | float | None = None, passed: bool | None = None
) -> str:
    """A rate as a percentage with one decimal, e.g. "93.3%".

    Rounded half up, except that it is rounded toward the verdict: a passing value never shows
    below its threshold and a failing one never at or above it (9/10 vs ≥90% → "90.0%", 0.8999
    vs ≥90% failing → "89.9%"). Without a verdict, `passed` is taken as x >= threshold."""
    v = exact(x) * 1000
    shown = math.floor(v + Fraction(1, 2))
    if threshold is not None:
        t = exact(threshold) * 1000
        ok = v >= t if passed is None else passed
        if ok and shown < t:
            shown = math.ceil(v)
        elif not ok and shown >= t:
            shown = math.floor(v) if math.floor(v) < t else math.ceil(t) - 1
    return f"{shown // 10}.{shown % 10}%"


def rate_word(x: Fraction | float) -> str:
    """A threshold in words, as few digits as it needs: 0.9 → "90%", 0.875 → "87.5%"."""
    v = exact(x) * 100
    if v.denominator == 1:
        return f"{v.numerator}%"
    return f"{float(v):g}%"


def last_day(as_of: dt.date) -> str:
    """The last day a year's data covers, for "截至 …": the day before as_of_Y."""
    return (as_of - dt.timedelta(days=1)).isoformat()


def reached(ok: bool) -> str:
    return "达到" if ok else "未达到"


def activity_evidence(a: Activity, extra: str = "") -> Evidence:
    return Evidence(kind="activity", ref=a.id, label=f"{a.date.isoformat()} {a.type}{extra}")


def dedup(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(evidence))
