"""What one rule evaluation may look at: a branch seen in one year at that year's as_of_Y."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from generator.models import Activity, Branch, Commitment
from generator.models.records import YearAssessment
from generator.score.periods import judged_at


@dataclass(frozen=True)
class Context:
    """A branch in an evaluation year, judged at `as_of` = as_of_Y = min(as_of, Y+1-01-01).

    Everything is that year's own: activities dated in the year and before as_of_Y (grouped
    by type), the year's commitments and attestations. `group` is set when a `per: group`
    rule narrows the activities to one 党小组's."""

    branch: Branch
    year: int
    as_of: dt.date  # as_of_Y: nothing on or after this day is known to the year's rating
    activities: tuple[Activity, ...]  # sorted by (date, id)
    by_type: dict[str, tuple[Activity, ...]] = field(default_factory=dict)
    commitments: tuple[Commitment, ...] = ()  # the year's
    assessment: YearAssessment = field(default_factory=YearAssessment)
    group: str | None = None

    def of_type(self, kind: str) -> tuple[Activity, ...]:
        return self.by_type.get(kind, ())

    def for_group(self, gid: str) -> Context:
        """The same year seen through one group: only activities that group held."""
        acts = tuple(a for a in self.activities if a.group == gid)
        return dataclasses.replace(self, activities=acts, by_type=_by_type(acts), group=gid)


def _by_type(acts: tuple[Activity, ...]) -> dict[str, tuple[Activity, ...]]:
    groups: dict[str, list[Activity]] = defaultdict(list)
    for a in acts:
        groups[a.type].append(a)
    return {k: tuple(v) for k, v in groups.items()}


def build_context(branch: Branch, year: int, as_of: dt.date) -> Context:
    """Index a branch once per year, so 50-odd rules do not rescan every activity.

    `as_of` may be the site's as_of: the year is judged at as_of_Y whatever is passed."""
    at = judged_at(year, as_of)
    acts = tuple(
        sorted(
            (a for a in branch.activities if a.date.year == year and a.date < at),
            key=lambda a: (a.date, a.id),
        )
    )
    book = branch.commitments
    return Context(
        branch=branch,
        year=year,
        as_of=at,
        activities=acts,
        by_type=_by_type(acts),
        commitments=book.of(year) if book is not None else (),
        assessment=branch.assessment.year(year),
    )
