"""What a template sees as `sc`: the page's data, the site plan, and link/markup helpers.

Every link goes through `url()`, which asks MkDocs for the target file's URL and makes it
relative to the current page, so the site works under any sub-path, with or without
directory URLs, and from file://.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, normalize_url

from generator.models import Branch
from generator.render.markup import to_html
from generator.render.plan import PlannedPage, SitePlan, branch_uri
from generator.score.labels import (
    PROGRESS_STATUSES,
    WARNING_KINDS,
    period_label,
    star_label,
    tier_name,
    warning_label,
)


class PageHelpers:
    def __init__(
        self, plan: SitePlan, files: dict[str, File], page: Page, planned: PlannedPage | None
    ):
        self.plan = plan
        self.files = files
        self.page = page
        self._planned = planned

    @property
    def data(self) -> dict[str, Any]:
        """The page's data (its lazy part worked out on first use: never for a cached page)."""
        return self._planned.resolved() if self._planned else {}

    def url(self, src_uri: str, anchor: str = "") -> str:
        """Relative URL from this page to the file generated from `src_uri`."""
        target = self.files.get(src_uri)
        url = target.url if target is not None else self.plan.remote_url(src_uri)  # a shard's page
        if url is None:
            raise KeyError(f"no file for {src_uri}")  # a template bug; fail the build loudly
        rel = get_relative_url(url, self.page.url)
        if rel in ("", "."):
            rel = "./"
        return f"{rel}#{anchor}" if anchor else rel

    def site_path(self, path: str) -> str:
        """Relative URL of a file MkDocs does not know, written after the build (pagefind/...)."""
        return get_relative_url(path, self.page.url)

    def merged_search(self) -> list[dict[str, str]]:
        """The pagefind bundles the search merges into the main one: the buckets of branch
        pages, a portal's shards' bundles (pagefind's mergeIndex options, paths relative)."""
        return [{"bundlePath": self.site_path(p)} for p in self.plan.merged_search]

    def has(self, src_uri: str) -> bool:
        return src_uri in self.files or self.plan.remote_url(src_uri) is not None

    @property
    def portal_url(self) -> str | None:
        """In a shard, the link up to the portal's home (outside the shard), else None."""
        home = self.plan.portal_home
        return normalize_url(home, self.page) if home else None

    def branch_url(self, branch_id: str, *parts: str, anchor: str = "") -> str:
        return self.url(branch_uri(branch_id, *parts), anchor)

    def photo(self, branch: Branch, rel: str, size: str = "thumb") -> str:
        photo_set = self.plan.photos.known(branch.folder / rel)
        return self.url(getattr(photo_set, size).src_uri)

    def md(self, text: str) -> Markup:
        """User Markdown, rendered and sanitized (nh3)."""
        return Markup(to_html(text))

    def stars(self, n: int) -> str:
        return "★" * n + "☆" * (5 - n) if n else "☆☆☆☆☆"

    def star_name(self, n: int) -> str:
        """ "四星·先进级" with the tier name of the rulebook in use; 未评星 for 0."""
        return star_label(n, tier_name(self.plan.project.standard.tiers, n))

    def tier_name(self, n: int) -> str:
        """The rulebook's own name of tier n (先进级, or 良好 under another rulebook)."""
        return tier_name(self.plan.project.standard.tiers, n)

    warning_kinds = tuple(WARNING_KINDS.values())  # 预警 kinds in words, in their display order
    progress_statuses = PROGRESS_STATUSES  # 已达标 / 按进度 / 待评定 / 落后, best first

    def warning_label(self, kind: str) -> str:
        return warning_label(kind)

    def period_label(self, key: str) -> str:
        return period_label(key)

    @property
    def stamp(self) -> str:
        r = self.plan.results
        return f"{r.standard_name}（{r.standard_version}版）"
