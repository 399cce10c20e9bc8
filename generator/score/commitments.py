"""Public commitments (公开承诺): status of each and the year's summary for 承诺践诺 boards."""

from __future__ import annotations

import datetime as dt

from generator.models import Branch, Commitment
from generator.score.periods import judged_at
from generator.score.results import CommitmentSummary

FULFILLED, IN_PROGRESS, OVERDUE = "已践诺", "进行中", "逾期"


def year_commitments(branch: Branch, year: int) -> tuple[Commitment, ...]:
    """The year's commitments (either form of commitments.yml)."""
    book = branch.commitments
    return book.of(year) if book is not None else ()


def statuses(branch: Branch, year: int, as_of: dt.date) -> tuple[tuple[Commitment, str], ...]:
    """Each of the year's commitments with 已践诺 / 进行中 / 逾期 at the year's as_of_Y."""
    at = judged_at(year, as_of)
    return tuple((c, c.status(at)) for c in year_commitments(branch, year))


def who_name(branch: Branch, who: str) -> str:
    """Who made a commitment, in a word: 支部, the group's name, or the member as written."""
    if who == "branch":
        return "支部"
    group = branch.group(who)
    return group.name if group else who


def summarize(branch: Branch, year: int, as_of: dt.date) -> CommitmentSummary:
    """Totals for the year; every commitment is in exactly one of the three states."""
    states = [s for _, s in statuses(branch, year, as_of)]
    return CommitmentSummary(
        total=len(states),
        fulfilled=states.count(FULFILLED),
        overdue=states.count(OVERDUE),
        in_progress=states.count(IN_PROGRESS),
    )
