"""`/branches/<id>/scorecard/`: every item explained, the gap to the next star, history;
plus `badge.svg` and `badge.json` beside the branch page."""

from __future__ import annotations

from itertools import groupby

from generator.render.badge import badge_json, badge_svg
from generator.render.plan import SitePlan, branch_uri
from generator.score.labels import PROGRESS_STATUSES
from generator.score.results import ItemProgress, Progress


def _most_urgent_first(progress: Progress | None) -> list[ItemProgress]:
    """落后 first, then 待评定, 按进度, 已达标; the rulebook's order within each."""
    if progress is None:
        return []
    rank = {s: i for i, s in enumerate(reversed(PROGRESS_STATUSES))}
    return sorted(progress.items, key=lambda i: rank[i.status])


def plan(site: SitePlan) -> None:
    for b in site.published():
        result = site.result(b)
        card = result.scorecard
        order = site.project.standard.categories.index
        items = sorted(
            (i for i in card.items if not i.veto), key=lambda i: (order(i.category), i.id)
        )
        by_category = [
            (cat, list(group)) for cat, group in groupby(items, key=lambda i: i.category)
        ]
        by_id = {i.id: i for i in card.items}
        site.add_page(
            branch_uri(b.id, "scorecard"),
            "showcase/scorecard.html",
            f"{b.profile.name} 星级评定",
            branch=b,
            result=result,
            by_category=by_category,
            veto_item=next((i for i in card.items if i.veto), None),
            missing=[by_id[i] for i in card.missing_for_next if i in by_id],
            progress_items=_most_urgent_first(result.progress),
        )
        site.add_file(f"branches/{b.id}/badge.svg", content=badge_svg(card))
        site.add_file(f"branches/{b.id}/badge.json", content=badge_json(b.id, b.profile.name, card))
