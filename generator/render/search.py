"""Offline Chinese full-text search: pagefind's extended build indexes the written site, in
pieces a rebuild can reuse.

pagefind costs ~50 ms of CPU per branch (about ten pages each) on every build: at a thousand
branches, most of a one-edit rebuild. So the index is split into B bundles by a hash of the
branch id. Bucket 0 is the main bundle `pagefind/`: the pages that are no one branch's own
(home, guide: they change with any edit) and bucket 0's branches. Buckets 1..B-1 are bundles
`pagefind/b<k>/` of their branches' pages, which are pure functions of their page-cache keys
(generator/render/pagecache), so each is kept under `.cache/showcase/search/<key>/` and an
edit re-indexes only the main bundle and the edited branch's bucket. The search page merges
the buckets into its search (pagefind's mergeIndex), as the portal merges its shards'.

Why the overview pages share a bundle with branches: pagefind scores a page against its own
bundle's statistics (BM25: how many of its pages hold the word, their mean length). Alone,
the dozen overview pages made a common word look rare, and /compare/ outranked every
activity log for "志愿服务"; beside a bucket's worth of branch pages their scores are close to
those of one whole-site index, as the buckets' are (same mix of pages).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import jinja2
from jinja2 import nodes
from mkdocs.exceptions import PluginError

from generator.parallel import cores
from generator.render.pagecache import link_or_copy

log = logging.getLogger("mkdocs.plugins.showcase")

BUNDLE = "pagefind"
# Branches per bundle, and at most this many bundles. More bundles: an edit re-indexes fewer
# branches and pagefind's peak memory falls, but a first query fetches more. Measured at 1,001
# generated branches (the bench), first query for "志愿服务" in Chromium:
# - each bundle costs it ~70 KiB whatever its size: its pf_meta (~11 KiB) and, per word of the
#   query, one index chunk of ~30 KiB (pagefind cuts an index into chunks of 20,000 word
#   positions, a constant of its source);
# - fixed: pagefind.js 45 KiB + its wasm 66 KiB, the page and the theme's assets ~330 KiB;
# - B=4 with pagefind's own UI (120 KiB) 1007 KiB; with ours (showcase.js) B=7 987 KiB, B=8
#   1028 KiB: seven bundles of ~143 branches (hashing gives 126-176).
# pagefind's peak RSS is ~55 MB + 3.1 MB per branch (ten pages, ~20,000 words): 25/50/100/
# 125/250 branches 131/207/362/440/830 MB; ~7 s of CPU per 125 branches. Bundles are indexed
# one at a time: two at once (what a two-core machine ran before) doubled the peak. At 1,001
# branches: 443-600 MB per run (B=4: 853 MB, two at once); a cold index 55 s of CPU, 73 s of
# wall time (B=4 in parallel: 47 s); a one-activity edit re-indexes one bucket, 8.5 s for the
# largest (B=4: 15.7 s). Under 400 MB a run would take ~110 branches a bundle, B>=10: ~1.1 MiB
# for a first query.
BRANCHES_PER_BUCKET = 64
MAX_BUCKETS = 7
# What a merged instance fetches; the search script and wasm come from the main bundle.
_MERGED_PARTS = ("pagefind-entry.json", "index", "fragment", "filter")
# The main bundle adds what the search page loads: pagefind's search API (pagefind.js) and its
# wasm. pagefind's UIs, their styles, its web worker (the page runs the search in its own
# thread: 40 KiB less) and its highlighter are never loaded: dead weight, not written.
_MAIN_PARTS = (*_MERGED_PARTS, "pagefind.js")
_LAYOUT = "buckets-3"  # bump when what goes into a cached bucket changes


def bucket_count(branches: int) -> int:
    """B, counting the main bundle (bucket 0): 1 up to BRANCHES_PER_BUCKET branches."""
    return max(1, min(MAX_BUCKETS, math.ceil(branches / BRANCHES_PER_BUCKET)))


def bucket_of(branch_id: str, count: int) -> int:
    """Stable across builds and machines: depends on nothing but the id and the count."""
    return int.from_bytes(hashlib.sha256(branch_id.encode()).digest()[:8], "big") % count


def bucket_bundles(branch_ids: Iterable[str]) -> list[str]:
    """Site paths of the non-empty bucket bundles besides the main one ("pagefind/b3/")."""
    ids = list(branch_ids)
    count = bucket_count(len(ids))
    return [f"{BUNDLE}/b{k}/" for k in sorted({bucket_of(i, count) for i in ids} - {0})]


def branch_of(src_uri: str) -> str | None:
    """The branch whose own page this is ("branches/<id>/…"), else None."""
    parts = src_uri.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "branches" else None


def split_by_bucket(
    paths: Sequence[str], branch_ids: Iterable[str]
) -> tuple[list[str], dict[int, list[str]]]:
    """Pages (site paths or src_uris, "branches/<id>/…") as (those of the main bundle: every
    page that is no listed branch's own, and bucket 0's; the pages of each bucket 1..B-1),
    each list in the order given."""
    ids = list(branch_ids)
    count = bucket_count(len(ids))
    bucket_by_branch = {b: bucket_of(b, count) for b in ids}
    main: list[str] = []
    buckets: dict[int, list[str]] = {}
    for path in paths:
        b = branch_of(path)
        k = bucket_by_branch.get(b) if b is not None else None
        if k:
            buckets.setdefault(k, []).append(path)
        else:
            main.append(path)
    return main, buckets


def index_order(
    src_uris: Sequence[str], branch_ids: Sequence[str], searchable: Collection[str]
) -> list[str]:
    """The order to render pages in: the searchable pages that are no branch's own (home,
    guide); then the branches bundle by bundle, the bundle with the fewest branches first,
    and in each one branch after another, its searchable pages before its others (the
    scorecard); last the pages that are no branch's own and that pagefind does not read
    (dashboards). Otherwise as given.

    A bundle whose searchable pages are all written is indexed while the rest render (see
    EarlyIndex), and a branch's records are let go of after its last page
    (render/release.py): MkDocs' process is at its smallest when the last bundle is indexed,
    so the largest goes last (pagefind's memory grows with a bundle's branches)."""
    count = bucket_count(len(branch_ids))
    bucket = {b: bucket_of(b, count) for b in branch_ids}
    size = Counter(bucket.values())
    rank = {b: i for i, b in enumerate(branch_ids)}

    def key(uri: str) -> tuple[int, int, int, bool]:
        b = branch_of(uri)
        assert b is not None
        return (size[bucket[b]], bucket[b], rank[b], uri not in searchable)

    own = [u for u in src_uris if branch_of(u) in bucket]
    overview = [u for u in src_uris if branch_of(u) not in bucket]
    return [
        *(u for u in overview if u in searchable),
        *sorted(own, key=key),
        *(u for u in overview if u not in searchable),
    ]


_BODY = b"data-pagefind-body"


def is_searchable(html: bytes) -> bool:
    """Whether pagefind reads this page: the attribute `data-pagefind-body` in a tag (pages
    without it pagefind leaves out). User text is escaped, so the words in text never are in
    a tag: the nearest "<" before them is farther back than the nearest ">"."""
    at = html.find(_BODY)
    while at != -1:
        if html.rfind(b"<", 0, at) > html.rfind(b">", 0, at):
            return True
        at = html.find(_BODY, at + len(_BODY))
    return False


def searchable_templates(env: jinja2.Environment, names: Iterable[str]) -> set[str]:
    """The templates among `names` whose pages carry `data-pagefind-body`: the most derived
    template of the `extends` chain that has a block named `indexed` decides (empty: not
    searchable). A prediction from the template source, for the order pages render in and for
    when a bundle is complete; build_search_index looks at the pages themselves, so a wrong
    one costs time (that bundle indexed again at the end), never a wrong index."""
    out: set[str] = set()
    for first in set(names):
        name: str | None = first
        seen: set[str] = set()
        while name is not None and name not in seen:
            seen.add(name)
            try:
                tree = env.parse(env.loader.get_source(env, name)[0]) if env.loader else None
            except jinja2.TemplateNotFound:
                tree = None
            if tree is None:
                break
            block = next((b for b in tree.find_all(nodes.Block) if b.name == "indexed"), None)
            if block is not None:
                if block.body:
                    out.add(first)
                break
            parent = tree.find(nodes.Extends)
            const = parent.template if parent is not None else None
            name = const.value if isinstance(const, nodes.Const) else None
    return out


class EarlyIndex:
    """Indexes each bundle in a background thread as soon as MkDocs has written all of its
    pages (`written`), into the search cache where build_search_index finds it: the buckets
    1..B-1, and the main bundle (0) when it is given.

    One pagefind at a time (its memory), on one core fewer than the machine has (MkDocs
    renders on the other), beside whatever else runs in the background (photos, previews,
    exports). Held back while those ran, the buckets piled up at the end of a cold build at a
    thousand branches, one pagefind after another: starting each at once made it ~16 s (10%)
    shorter, at the same peak memory.

    `present`: pages of these bundles already in the site before MkDocs renders any page
    (the page cache's, copied as static files): not waited for. A bundle with no page left to
    render is unchanged, found in the cache at the end.

    `before_last`: called before the last bundle's pagefind starts when others were indexed
    before it (the plugin waits there for the background jobs). The last bundle is the
    largest (index_order): at a thousand branches ~510 MB, beside MkDocs' process (~430 MB)
    and the exports' new interpreter (~110 MB) it took the build past 1 GiB."""

    def __init__(
        self,
        site_dir: Path,
        buckets: dict[int, list[str]],
        page_keys: dict[str, str],
        cache: Path,
        site_key: str,
        present: Iterable[str] = (),
        before_last: Callable[[], None] | None = None,
    ) -> None:
        self.site_dir, self.cache, self.site_key = site_dir, cache, site_key
        self.before_last = before_last
        self.page_keys = page_keys
        self.pages = buckets
        there = set(present)
        self.left = {k: set(pages) - there for k, pages in buckets.items()}
        self.bucket = {rel: k for k, pages in buckets.items() for rel in pages}
        self.pool = ThreadPoolExecutor(max_workers=1)  # one pagefind at a time: its memory
        self.jobs: list = []

    def waits_for(self, rel: str) -> bool:
        """Whether a bundle waits for the page at site path `rel` to be written."""
        k = self.bucket.get(rel)
        return k is not None and rel in self.left[k]

    def written(self, rel: str) -> None:
        """MkDocs has written the page at site path `rel`."""
        if self.waits_for(rel):
            k = self.bucket[rel]
            self.left[k].discard(rel)
            if not self.left[k]:
                self._start(k)

    def _start(self, k: int) -> None:
        keys = {p: self.page_keys[p] for p in self.pages[k] if p in self.page_keys}
        # One core fewer than there are while MkDocs renders bundles' pages on the other:
        # pagefind's own threads took ~1.5 cores and slowed the page rendering, the longest
        # line of a cold build, for no gain (the same CPU time, spread wider). The last bundle
        # has only the pages pagefind does not read to share with, for a few seconds, and
        # then the machine: it takes every core.
        last = not any(left for j, left in self.left.items() if j != k)
        threads = None if last else max(1, cores() - 1)
        # Only after others: a build that indexes one bundle (an edit, a branch added) renders
        # a few branches, and the others' records were let go of at its start (a small
        # MkDocs); there waiting would only add the exports' time to the build's.
        before = self.before_last if last and self.jobs else None

        def index() -> bool:
            if before is not None:
                before()
            return index_bucket_early(
                self.site_dir, k, self.pages[k], keys, self.cache, self.site_key, threads
            )

        self.jobs.append(self.pool.submit(index))

    def wait(self) -> int:
        """How many buckets pagefind indexed early; raises the first failure."""
        try:
            return sum(1 for job in self.jobs if job.result())
        finally:
            self.pool.shutdown()

    def cancel(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def shard_bundles(folder: Path, prefix: str) -> list[str]:
    """A built site's bundles (main, then buckets), as site paths under `prefix`."""
    buckets = sorted(
        (p.parent.name for p in (folder / BUNDLE).glob("b*/pagefind-entry.json")),
        key=lambda name: int(name[1:]) if name[1:].isdigit() else -1,
    )
    return [f"{prefix}{BUNDLE}/", *(f"{prefix}{BUNDLE}/{b}/" for b in buckets)]


def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind_bin_extended")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass
class _Bucket:
    number: int
    pages: list[tuple[str, str]] = field(default_factory=list)  # (site path, what made it)

    def key(self, site_key: str) -> str:
        h = hashlib.sha256(f"{_LAYOUT}\0{_pagefind_version()}\0{site_key}\0".encode())
        for rel, made in sorted(self.pages):
            h.update(f"{rel}\0{made}\0".encode())
        return h.hexdigest()[:40]

    def entry_name(self, site_key: str) -> str:
        """The bundle's folder in the search cache; the main bundle's says it is one."""
        return ("main-" if self.number == 0 else "") + self.key(site_key)


@dataclass
class IndexReport:
    rebuilt: list[int] = field(default_factory=list)  # bucket numbers pagefind indexed
    reused: list[int] = field(default_factory=list)  # bucket numbers taken from the cache


def build_search_index(
    site_dir: Path,
    branch_ids: Sequence[str] = (),
    page_keys: dict[str, str] | None = None,
    cache: Path | None = None,
    site_key: str = "",
) -> IndexReport:
    """Index site_dir: the pages under `branches/<id>/` (id in branch_ids) into their
    buckets, reused from `cache` when unchanged; every other page, and bucket 0's, into
    `pagefind/`.

    page_keys maps a page's site path to its page-cache key (what made it); a page without
    one is keyed by its bytes. pagefind segments Chinese because pages say lang="zh"."""
    page_keys = page_keys or {}
    made: dict[str, str] = {}  # the pages pagefind reads: what made each (one read a page)
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_bytes()
        if is_searchable(html):
            rel = path.relative_to(site_dir).as_posix()
            made[rel] = _made(site_dir, rel, page_keys, html)
    main, by_bucket = split_by_bucket(list(made), branch_ids)
    buckets = {k: _Bucket(k, [(rel, made[rel]) for rel in rels]) for k, rels in by_bucket.items()}

    report = IndexReport()
    jobs: list[tuple[list[str], Path, Path, bool]] = []  # pages, output, entry, is main
    entries: dict[int, Path] = {}
    used: set[str] = set()
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)  # work beside it: bundles move in, not copy
    work = Path(tempfile.mkdtemp(prefix=".work-", dir=cache))
    try:
        # The main bundle too is kept while its pages are as they were (an edit in one branch
        # usually leaves the overview pages as they were): keyed by what made each page.
        whole = _Bucket(0, [(rel, made[rel]) for rel in main])
        main_key = whole.entry_name(site_key)
        main_entry = (cache / main_key) if cache is not None else None
        if main_entry is not None and (main_entry / "pagefind-entry.json").is_file():
            report.reused.append(0)
        else:
            report.rebuilt.append(0)
            jobs.append((main, work / "out-main", main_entry or site_dir / BUNDLE, True))
        if main_entry is not None:
            used.add(main_key)
        for k, bucket in sorted(buckets.items()):
            key = bucket.entry_name(site_key)
            used.add(key)
            entry = (cache / key) if cache is not None else work / f"b{k}"
            entries[k] = entry
            if cache is not None and (entry / "pagefind-entry.json").is_file():
                report.reused.append(k)
            else:
                report.rebuilt.append(k)
                pages = [rel for rel, _ in bucket.pages]
                jobs.append((pages, work / f"out-b{k}", entry, False))
        for job in jobs:  # one at a time: pagefind's memory (see BRANCHES_PER_BUCKET)
            _index(site_dir, work, *job)
        if main_entry is not None:
            for src in sorted(main_entry.rglob("*")):
                if src.is_file():
                    link_or_copy(src, site_dir / BUNDLE / src.relative_to(main_entry))
        for k, entry in sorted(entries.items()):
            for src in sorted(entry.rglob("*")):
                if src.is_file():
                    link_or_copy(src, site_dir / BUNDLE / f"b{k}" / src.relative_to(entry))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if cache is not None:
        _prune(cache, used)
    return report


def index_bucket_early(
    site_dir: Path,
    number: int,
    pages: Sequence[str],
    page_keys: dict[str, str],
    cache: Path,
    site_key: str,
    threads: int | None = None,
) -> bool:
    """Index one bucket (0: the main bundle) into the cache while MkDocs still renders other
    pages; build_search_index then finds it there (same pages, same key). A rebuild after one
    edit re-indexes one bucket: started as soon as its pages are written, it runs on the core
    MkDocs leaves idle. `threads`: pagefind's (None: as many as it likes). Returns whether
    pagefind ran (False: the bucket was cached already)."""
    # as build_search_index finds the site's pages (a template that rendered empty is not one)
    pages = [rel for rel in pages if (site_dir / rel).is_file()]
    bucket = _Bucket(number, [(rel, _made(site_dir, rel, page_keys)) for rel in pages])
    entry = cache / bucket.entry_name(site_key)
    if (entry / "pagefind-entry.json").is_file():
        return False
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".work-", dir=cache))
    try:
        out = work / f"out-b{number}"
        _index(site_dir, work, list(pages), out, entry, number == 0, threads)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return True


