"""Warm builds: unchanged inputs mean no work; any changed input means a real rebuild."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from conftest import run_cli
from generator.bench_data import write_site
from generator.load import cache as cache_mod
from generator.load.cache import FileDigests, branch_key

SKIPPED = "输入未变化"


def _build(site_root: Path, out: Path, *extra: str) -> str:
    code, stdout, stderr = run_cli("build", str(site_root), "-d", str(out), *extra)
    assert code == 0, stderr
    return stdout + stderr


def test_unchanged_inputs_skip_the_build_and_every_change_rebuilds(
    good_site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert SKIPPED not in _build(good_site, out)
    inode = out.stat().st_ino
    assert SKIPPED in _build(good_site, out)
    assert out.stat().st_ino == inode  # the very same folder: nothing was rewritten

    activity = sorted((good_site / "branches").glob("*/activities/*.md"))[0]
    activity.write_text(
        activity.read_text(encoding="utf-8") + "\n增量构建检验用的新句子。\n", encoding="utf-8"
    )
    assert SKIPPED not in _build(good_site, out)
    assert any(
        "增量构建检验用的新句子" in p.read_text(encoding="utf-8") for p in out.rglob("*.html")
    )

    # options are inputs too: a build with --strict is not the build without it
    assert SKIPPED not in _build(good_site, out, "--strict")
    assert SKIPPED in _build(good_site, out, "--strict")
    assert SKIPPED not in _build(good_site, out, "--force", "--strict")

    shutil.rmtree(out)  # a deleted site is always rebuilt
    assert SKIPPED not in _build(good_site, out)
    assert (out / "index.html").is_file()

    (good_site / "content" / "about.md").write_text("# 关于\n\n新页面。\n", encoding="utf-8")
    assert SKIPPED not in _build(good_site, out)
    assert (out / "about" / "index.html").is_file()
    config = good_site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_name:", "site_name: 改名后的", 1),
        encoding="utf-8",
    )
    assert SKIPPED not in _build(good_site, out)
    assert "改名后的" in (out / "index.html").read_text(encoding="utf-8")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_an_edit_rerenders_only_its_branch_and_gives_the_site_of_a_clean_build(
    tmp_path: Path,
) -> None:
    src = tmp_path / "src"
    write_site(src, 2, photos=1)
    config = src / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "      search: false\n", encoding="utf-8"
    )
    _build(src, tmp_path / "first")
    edited = sorted((src / "branches" / "zb0000" / "activities").glob("*.md"))[5]
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\n编辑后补充的一句话。\n", encoding="utf-8"
    )
    log = _build(src, tmp_path / "warm")
    untouched = sum(1 for p in (tmp_path / "warm" / "branches" / "zb0001").rglob("index.html"))
    assert untouched >= 5
    assert f"{untouched} 个支部页面未变化" in log  # the other branch's pages came from the cache
    page = tmp_path / "warm" / "branches" / "zb0001" / "index.html"
    assert page.stat().st_nlink >= 2  # linked from the cache, not written again
    assert "编辑后补充的一句话" in (
        tmp_path / "warm" / "branches" / "zb0000" / "activities" / "2024" / "index.html"
    ).read_text(encoding="utf-8")
    shutil.rmtree(src / ".cache")
    _build(src, tmp_path / "clean")
    assert _tree(tmp_path / "warm") == _tree(tmp_path / "clean")


def test_the_replaced_site_is_deleted_in_the_background(good_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    _build(good_site, out)
    _build(good_site, out, "--force")
    assert (out / "index.html").is_file()
    deadline = time.monotonic() + 30
    while list(tmp_path.glob(".site-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not list(tmp_path.glob(".site-*")), "the old site and staging folders must go"


def test_file_digests_are_reused_only_while_the_stat_is_unchanged(
    tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "branches" / "b1"
    folder.mkdir(parents=True)
    photo = folder / "photo.jpg"
    photo.write_bytes(b"A" * 1000)
    memo = tmp_path / "digests.json"
    first = FileDigests(memo)
    key = branch_key(folder, b"std", first)
    assert key == branch_key(folder, b"std")  # the memo changes no key
    first.save()
    reads: list[Path] = []
    real = cache_mod.digest_user_file

    def counting(path: str | Path) -> bytes | None:
        reads.append(Path(path))
        return real(path)

    monkeypatch.setattr(cache_mod, "digest_user_file", counting)
    warm = FileDigests(memo)
    assert branch_key(folder, b"std", warm) == key
    assert photo not in reads  # unchanged stat: not read again
    stamp = memo.stat()
    warm.save()
    assert memo.stat().st_ino == stamp.st_ino  # nothing new: the memo is not written again
    photo.write_bytes(b"B" * 1000)  # same size, new content and mtime
    changed = FileDigests(memo)
    assert branch_key(folder, b"std", changed) != key
    assert photo in reads
    changed.save()
    assert memo.stat().st_ino != stamp.st_ino  # replaced whole, with the new digest


def test_warm_check_gives_the_same_advice_from_its_memo(good_site: Path) -> None:
    """check's advice (提示) is remembered per branch content: the second run prints the same."""
    activity = sorted((good_site / "branches").glob("*/activities/*.md"))[0]
    activity.write_text(
        activity.read_text(encoding="utf-8") + "\n请填写本次活动的情况。\n", encoding="utf-8"
    )
    runs = [run_cli("check", str(good_site), "--format", "json") for _ in range(2)]
    assert runs[0][0] == runs[1][0] == 0
    assert "请填写" in runs[0][1]  # the placeholder is reported...
    assert runs[0][1] == runs[1][1]  # ...the same way from the memo
    assert (good_site / ".cache" / "showcase" / "advice.json").is_file()


