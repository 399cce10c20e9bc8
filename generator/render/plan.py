"""The site plan: which pages the plugin generates, with which template and data.

Page kinds live in `generator/render/pages/`, one module each; each exposes
`plan(site: SitePlan) -> None` and adds its pages. Adding a page kind = one module + one
template + one line in `pages/__init__.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.load.project import Project
from generator.load.wuli import default_wuli
from generator.models import Branch
from generator.render.background import Background
from generator.render.photos import PhotoSet, PhotoStore
from generator.score.results import BranchResult, Results
from generator.score.wuli import WuliResult, wuli_scores


@dataclass
class PlannedPage:
    """A page to generate: `src_uri` like "branches/zhisi/index.md"."""

    src_uri: str
    template: str
    title: str
    data: dict[str, Any]
    in_nav: bool = False
    body: str = ""  # optional Markdown body (rarely needed: templates render the data)
    # More data, computed only if the page is rendered: a branch's page found in the page
    # cache (most of them, in a rebuild) never needs its charts and tables worked out.
    lazy: Callable[[], dict[str, Any]] | None = None

    def resolved(self) -> dict[str, Any]:
        if self.lazy is not None:
            self.data.update(self.lazy())
            self.lazy = None
        return self.data

    def forget(self) -> None:
        """Rendered: its data is not needed again (ten thousand pages' tables and charts would
        otherwise stay until the build ends)."""
        self.data, self.lazy = {}, None


@dataclass
class PlannedFile:
    """A non-page file the site carries: a badge SVG, a JSON summary, a download."""

    src_uri: str
    content: bytes | None = None
    path: Path | None = None


@dataclass
class SitePlan:
    project: Project
    results: Results
    photos: PhotoStore
    site_name: str = ""
    site_url: str | None = None
    search: bool = True  # the pagefind index is built (plugin option `search`)
    guide: bool = True  # the 使用指南 pages under /guide/ (plugin option `guide`)
    # Past one machine (see generator/shard.py). In a portal: branch id -> the folder of its
    # unit's shard ("units/u1a2b3c4d/"), whose pages are linked, never rendered here; the
    # shards' search bundles merged into the portal's search (in any build, the branch pages'
    # bucket bundles, see render/search.py); the units, for the home page.
    remote: dict[str, str] = field(default_factory=dict)
    use_directory_urls: bool = True
    merged_search: list[str] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)
    # In a shard: the portal's home, relative to the shard's root ("../../"), else None.
    portal_home: str | None = None
    pages: dict[str, PlannedPage] = field(default_factory=dict)
    files: dict[str, PlannedFile] = field(default_factory=dict)
    # Work done beside page rendering (photos, board previews, exports; render/background.py);
    # the plugin waits for it at the end.
    background: Background = field(default_factory=Background)

    @property
    def as_of(self) -> dt.date:
        return self.results.as_of

    @property
    def year(self) -> int:
        return self.results.year

    def published(self) -> list[Branch]:
        """Branches with public pages, in id order."""
        return [b for b in self.project.branches if b.publish]

    def result(self, branch: Branch) -> BranchResult:
        return self.results.branches[branch.id]

    def wuli(self, branch: Branch) -> WuliResult:
        """The branch's 五力 in the rated year at its as_of_Y, as the exports show it (scored
        with the branch). The 五力 page and the scorecard's side note each ask for it: a page
        rendered first forgets its data, so neither may read the other's."""
        r = self.result(branch)
        return r.wuli or wuli_scores(
            branch, default_wuli(), self.year, r.scorecard.as_of, self.project.standard
        )

    def photo(self, branch: Branch, rel: str) -> PhotoSet:
        return self.photos.add(branch.folder / rel)

    def remote_url(self, src_uri: str) -> str | None:
        """Site URL of a page or file that lives in a shard under the portal, or None."""
        if not self.remote:
            return None  # not a portal
        parts = src_uri.split("/")
        if parts[0] == "branches" and len(parts) > 2 and parts[1] in self.remote:
            return self.remote[parts[1]] + self.url_of(src_uri)
        if parts[0] == "units" and len(parts) > 2:
            return self.url_of(src_uri)
        return None

    def url_of(self, src_uri: str) -> str:
        """The URL MkDocs gives `src_uri`: a page `…/index.md` in the site's style of URLs,
        any other file its own path."""
        if not src_uri.endswith("index.md"):
            return src_uri
        folder = src_uri.removesuffix("index.md")
        return folder if self.use_directory_urls else folder + "index.html"

    def add_page(
        self,
        src_uri: str,
        template: str,
        title: str,
        in_nav: bool = False,
        lazy: Callable[[], dict[str, Any]] | None = None,
        **data: Any,
    ) -> None:
        """`lazy`: more data, worked out only when the page is rendered (see PlannedPage)."""
        if src_uri in self.pages:
            raise ValueError(
                f"page planned twice: {src_uri}"
            )  # a programming error, not user input
        self.pages[src_uri] = PlannedPage(src_uri, template, title, data, in_nav, lazy=lazy)

    def add_file(
        self, src_uri: str, content: bytes | None = None, path: Path | None = None
    ) -> None:
        self.files[src_uri] = PlannedFile(src_uri, content, path)


def branch_uri(branch_id: str, *parts: str) -> str:
    """src_uri of a branch page: branch_uri("zhisi", "groups", "jingjia") -> branches/zhisi/groups/jingjia/index.md."""
    return "/".join(("branches", branch_id, *parts, "index.md"))
