"""Score stage: pure functions from loaded data and a rulebook to results (no I/O, no MkDocs)."""

from __future__ import annotations

import datetime as dt
import os

from generator.load.project import Project
from generator.models import Branch, Standard
from generator.score.commitments import summarize
from generator.score.periods import year_end
from generator.score.points import points_table, year_model_groups
from generator.score.progress import progress
from generator.score.results import BranchResult, Results, Scorecard
from generator.score.roster import development_warnings
from generator.score.stars import scorecard
from generator.score.warnings import warnings

__all__ = ["default_as_of", "latest_year", "score_branch", "score_project", "history"]


def default_as_of() -> dt.date:
    """SOURCE_DATE_EPOCH (UTC) when set, so reproducible builds agree; else today.

    A value that is not whole seconds is ignored (as other reproducible-build tools do)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def latest_year(branches: tuple[Branch, ...], as_of: dt.date) -> int:
    """The default evaluation year: the latest year with activities up to as_of (future-dated
    entries do not move it), else the latest with any activity, else as_of's year."""
    dates = [a.date for b in branches for a in b.activities]
    past = [d for d in dates if d <= as_of]
    if past:
        return max(past).year
    return max(dates).year if dates else as_of.year


def history(branch: Branch, standard: Standard, year: int, as_of: dt.date) -> tuple[Scorecard, ...]:
    """A scorecard for each year before `year` that has activities, judged as at its 31
    December (or as_of, if earlier), then `year` itself judged at as_of like everything else."""
    past = sorted({a.date.year for a in branch.activities if a.date.year < year})
    cards = [scorecard(branch, standard, y, min(as_of, year_end(y))) for y in past]
    return (*cards, scorecard(branch, standard, year, as_of))


def score_branch(branch: Branch, standard: Standard, year: int, as_of: dt.date) -> BranchResult:
    """Everything the pages, boards and exports show for one branch."""
    cards = history(branch, standard, year, as_of)
    table = points_table(branch, standard, year, as_of)
    running = progress(branch, standard, as_of)
    return BranchResult(
        branch_id=branch.id,
        scorecard=cards[-1],
        history=cards,
        points=table,
        model_groups=year_model_groups(table, year, as_of),
        warnings=(*warnings(branch, standard, year, as_of, running), *development_warnings(branch, as_of)),
        commitments=summarize(branch, year, as_of),
        progress=running,
    )


def score_project(project: Project, year: int | None, as_of: dt.date) -> Results:
    """Score every branch (published or not) for one year; branches keyed and ordered by id."""
    y = year if year is not None else latest_year(project.branches, as_of)
    std = project.standard
    ordered = sorted(project.branches, key=lambda b: b.id)
    branches = {b.id: score_branch(b, std, y, as_of) for b in ordered}
    return Results(
        standard_name=std.name, standard_version=std.version, year=y, as_of=as_of, branches=branches
    )