def _made(site_dir: Path, rel: str, page_keys: dict[str, str], html: bytes | None = None) -> str:
    """What made the page: its page-cache key, else its bytes (`html`, when already read)."""
    if key := page_keys.get(rel):
        return key
    return (
        "sha256:"
        + hashlib.sha256((site_dir / rel).read_bytes() if html is None else html).hexdigest()
    )


def _index(
    site_dir: Path,
    work: Path,
    pages: list[str],
    out: Path,
    entry: Path,
    main: bool,
    threads: int | None = None,
) -> None:
    """pagefind over a staging folder that holds hard links of just `pages` at their site
    paths (so result URLs are right); the bundle, trimmed to what the search page fetches
    from it, is moved to `entry` (the cache, or the site's own bundle folder). `threads`:
    how many pagefind may use (None: as many as it likes)."""
    stage = Path(tempfile.mkdtemp(prefix="stage-", dir=work))
    for rel in pages:
        link_or_copy(site_dir / rel, stage / rel)
    _run_pagefind(stage, out, threads)
    shutil.rmtree(stage, ignore_errors=True)
    for item in out.iterdir():
        if not _fetched(item.name, main):
            shutil.rmtree(item) if item.is_dir() else item.unlink()
    entry.parent.mkdir(parents=True, exist_ok=True)
    if entry.exists():  # a half-written entry left by an interrupted build
        shutil.rmtree(entry)
    try:
        os.replace(out, entry)
    except OSError:  # another filesystem: copy, then swap in whole
        tmp = entry.with_name(entry.name + f".{os.getpid()}.tmp")
        shutil.copytree(out, tmp)
        os.replace(tmp, entry)


