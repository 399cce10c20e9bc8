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
    """Every page kind adds its pages. The published branches' photos are registered in
    `site.photos` already: templates may only link photos the plan knows, and the plugin
    registers them right after loading, so they are encoded while scoring and planning run."""
    for kind in PAGE_KINDS:
        kind.plan(site)
