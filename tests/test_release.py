"""A branch's activity records are let go of after its last page (render/release.py): the site
stays byte for byte what it was, every branch is released, and well before the build ends."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import rosterkit

from conftest import run_cli
from generator import plugin
from generator.bench_data import write_site
from generator.models import Branch
from generator.render import release, search
from generator.render.release import Released, ReleasedError, Releaser


class _Keeps(Releaser):
    """Releases nothing: the build as it was before releasing existed."""

    def _release(self, bid: str) -> None:
        self.branches.pop(bid)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _build(src: Path, out: Path) -> None:
    code, _, err = run_cli("build", str(src), "-d", str(out))
    assert code == 0, err


def _projects(root: Path) -> list[Path]:
    """Generated branches in three search buckets, one with a log in a second year; and the
    officer's kit: notices, reflections, applicants, a board of group photos."""
    bench = root / "bench"
    write_site(bench, 5, photos=1, seed=7)
    older = sorted((bench / "branches" / "zb0003" / "activities").glob("*.md"))[0]
    text = older.read_text(encoding="utf-8").replace("date: 2024-", "date: 2023-", 1)
    (older.parent / ("2023" + older.name[4:])).write_text(text, encoding="utf-8")
    return [bench, rosterkit.write_site(root / "kit")]


def test_releasing_changes_no_byte_and_releases_every_branch_as_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "BRANCHES_PER_BUCKET", 2)
    rendered: list[str] = []
    released: list[tuple[str, int]] = []  # (branch, pages rendered before its release)
    real_rendered, real_release = Releaser.rendered, Releaser._release

    def counting(self: Releaser, src_uri: str) -> None:
        rendered.append(src_uri)
        real_rendered(self, src_uri)

    def recording(self: Releaser, bid: str) -> None:
        released.append((bid, len(rendered)))
        real_release(self, bid)

    monkeypatch.setattr(Releaser, "rendered", counting)
    monkeypatch.setattr(Releaser, "_release", recording)
    for src in _projects(tmp_path):
        twin = src.with_name(src.name + "-twin")  # its own caches: every page rendered again
        shutil.copytree(src, twin)
        rendered.clear()
        released.clear()
        _build(src, tmp_path / f"{src.name}-released")
        pages = len(rendered)
        ids = sorted(p.name for p in (src / "branches").iterdir() if p.is_dir())
        assert sorted(b for b, _ in released) == ids  # each once, none left over
        # Releasing goes along with the rendering, not at its end: the last branch goes with
        # its last page, and only pages that are no branch's own (dashboards) come after.
        last_own = max(i for i, u in enumerate(rendered) if search.branch_of(u)) + 1
        assert max(at for _, at in released) == last_own, src.name
        assert len(rendered) > last_own and not any(map(search.branch_of, rendered[last_own:]))
        if src.name == "bench":  # three buckets: the first branches go long before the last
            assert min(at for _, at in released) < last_own / 2
        rendered.clear()
        with monkeypatch.context() as m:
            m.setattr(plugin, "Releaser", _Keeps)
            _build(twin, tmp_path / f"{src.name}-kept")
        assert len(rendered) == pages  # rendered, not taken from the page cache
        assert _tree(tmp_path / f"{src.name}-released") == _tree(tmp_path / f"{src.name}-kept")


