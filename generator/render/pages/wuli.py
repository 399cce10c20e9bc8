"""`/branches/<id>/wuli/` (五力积分): the 五力 model's ranking of members and groups, beside
the star scorecard (which links here and shows the branch's five averages)."""

from __future__ import annotations

from generator.load.wuli import default_wuli
from generator.render import svg
from generator.render.pages.portrait import Chart
from generator.render.plan import SitePlan, branch_uri
from generator.score.wuli import ahp


def plan(site: SitePlan) -> None:
    model = default_wuli()
    cr = ahp(model.pairwise).cr if model.pairwise is not None else None
    for b in site.published():
        r = site.wuli(b)
        axes = list(model.dimensions)
        chart = Chart(
            "wuli",
            "五力雷达图（支部平均）",
            svg.radar(
                "wuli",
                f"{b.profile.name} 五力雷达图",
                axes,
                [(f"{site.year}年支部平均", [r.averages[d] for d in axes])],
            ),
            # no table of its own: the 维度权重 table beside it holds the same numbers
        )
        site.add_page(
            branch_uri(b.id, "wuli"),
            "showcase/wuli.html",
            f"{b.profile.name} 五力积分",
            branch=b,
            model=model,
            cr=cr,
            wuli=r,
            chart=chart,
        )
