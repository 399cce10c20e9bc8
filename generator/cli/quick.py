"""`showcase serve`'s quick preview: an edit inside one branch's folder is on the page in a
second or two, however many branches the project has.

A full rebuild reads, scores and renders the whole site: at a thousand branches 20-30 s even
with every cache warm. An edit in `branches/<id>/` changes that branch's own pages at once,
and the overviews, search and exports too. So serve first builds a site of just the edited
branches — same rulebook, as_of, options and nav as the full site, with a cache of its own —
and copies their pages, board previews and new photos over the served site; the browser
reloads. The full rebuild follows once the edits pause (cli/followup.py) and brings the
overviews and the search up to date. Both give the same branch pages
(tests/test_browser_serve.py).
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.options import cache_dir
from generator.writes import cache_root_moved, replacing

# A branch's own files in the site, by top folder: its pages (badge included) and its board
# previews. Photos are content-addressed under media/: new ones are added, none replaced.
OWN_FOLDERS = ("branches", "boards")
MEDIA = "media"


def touched_branches(
    paths: Iterable[str], branches_dir: Path, known: Iterable[str]
) -> frozenset[str] | None:
    """The branch folders the changed `paths` lie in, when every one lies inside a folder of
    a branch the served site has; None when any change needs a full rebuild (mkdocs.yml,
    content/, the rulebook, a new or removed branch folder). `branches_dir`: resolved."""
    known = set(known)
    ids: set[str] = set()
    for path in paths:
        try:
            rel = Path(os.path.realpath(path)).relative_to(branches_dir)
        except ValueError:
            return None
        if len(rel.parts) < 2 or rel.parts[0] not in known:
            return None
        if not (branches_dir / rel.parts[0]).is_dir():  # the folder itself went away
            return None
        ids.add(rel.parts[0])
    return frozenset(ids) or None


@contextmanager
def _quiet(logger: str = "mkdocs") -> Iterator[None]:
    """MkDocs' and the plugin's progress lines of a one-branch build would only confuse the
    terminal (「已读取 1 个支部」); warnings and errors still show."""
    log = logging.getLogger(logger)
    before = log.level
    log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        log.setLevel(before)


def quick_build(
    config_file: str, ids: frozenset[str], nav: Any, serve_url: str, work: Path
) -> Path:
    """Build the site of the branches `ids` alone into `work/site` and return it (`publish`
    puts its files in the served site). Raises as a full build does (bad input:
    PluginError with the report)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = work / "site"
    cfg = load_config(config_file=config_file, site_dir=str(out))
    cfg.nav = copy.deepcopy(nav)  # the full site's tabs (the plugin adds blank stand-ins)
    plugin = cfg.plugins["showcase"]
    plugin.preview = ids  # type: ignore[attr-defined]
    root = Path(cfg.config_file_path).resolve().parent
    # A branch's photos are encoded already (the full build did): taken, not made again.
    plugin.photos_from = cache_dir(root, "photos")  # type: ignore[attr-defined]
    with cache_root_moved(root, work / "cache"), _quiet():
        build(cfg, serve_url=serve_url)
    return out


def publish(built: Path, served: Path, ids: Iterable[str]) -> int:
    """Put the quick build's files of branches `ids` in the served site: each replaced whole
    (a new file, never written into: served files are hard links into the project's caches),
    those the branch no longer has removed, photos the site lacks added."""
    changed = 0
    for bid in ids:
        for top in OWN_FOLDERS:
            new = _files(built / top / bid)
            old = _files(served / top / bid)
            for rel in sorted(new):
                src, dst = built / top / bid / rel, served / top / bid / rel
                if rel in old and _same(src, dst):
                    continue
                _replace(src, dst)
                changed += 1
            for rel in sorted(old - new):
                (served / top / bid / rel).unlink(missing_ok=True)
                changed += 1
    for rel in sorted(_files(built / MEDIA)):
        dst = served / MEDIA / rel
        if not dst.exists():
            _replace(built / MEDIA / rel, dst)
            changed += 1
    return changed


def _files(folder: Path) -> set[Path]:
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()}


def _same(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _replace(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    with replacing(dst) as tmp:
        shutil.copyfile(src, tmp)
