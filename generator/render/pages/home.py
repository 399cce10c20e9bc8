"""Home `/`: the organisation at a glance, under the hand-written text of content/index.md."""

from __future__ import annotations

from generator.render.plan import SitePlan

LATEST = 8  # activities across all branches
FEATURED = 6  # brand cards, best star first


def plan(site: SitePlan) -> None:
    published = site.published()
    stars = {b.id: site.result(b).scorecard.star for b in published}
    year = site.year
    recent = sorted(
        ((a, b) for b in published for a in b.activities if a.date <= site.as_of),
        key=lambda ab: (ab[0].date, ab[1].id, ab[0].id),
        reverse=True,
    )[:LATEST]
    site.add_page(
        "index.md",
        "showcase/home.html",
        "首页",
        in_nav=True,
        branches=published,
        featured=sorted(published, key=lambda b: (-stars[b.id], b.id))[:FEATURED],
        star_counts={s: list(stars.values()).count(s) for s in (5, 4, 3, 0)},
        totals={
            "groups": sum(len(b.groups) for b in published),
            "members": sum(len(b.members) for b in published),
            "activities": sum(
                1
                for b in published
                for a in b.activities
                if a.date.year == year and a.date <= site.as_of
            ),
        },
        recent=recent,
    )