def _fetched(name: str, main: bool) -> bool:
    if name in _MERGED_PARTS or name.endswith(".pf_meta"):
        return True
    # wasm.<language>.pagefind: the search API's, loaded from the main bundle
    return main and (name in _MAIN_PARTS or name.endswith(".pagefind"))


def _run_pagefind(site: Path, out: Path, threads: int | None = None) -> None:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out)]
    env = None
    if threads is not None:  # pagefind's parallel work runs on rayon's pool
        env = {**os.environ, "RAYON_NUM_THREADS": str(threads)}
    try:
        proc = subprocess.run(  # cwd: a stray pagefind.yml where the CLI runs changes nothing
            [*cmd, "--silent"],
            cwd=site,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=1800,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PluginError(f"全文检索索引生成失败: {exc}") from None
    if proc.returncode != 0:
        raise PluginError(
            f"全文检索索引生成失败（pagefind）:\n{proc.stderr.strip() or proc.stdout.strip()}"
        )


def _prune(cache: Path, used: set[str]) -> None:
    """Drop bundles this build did not use (like PageCache.prune)."""
    if not cache.is_dir():
        return
    for entry in cache.iterdir():
        if entry.name not in used and not entry.name.startswith("."):  # another build's work
            with contextlib.suppress(OSError):
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
