"""`/branches/<id>/activities/<year>/`: each year's activity log, month by month."""

from __future__ import annotations

from itertools import groupby

from generator.models import Activity, Branch
from generator.render.plan import SitePlan, branch_uri


def months(activities: tuple[Activity, ...], year: int) -> list[tuple[int, list[Activity]]]:
    """The year's activities grouped by month, January first; months without any are left out."""
    of_year = [a for a in activities if a.date.year == year]
    return [(m, list(items)) for m, items in groupby(of_year, key=lambda a: a.date.month)]


def plan(site: SitePlan) -> None:
    for b in site.published():
        years = b.years()
        for year in years:
            site.add_page(
                branch_uri(b.id, "activities", str(year)),
                "showcase/activities.html",
                f"{b.profile.name} {year}年活动记录",
                branch=b,
                year=year,
                years=years,
                months=months(b.activities, year),
                groups={g.id: g for g in b.groups},
            )


def latest(branch: Branch, n: int) -> list[Activity]:
    """The branch's n most recent activities, newest first."""
    return list(reversed(branch.activities[-n:])) if n else []
