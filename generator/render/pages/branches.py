"""`/branches/` (brand cards by unit) and `/branches/<id>/` (the brand page)."""

from __future__ import annotations

from itertools import groupby

from generator.render.pages.activities import latest
from generator.render.plan import SitePlan, branch_uri
from generator.score.roster import birthdays_in, zone_count

LATEST = 6  # activities shown on a brand page


def index(site: SitePlan) -> None:
    """`/branches/`: every published branch as a brand card, by unit (also the portal's)."""
    published = site.published()
    by_unit = [
        (unit, list(members))
        for unit, members in groupby(
            sorted(published, key=lambda b: (b.profile.unit, b.id)), key=lambda b: b.profile.unit
        )
    ]
    site.add_page(
        "branches/index.md",
        "showcase/branches.html",
        "支部品牌",
        in_nav=True,
        units=by_unit,
        unit_names=[u for u, _ in by_unit],
    )


def plan(site: SitePlan) -> None:
    index(site)
    for b in site.published():
        if b.profile.brand.logo:
            site.photo(b, b.profile.brand.logo)
        site.add_page(
            branch_uri(b.id),
            "showcase/brand.html",
            b.profile.name,
            branch=b,
            result=site.result(b),
            latest=latest(b, LATEST),
            leaders={g.id: g.leader for g in b.groups},
            group_sizes={g.id: sum(1 for m in b.members if m.group == g.id) for g in b.groups},
            birthdays=birthdays_in(b, site.as_of.year, site.as_of.month),  # 本月政治生日
            zone_count=zone_count(b),
        )
