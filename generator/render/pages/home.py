"""Home `/`: the organisation at a glance, under the hand-written text of content/index.md."""

from __future__ import annotations

from generator.render.plan import SitePlan


def plan(site: SitePlan) -> None:
    published = site.published()
    stars = [site.result(b).scorecard.star for b in published]
    site.add_page(
        "index.md",
        "showcase/home.html",
        "首页",
        in_nav=True,
        branches=published,
        star_counts={s: stars.count(s) for s in (5, 4, 3, 0)},
    )
