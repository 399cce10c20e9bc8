"""Result types of the score stage: plain frozen data, read by pages, boards and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from sys import intern
from typing import Any


def _share_texts(obj: Any, names: tuple[str, ...]) -> None:
    """Equal texts are one object. Thresholds, evidence labels, explanations and warnings
    repeat from branch to branch ("支委会成员：5 人"); made anew for each, they were ~95 % of
    the results' text: ~60 MB of equal copies at a thousand branches, in the build and
    again in the exports' process. Only the fields made per branch are looked at (rule
    texts are the rulebook's own objects already). The objects are frozen: set once, while
    being made."""
    for name in names:
        value = getattr(obj, name)
        if type(value) is str:
            object.__setattr__(obj, name, intern(value))


@dataclass(frozen=True, slots=True)
class Evidence:
    """What proves an item: an activity (by id), a file in the branch folder, or a data field."""

    kind: str  # "activity" | "file" | "field" | "note"
    ref: str  # activity id, relative file path, or field name
    label: str  # what a person reads, e.g. "2024-03-05 支委会"

    def __post_init__(self) -> None:
        _share_texts(self, ("ref", "label"))


@dataclass(frozen=True, slots=True)
class ItemResult:
    id: str
    category: str
    tier: int
    optional: bool
    text: str
    passed: bool
    na: bool = False  # 不适用: passes while valid, never counts toward min_optional
    na_reason: str = ""
    value: Fraction | int | str | None = None  # what was measured, exactly (rates as fractions)
    display: str = ""  # `value` as shown: a rate as "93.3%", rounded never across the threshold
    threshold: str = ""  # what was required, in words, e.g. "每月 ≥1 次"
    explanation: str = ""  # one Chinese sentence a reviewer can verify
    evidence: tuple[Evidence, ...] = ()
    veto: bool = False  # the 一票否决 item, shown apart
    how: str = ""  # 考核方式 from the rulebook, shown beside the explanation

    def __post_init__(self) -> None:
        _share_texts(self, ("value", "display", "threshold", "explanation"))


@dataclass(frozen=True, slots=True)
class CategoryCount:
    """Hard (required, non-veto) items passed/total; optional 自选题 counted apart."""

    name: str
    passed: int
    total: int
    optional_passed: int = 0  # earned, i.e. passing and not N/A
    optional_total: int = 0


@dataclass(frozen=True, slots=True)
class Scorecard:
    """One branch, one year, one rulebook version."""

    branch_id: str
    year: int
    as_of: dt.date
    standard_name: str
    standard_version: str
    star: int  # 0, 3, 4 or 5
    vetoed: bool
    veto_reason: str
    items: tuple[ItemResult, ...]
    categories: tuple[CategoryCount, ...]
    next_star: int | None  # None at 5 stars or when vetoed
    # ids of the failing required items standing between star and next (自选题 gap: below)
    missing_for_next: tuple[str, ...]
    missing_optional_for_next: int = 0  # how many more passing optional items the next star needs
    star_name: str = ""  # the tier's name in the rulebook (达标级/先进级/标杆级), "" for no star


@dataclass(frozen=True, slots=True)
class Warning_:
    """预警. kind: org_life_gap | term_expiring | term_expired | commitment_overdue |
    low_attendance | stale_data."""

    kind: str
    message: str
    date: dt.date | None = None
    ref: str = ""  # activity id, commitment index, month "2024-06", ...

    def __post_init__(self) -> None:
        _share_texts(self, ("message", "ref"))


@dataclass(frozen=True, slots=True)
class PointsTable:
    """Points by period; periods are "2024-06" (month), "2024-Q2" (quarter), "2024" (year)."""

    groups: dict[str, dict[str, int | float]]  # group id -> period -> points
    members: dict[str, dict[str, int | float]]  # member name -> period -> points

    def group_total(self, gid: str, period: str) -> float:
        return self.groups.get(gid, {}).get(period, 0)

    def member_total(self, name: str, period: str) -> float:
        return self.members.get(name, {}).get(period, 0)

    def ranking(self, period: str, of: str = "groups") -> list[tuple[str, float]]:
        """Highest first; ties broken by id/name so output is deterministic."""
        table = self.groups if of == "groups" else self.members
        rows = ((k, v.get(period, 0)) for k, v in table.items())
        return sorted(rows, key=lambda kv: (-kv[1], kv[0]))


@dataclass(frozen=True, slots=True)
class CommitmentSummary:
    total: int
    fulfilled: int
    overdue: int
    in_progress: int

    @property
    def rate(self) -> float | None:
        return self.fulfilled / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class MemberScore:
    """五力: one member's dimension scores (score/wuli.py)."""

    name: str
    group: str
    dims: dict[str, float]  # dimension -> 0..100
    total: float
    raw: dict[str, float]  # indicator id -> counted value
    rank: int = 0


@dataclass(frozen=True, slots=True)
class GroupScore:
    id: str
    name: str
    score: float
    members: int
    rank: int = 0


@dataclass(frozen=True, slots=True)
class WuliResult:
    model: str
    version: str
    weights: dict[str, float]
    members: tuple[MemberScore, ...]  # ranked
    groups: tuple[GroupScore, ...]  # ranked
    averages: dict[str, float]  # dimension -> branch mean


@dataclass(frozen=True, slots=True)
class BranchResult:
    """Everything computed for one branch: the year's scorecard, history, points, warnings."""

    branch_id: str
    scorecard: Scorecard
    history: tuple[Scorecard, ...]  # one per year with data, oldest first (includes `scorecard`)
    points: PointsTable
    # 示范党小组: period ("2024", "2024-Q2", "2024-06") -> every group with the most points
    model_groups: dict[str, tuple[str, ...]]
    warnings: tuple[Warning_, ...]
    commitments: CommitmentSummary
    progress: Progress | None = None  # the running year (进度), see score/progress.py
    wuli: WuliResult | None = None  # 五力 of the rated year at the scorecard's as_of (exports)


@dataclass(frozen=True, slots=True)
class Results:
    standard_name: str
    standard_version: str
    year: int
    as_of: dt.date
    branches: dict[str, BranchResult] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ItemProgress:
    """One item in the running year: 已达标 / 按进度 / 落后 / 待评定 against a pro-rated need."""

    id: str
    category: str
    tier: int
    optional: bool
    text: str
    status: str  # one of labels.PROGRESS_STATUSES
    value: float | int | str | None  # what was measured so far
    required_so_far: float | int | str | None  # the pro-rated requirement (number or words)
    explanation: str = ""
    veto: bool = False
    display: str = ""  # value as a person reads it: "3 次", "88.8%", "5/5 个月"
    required_display: str = ""  # the requirement so far in words: "≥2 次", "≥90%"

    def __post_init__(self) -> None:
        _share_texts(
            self, ("value", "required_so_far", "explanation", "display", "required_display")
        )


@dataclass(frozen=True, slots=True)
class Progress:
    """The running year (the year containing as_of) of one branch, item by item."""

    year: int
    as_of: dt.date
    ended_months: int  # months of `year` wholly before as_of: what the requirement is pro-rated by
    items: tuple[ItemProgress, ...] = ()

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def behind(self) -> tuple[ItemProgress, ...]:
        return tuple(i for i in self.items if i.status == "落后")
