"""`/guide/`: the 使用指南, generated into every site so the field reference travels with it."""

from __future__ import annotations

from generator.guide.pages import PAGES, page_markdown
from generator.render.plan import SitePlan

# material's page with the guide's own page list on top:
# only the guide's first page is in the site nav, as a tab.
GUIDE_TEMPLATE = "showcase/guide.html"


def plan(site: SitePlan) -> None:
    if not site.guide:
        return
    std = site.project.standard
    menu = [(title, src_uri) for src_uri, _, title in PAGES]
    for src_uri, text_file, title in PAGES:
        site.add_page(src_uri, GUIDE_TEMPLATE, title, in_nav=src_uri == "guide/index.md", menu=menu)
        site.pages[src_uri].body = page_markdown(text_file, std)
