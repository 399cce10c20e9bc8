"""Scoring a project: the evaluation year, each branch's scorecard, history, points and warnings."""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from generator.load.wuli import default_wuli
from generator.models import Branch, Standard
from generator.score.cache import ScoreCache
from generator.score.commitments import summarize
from generator.score.periods import judged_at
from generator.score.points import point_years, year_model_groups, years_points_table
from generator.score.progress import progress
from generator.score.results import BranchResult, Results, Scorecard
from generator.score.roster import development_warnings
from generator.score.stars import scorecard
from generator.score.warnings import warnings
from generator.score.wuli import wuli_scores

if TYPE_CHECKING:
    from generator.load.project import Project


def default_as_of() -> dt.date:
    """SOURCE_DATE_EPOCH (UTC) when set, so reproducible builds agree; else today.

    A value that is not whole seconds, or a day outside 1900–2999, is ignored (as other
    reproducible-build tools do)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            day = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):  # past what a date can hold
            return dt.date.today()
        if 1900 <= day.year <= 2999:
            return day
    return dt.date.today()


def default_year(as_of: dt.date) -> int:
    """The evaluation year when none is set: the last calendar year that ended before as_of.

    Stars are given only for ended years; as_of's own year is the running year. No activity
    date can move it, so one early entry never turns every branch's year into a wall of 0★."""
    return as_of.year - 1


def history_years(branch: Branch, year: int) -> tuple[int, ...]:
    """Every year from the branch's first year with an activity up to `year`."""
    first = min((a.date.year for a in branch.activities), default=year)
    return tuple(range(min(first, year), year + 1))


def history(branch: Branch, standard: Standard, year: int, as_of: dt.date) -> tuple[Scorecard, ...]:
    """历年星级: a scorecard for each year up to `year`, each on its own data at its as_of_Y."""
    return tuple(scorecard(branch, standard, y, as_of) for y in history_years(branch, year))


def score_branch(branch: Branch, standard: Standard, year: int, as_of: dt.date) -> BranchResult:
    """Everything the pages, boards and exports show for one branch."""
    cards = history(branch, standard, year, as_of)
    at = judged_at(year, as_of)
    # points of the rated year and of the running year (this month's 公示栏, /groups/)
    years = point_years(year, as_of)
    table = years_points_table(branch, standard, years, as_of)
    models = {
        k: v for y in years for k, v in year_model_groups(table, y, judged_at(y, as_of)).items()
    }
    running = progress(branch, standard, as_of)
    return BranchResult(
        branch_id=branch.id,
        scorecard=cards[-1],
        history=cards,
        points=table,
        model_groups=models,
        warnings=(
            *warnings(branch, standard, year, as_of, running),
            *development_warnings(branch, as_of),
        ),
        commitments=summarize(branch, year, at),
        progress=running,
        wuli=wuli_scores(branch, default_wuli(), year, cards[-1].as_of, standard),
    )


def score_project(
    project: Project, year: int | None, as_of: dt.date, cache: ScoreCache | None = None
) -> Results:
    """Score every branch (published or not) for one year; branches keyed and ordered by id.

    With `cache`, a branch whose content key (project.keys) was scored before for the same
    year and as_of is taken from it."""
    y = year if year is not None else default_year(as_of)
    std = project.standard
    branches: dict[str, BranchResult] = {}
    for b in sorted(project.branches, key=lambda b: b.id):
        content = project.keys.get(b.id) if cache is not None else None
        if cache is None or content is None:
            branches[b.id] = score_branch(b, std, y, as_of)
            continue
        key = cache.key(content, y, as_of)
        found = cache.get(key)
        if found is None:
            found = score_branch(b, std, y, as_of)
            cache.put(key, found)
        branches[b.id] = found
    return Results(
        standard_name=std.name, standard_version=std.version, year=y, as_of=as_of, branches=branches
    )