def test_a_page_that_reads_released_records_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Released before its pages render, a branch's log finds a stand-in that raises: the
    build fails as on any bug (the old site stays), it never shows an empty log."""
    real_init = Releaser.__init__

    def at_once(self: Releaser, branches: list[Branch], to_render: list[str]) -> None:
        real_init(self, branches, [])

    monkeypatch.setattr(Releaser, "__init__", at_once)
    src = tmp_path / "src"
    write_site(src, 2, photos=0, seed=11)
    with pytest.raises(ReleasedError, match="zb000"):
        run_cli("build", str(src), "-d", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_the_stand_in_refuses_every_use() -> None:
    gone = Released("zb0042")
    for use in (len, list, bool, reversed, lambda g: g[0], lambda g: 1 in g):
        with pytest.raises(ReleasedError, match="zb0042"):
            use(gone)


def test_a_branch_with_no_page_to_render_is_released_at_once() -> None:
    def branch(bid: str) -> Branch:  # what the releaser touches of a loaded branch
        return SimpleNamespace(id=bid, activities=())  # type: ignore[return-value]

    a, b = branch("a"), branch("b")
    r = Releaser([a, b], ["branches/a/index.md", "branches/a/scorecard/index.md", "index.md"])
    assert isinstance(b.activities, Released) and a.activities == ()
    r.rendered("index.md")
    r.rendered("branches/a/index.md")
    assert a.activities == ()
    r.rendered("branches/a/scorecard/index.md")
    assert isinstance(a.activities, Released)
    r.rendered("branches/a/scorecard/index.md")  # rendered twice: nothing more happens
    assert r.released == 2 and not r.branches  # none left to release


def test_render_order_keeps_a_branchs_pages_together_largest_bundle_last(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search, "BRANCHES_PER_BUCKET", 8)
    ids = [f"zb{i:04d}" for i in range(50)]  # buckets of 10, 12, 4, 4, 5, 7 and 8
    count = search.bucket_count(len(ids))
    kinds = ("brand", "score", "log")
    pages = ["index.md"] + [f"branches/{b}/{kind}/index.md" for kind in kinds for b in ids]
    pages += ["scorecards/index.md", "guide/index.md"]
    searchable = {p for p in pages if "/score/" not in p and p != "scorecards/index.md"}
    order = search.index_order(pages, ids, searchable)
    assert sorted(order) == sorted(pages)
    assert order[:2] == ["index.md", "guide/index.md"]  # no branch's own: searchable first,
    assert order[-1] == "scorecards/index.md"  # the others last
    own = [b for b in map(search.branch_of, order) if b]
    runs = [b for i, b in enumerate(own) if i == 0 or own[i - 1] != b]
    assert sorted(runs) == ids  # each branch's pages one after another
    sizes = {k: sum(search.bucket_of(b, count) == k for b in ids) for k in range(count)}
    seen = [search.bucket_of(b, count) for b in runs]
    bundles = [k for i, k in enumerate(seen) if i == 0 or seen[i - 1] != k]
    assert sorted(bundles) == list(range(count))  # a bundle's branches together
    assert [sizes[k] for k in bundles] == sorted(sizes.values())  # the largest last
    assert bundles != sorted(bundles)  # not simply by number: by size
    for b in ids:
        mine = [u for u in order if search.branch_of(u) == b]
        assert mine == [f"branches/{b}/{k}/index.md" for k in ("brand", "log", "score")]


def test_the_last_bundle_waits_for_the_background_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the last, and only after others: the others run beside them (more processes, but
    a smaller MkDocs)."""
    events: list[str] = []
    monkeypatch.setattr(search, "index_bucket_early", lambda s, k, *r: events.append(f"b{k}"))
    buckets = {1: ["branches/a/index.html"], 2: ["branches/b/index.html"]}
    early = search.EarlyIndex(
        tmp_path, buckets, {}, tmp_path, "key", before_last=lambda: events.append("settle")
    )
    early.written("branches/a/index.html")
    early.written("branches/b/index.html")
    early.wait()
    assert events == ["b1", "settle", "b2"]
    events.clear()  # one bundle alone (an edit): nothing to wait for
    alone = search.EarlyIndex(
        tmp_path, {2: buckets[2]}, {}, tmp_path, "key", before_last=lambda: events.append("settle")
    )
    alone.written("branches/b/index.html")
    alone.wait()
    assert events == ["b2"]


def test_trim_is_harmless_where_there_is_no_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*args: object) -> None:
        raise OSError("no libc")

    monkeypatch.setattr(release.ctypes, "CDLL", missing)
    release._trim.cache_clear()
    try:
        release._malloc_trim()  # nothing raised
    finally:
        release._trim.cache_clear()