def test_cached_branch_pages_skip_their_data_too(tmp_path: Path, monkeypatch) -> None:
    """A rebuild after one branch changed works out the portrait data of that branch only."""
    from generator.render.pages import portrait

    src = tmp_path / "src"
    write_site(src, 3, 1)
    calls: list[str] = []
    real = portrait._branch_data

    def counting(site, b):  # type: ignore[no-untyped-def]
        calls.append(b.id)
        return real(site, b)

    monkeypatch.setattr(portrait, "_branch_data", counting)
    _build(src, tmp_path / "site")
    assert sorted(calls) == ["zb0000", "zb0001", "zb0002"]
    calls.clear()
    activity = sorted((src / "branches" / "zb0001" / "activities").glob("*.md"))[2]
    activity.write_text(activity.read_text(encoding="utf-8") + "\n补记。\n", encoding="utf-8")
    _build(src, tmp_path / "site")
    assert calls == ["zb0001"]


def test_unchanged_branches_find_their_board_previews_without_their_data(
    tmp_path: Path, monkeypatch
) -> None:
    from generator.render.pages import boards

    src = tmp_path / "src"
    write_site(src, 3, 1)
    asked: list[str] = []
    real = boards.brand_board

    def counting(branch, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(branch.id)
        return real(branch, *args, **kwargs)

    monkeypatch.setattr(boards, "brand_board", counting)
    _build(src, tmp_path / "site")
    previews = sorted((tmp_path / "site" / "boards").rglob("*.png"))
    assert len(previews) == 3 and sorted(asked) == ["zb0000", "zb0001", "zb0002"]
    _build(src, tmp_path / "site", "--force")  # the previews drawn: now they are remembered
    asked.clear()
    _build(src, tmp_path / "site", "--force")  # every preview known: no board data at all
    assert asked == []
    profile = src / "branches" / "zb0002" / "branch.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _build(src, tmp_path / "site")
    assert asked == ["zb0002"]
    shutil.rmtree(src / ".cache")
    _build(src, tmp_path / "clean")
    clean = tmp_path / "clean" / "boards" / "index.html"
    assert clean.read_bytes() == (tmp_path / "site" / "boards" / "index.html").read_bytes()


def test_compare_entries_of_unchanged_branches_are_remembered(tmp_path: Path, monkeypatch) -> None:
    """/compare/ works out 五力 and points for every branch and year: a rebuild after one
    edit does so for the edited branch only, and the page equals a clean build's."""
    from generator.render.pages import compare

    src = tmp_path / "src"
    write_site(src, 3, 1)
    asked: list[str] = []
    real = compare.entry

    def counting(site, b, card):  # type: ignore[no-untyped-def]
        asked.append(b.id)
        return real(site, b, card)

    monkeypatch.setattr(compare, "entry", counting)
    _build(src, tmp_path / "site")
    assert sorted(set(asked)) == ["zb0000", "zb0001", "zb0002"]
    asked.clear()
    activity = sorted((src / "branches" / "zb0001" / "activities").glob("*.md"))[3]
    activity.write_text(activity.read_text(encoding="utf-8") + "\n补记。\n", encoding="utf-8")
    _build(src, tmp_path / "site")
    assert set(asked) == {"zb0001"}
    shutil.rmtree(src / ".cache")
    _build(src, tmp_path / "clean")
    clean = tmp_path / "clean" / "compare" / "index.html"
    assert clean.read_bytes() == (tmp_path / "site" / "compare" / "index.html").read_bytes()


def test_cached_pages_follow_a_retitled_page_in_the_nav(tmp_path: Path) -> None:
    """Cached branch pages are linked, not rendered, yet carry the nav: a hand-written page
    the nav names without a title shows its heading in every page's tabs, so changing that
    heading renders them again; the sitemap lists the linked pages as a clean build does."""
    src = tmp_path / "src"
    write_site(src, 2, photos=0)
    about = src / "content" / "about.md"
    about.write_text("# 支部风采长廊\n\n简介。\n", encoding="utf-8")
    _build(src, tmp_path / "first")
    page = tmp_path / "first" / "branches" / "zb0001" / "kanban" / "index.html"
    assert "支部风采长廊" in page.read_text(encoding="utf-8")
    about.write_text("# 先锋足迹展厅\n\n简介。\n", encoding="utf-8")
    _build(src, tmp_path / "warm")
    page = tmp_path / "warm" / "branches" / "zb0001" / "kanban" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "先锋足迹展厅" in text and "支部风采长廊" not in text
    about.write_text("# 先锋足迹展厅\n\n简介，多了一句。\n", encoding="utf-8")
    log = _build(src, tmp_path / "again")  # its body is in no other page, but the key is
    assert "支部页面未变化" not in log  # the page's whole text (its title is worked out late)
    sitemap = (tmp_path / "again" / "sitemap.xml").read_text(encoding="utf-8")
    assert "branches/zb0001/kanban/" in sitemap
    shutil.rmtree(src / ".cache")
    _build(src, tmp_path / "clean")
    assert _tree(tmp_path / "again") == _tree(tmp_path / "clean")


def test_a_template_behind_a_linked_theme_folder_is_an_input(
    good_site: Path, tmp_path: Path, monkeypatch
) -> None:
    """In a source checkout generator/theme links to the repository's theme/: editing a
    template there must rebuild, though the walk counts a linked folder by its link alone."""
    from generator.cli import unchanged
    from generator.cli.common import options

    package = tmp_path / "package"
    (package / "render").mkdir(parents=True)
    (package / "render" / "page.py").write_text("X = 1\n", encoding="utf-8")
    templates = tmp_path / "repo-theme"
    (templates / "showcase").mkdir(parents=True)
    page = templates / "showcase" / "page.html"
    page.write_text("<p>旧模板</p>\n", encoding="utf-8")
    (package / "theme").symlink_to(templates, target_is_directory=True)
    monkeypatch.setattr(unchanged, "_PACKAGE", package)

    def digest() -> str:
        return unchanged.fingerprint(good_site / "mkdocs.yml", options(str(good_site)), {})

    before = digest()
    assert digest() == before
    time.sleep(0.01)  # a new mtime even on coarse clocks
    page.write_text("<p>新模板，长度也变了</p>\n", encoding="utf-8")
    assert digest() != before
