"""The portal over the shards of every unit: its own few pages, links into the shards.

The portal plans only what spans units — home, branch index, reviewer dashboards with the
exports, search, the guide — with the ordinary page kinds, over the Project and Results
rebuilt from the shard summaries (generator/shard.py). Branch pages, photos and boards stay in the shards,
which the portal copies under `units/<ID>/` and links (SitePlan.remote_url).
"""

from __future__ import annotations

from pathlib import Path

from generator.render.pages import branches, guide, home, reviewer, search
from generator.render.photos import Derived, PhotoSet
from generator.render.plan import SitePlan
from generator.render.search import shard_bundles
from generator.shard import Merged
from generator.units import SHARDS_PREFIX

PORTAL_KINDS = (home.plan, branches.index, reviewer.plan, search.plan, guide.plan)


class ShardPhotos:
    """The photos of the portal's pages (brand logos) are the shards' own files."""

    def __init__(self, merged: Merged):
        self._sets: dict[str, PhotoSet] = {}
        for s in merged.shards:
            for source, uris in s.logos.items():
                thumb, large = (
                    f"{SHARDS_PREFIX}/{s.unit_id}/{uris[k]}" for k in ("thumb", "large")
                )
                self._sets[source] = PhotoSet(Derived(thumb, Path()), Derived(large, Path()))

    def known(self, source: Path) -> PhotoSet:
        return self._sets[str(source)]

    add = known

    def files(self) -> list[Derived]:
        return []  # nothing to copy: the shards carry their photos

    def process(self) -> int:
        return 0


def shard_logos(site: SitePlan) -> dict[str, dict[str, str]]:
    """In a shard: each brand logo as "<branch id>/<path>" (the summary's branch folders are
    their ids) and the shard's files for it, so the portal's brand cards show the shard's images."""
    logos = {}
    for b in site.published():
        if b.profile.brand.logo:
            found = site.photos.known(b.folder / b.profile.brand.logo)
            logos[str(Path(b.id) / b.profile.brand.logo)] = {
                "thumb": found.thumb.src_uri,
                "large": found.large.src_uri,
            }
    return logos


def portal_plan(
    merged: Merged,
    site_name: str,
    site_url: str | None,
    search_on: bool,
    use_directory_urls: bool,
    guide_on: bool = True,
) -> SitePlan:
    site = SitePlan(
        merged.project,
        merged.results,
        ShardPhotos(merged),  # type: ignore[arg-type]
        site_name=site_name,
        site_url=site_url,
        search=search_on,
        guide=guide_on,
        remote={bid: f"{SHARDS_PREFIX}/{uid}/" for bid, uid in merged.home_of.items()},
        use_directory_urls=use_directory_urls,
    )
    site.merged_search = [  # each shard's main bundle and its branch pages' buckets
        path
        for s in merged.shards
        if s.searchable
        for path in shard_bundles(s.folder, f"{SHARDS_PREFIX}/{s.unit_id}/")
    ]
    site.units = [
        {
            "id": s.unit_id,
            "name": s.unit_name,
            "branches": len(s.branches),
            "home": f"{SHARDS_PREFIX}/{s.unit_id}/index.md",
            "boards": f"{SHARDS_PREFIX}/{s.unit_id}/boards/index.md",
        }
        for s in sorted(merged.shards, key=lambda s: s.unit_name)
    ]
    for kind in PORTAL_KINDS:
        kind(site)
    return site
