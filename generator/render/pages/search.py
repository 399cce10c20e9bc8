"""`/search/`: offline Chinese full-text search (pagefind UI), with a branch finder that also
works when the site is opened from a file share, where pagefind cannot load its index."""

from __future__ import annotations

from generator.render.plan import SitePlan


def plan(site: SitePlan) -> None:
    site.add_page(
        "search/index.md",
        "showcase/search.html",
        "全文检索",
        in_nav=True,
        branches=site.published(),
    )
