"""What one rule evaluation may look at: a branch seen at (year, as_of), indexed once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from generator.models import Activity, Branch, Commitment
from generator.models.records import YearAssessment
from generator.score.periods import cutoff


@dataclass(frozen=True)
class Context:
    """A branch at an evaluation year and date; activities are pre-filtered and grouped by type."""

    branch: Branch
    year: int
    as_of: dt.date
    activities: tuple[Activity, ...]  # the year's, dated <= as_of, sorted by (date, id)
    by_type: dict[str, tuple[Activity, ...]] = field(default_factory=dict)
    commitments: tuple[Commitment, ...] = ()  # the year's (commitments.yml year == year)
    # commitments.yml holds one year; once it has moved on to a later year, this year's
    # commitments are no longer on record (history), which is not the same as having none.
    commitments_on_file: int | None = None

    @property
    def commitments_superseded(self) -> bool:
        return self.commitments_on_file is not None and self.commitments_on_file > self.year
    assessment: YearAssessment = field(default_factory=YearAssessment)

    def of_type(self, kind: str) -> tuple[Activity, ...]:
        return self.by_type.get(kind, ())


def build_context(branch: Branch, year: int, as_of: dt.date) -> Context:
    """Index a branch once per (year, as_of), so 50-odd rules do not rescan every activity."""
    last = cutoff(year, as_of)
    acts = tuple(
        sorted(
            (a for a in branch.activities if a.date.year == year and a.date <= last),
            key=lambda a: (a.date, a.id),
        )
    )
    groups: dict[str, list[Activity]] = defaultdict(list)
    for a in acts:
        groups[a.type].append(a)
    c = branch.commitments
    commitments = c.items if c is not None and c.year == year else ()
    return Context(
        branch=branch,
        year=year,
        as_of=as_of,
        activities=acts,
        by_type={k: tuple(v) for k, v in groups.items()},
        commitments=commitments,
        commitments_on_file=c.year if c is not None else None,
        assessment=branch.assessment.year(year),
    )
