"""`/search/`: offline Chinese full-text search (pagefind's search API under our own small UI in
showcase.js), with a branch finder that also works when the site is opened from a file share,
where pagefind cannot load its index.

The finder's list of every branch (~200 bytes each) lives in `search/finder.js`, which the
page loads only when the finder is used: a query over HTTP never downloads it."""

from __future__ import annotations

import json
from collections.abc import Callable

from mkdocs.utils import get_relative_url

from generator.render.plan import SitePlan, branch_uri

FINDER = "search/finder.js"


def plan(site: SitePlan) -> None:
    site.add_page(
        "search/index.md",
        "showcase/search.html",
        "全文检索",
        in_nav=True,
        branches=site.published(),
    )


def finder_script(site: SitePlan, url_of: Callable[[str], str]) -> bytes:
    """`window.scFinder`: per published branch [link from the search page, brand, "name ·
    unit", the text the finder matches]. `url_of` gives a src_uri's site URL."""
    here = url_of("search/index.md")
    rows = []
    for b in site.published():
        p = b.profile
        text = " ".join(
            [
                p.name,
                p.brand.name,
                p.unit,
                p.brand.slogan,
                *(f"{g.name} {g.brand}" for g in b.groups),
            ]
        )
        link = get_relative_url(url_of(branch_uri(b.id)), here)
        rows.append([link, p.brand.name, f"{p.name} · {p.unit}", text])
    data = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return f"window.scFinder={data};\n".encode()
