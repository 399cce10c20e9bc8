"""Page kinds. Each module adds its pages to the plan; order here is the nav order."""

from __future__ import annotations

from generator.render.pages import (
    activities,
    boards,
    branches,
    commitments,
    compare,
    guide,
    home,
    kanban,
    microbrands,
    portrait,
    reviewer,
    scorecard,
    search,
    wuli,
)
from generator.render.plan import SitePlan

# (module, ...) — each has `plan(site)`. Add a page kind: write a module, list it here.
PAGE_KINDS = (
    home,
    branches,
    microbrands,
    commitments,
    activities,
    scorecard,
    reviewer,
    boards,
    search,
    guide,
    portrait,
    kanban,
    wuli,
    compare,
)


def plan_site(site: SitePlan) -> None:
    # Register every published photo first: templates may only link photos the plan knows,
    # because re-encoding happens once, before MkDocs writes anything.
    for branch in site.published():
        site.photos.add_branch(branch)
    for kind in PAGE_KINDS:
        kind.plan(site)
