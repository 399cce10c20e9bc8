"""`/branches/` (brand cards by unit) and `/branches/<id>/` (the brand page)."""

from __future__ import annotations

from itertools import groupby

from generator.render.plan import SitePlan, branch_uri


def plan(site: SitePlan) -> None:
    published = site.published()
    by_unit = [
        (unit, list(members))
        for unit, members in groupby(sorted(published, key=lambda b: (b.profile.unit, b.id)), key=lambda b: b.profile.unit)
    ]
    site.add_page("branches/index.md", "showcase/branches.html", "支部品牌", in_nav=True, units=by_unit)
    for b in published:
        if b.profile.brand.logo:
            site.photo(b, b.profile.brand.logo)
        site.add_page(branch_uri(b.id), "showcase/brand.html", b.profile.name, branch=b, result=site.result(b))
