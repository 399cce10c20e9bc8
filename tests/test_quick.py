"""serve's quick preview (generator/cli/quick.py): which edits it takes, and how its files
reach the served site. The browser side is in test_browser_serve.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cli.quick import publish, touched_branches


def _branches(tmp_path: Path) -> Path:
    root = tmp_path / "branches"
    for bid in ("hongqi", "xianfeng"):
        (root / bid / "activities").mkdir(parents=True)
    return root.resolve()


def test_edits_inside_known_branch_folders_name_those_branches(tmp_path: Path) -> None:
    root = _branches(tmp_path)
    known = {"hongqi", "xianfeng"}
    one = [str(root / "hongqi/activities/2024-05-04-qingnian.md")]
    assert touched_branches(one, root, known) == {"hongqi"}
    both = [*one, str(root / "xianfeng/members.yml")]
    assert touched_branches(both, root, known) == {"hongqi", "xianfeng"}


def test_edits_a_branch_build_cannot_show_need_the_full_build(tmp_path: Path) -> None:
    root = _branches(tmp_path)
    known = {"hongqi", "xianfeng"}
    inside = str(root / "hongqi/branch.yml")
    # the rulebook, mkdocs.yml or content/: every page may change
    assert touched_branches([inside, str(tmp_path / "mkdocs.yml")], root, known) is None
    # a folder the served site does not have yet: the branch index must list it
    (root / "xinjian").mkdir()
    assert touched_branches([str(root / "xinjian/branch.yml")], root, known) is None
    # a file beside the folders, and a folder that went away
    assert touched_branches([str(root / "README.md")], root, known) is None
    (root / "xianfeng/activities").rmdir()
    (root / "xianfeng").rmdir()
    assert touched_branches([str(root / "xianfeng/branch.yml")], root, known) is None
    assert touched_branches([], root, known) is None


def test_publish_replaces_adds_and_removes_without_writing_into_served_files(
    tmp_path: Path,
) -> None:
    built, served, cache = tmp_path / "built", tmp_path / "served", tmp_path / "cache"
    for folder in (built / "branches/hongqi/scorecard", served / "branches/hongqi/scorecard"):
        folder.mkdir(parents=True)
    cache.mkdir()
    # The served page is a hard link into a cache, as a full build leaves it.
    (cache / "k1.html").write_text("旧的记分卡", encoding="utf-8")
    os.link(cache / "k1.html", served / "branches/hongqi/scorecard/index.html")
    (served / "branches/hongqi/old/index.html").parent.mkdir(parents=True)
    (served / "branches/hongqi/old/index.html").write_text("已删除的页面", encoding="utf-8")
    (served / "branches/xianfeng").mkdir(parents=True)
    (served / "branches/xianfeng/index.html").write_text("别的支部", encoding="utf-8")
    (served / "media").mkdir()
    (served / "media/aa-t.jpg").write_bytes(b"served photo")
    (built / "branches/hongqi/scorecard/index.html").write_text("新的记分卡", encoding="utf-8")
    (built / "boards/hongqi").mkdir(parents=True)
    (built / "boards/hongqi/brand-preview.png").write_bytes(b"png")
    (built / "media").mkdir()
    (built / "media/aa-t.jpg").write_bytes(b"same name, never replaced")
    (built / "media/bb-t.jpg").write_bytes(b"new photo")
    (built / "index.html").write_text("一个支部的首页：不属于该支部", encoding="utf-8")

    assert publish(built, served, ["hongqi"]) == 4
    page = served / "branches/hongqi/scorecard/index.html"
    assert page.read_text(encoding="utf-8") == "新的记分卡"
    assert (cache / "k1.html").read_text(encoding="utf-8") == "旧的记分卡"
    assert not (served / "branches/hongqi/old/index.html").exists()
    assert (served / "branches/xianfeng/index.html").read_text(encoding="utf-8") == "别的支部"
    assert (served / "boards/hongqi/brand-preview.png").read_bytes() == b"png"
    assert (served / "media/aa-t.jpg").read_bytes() == b"served photo"
    assert (served / "media/bb-t.jpg").read_bytes() == b"new photo"
    assert not (served / "index.html").exists()
    assert not list(served.rglob("*.tmp"))
    # Nothing changed since: nothing is copied again.
    assert publish(built, served, ["hongqi"]) == 0


def _until(check, timeout: float = 120) -> None:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_the_follow_up_rebuild_runs_apart_and_a_newer_edit_stops_all_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve's full rebuild after quick previews is a process group of its own: stopped
    (a newer edit) it leaves no process and no folder behind; left alone it hands over the
    site, or the problem lines of bad input."""
    from generator.bench_data import write_site
    from generator.cli import followup

    monkeypatch.setattr(followup, "FOLLOW_UP_DELAY", 0.05)
    src, work = tmp_path / "src", tmp_path / "work"
    write_site(src, 2, photos=2)
    work.mkdir()
    results: list[tuple[Path | None, list[str] | None]] = []
    rebuild = followup.FollowUp(
        str(src / "mkdocs.yml"), "127.0.0.1:8123", "http://127.0.0.1:8123/", work,
        lambda site, errors: results.append((site, errors)),
    )  # fmt: skip
    rebuild.schedule()
    _until(lambda: rebuild._proc is not None)
    assert rebuild._proc is not None
    group = rebuild._proc.pid
    _until(
        lambda: len(followup.group_alive(group)) >= 2
    )  # the build and a background child of its own
    rebuild.stop()
    assert followup.group_alive(group) == []  # stopped and gone, not left to finish
    assert not rebuild.pending and results == []
    assert not (work / "rebuild-1").exists()
    # serve does not wait for it: the quick preview goes first, the rest is cleaned up after
    rebuild.schedule()
    _until(lambda: rebuild._proc is not None and len(followup.group_alive(rebuild._proc.pid)) >= 2)
    assert rebuild._proc is not None
    group = rebuild._proc.pid
    rebuild.stop(wait=False)
    assert not rebuild.pending
    _until(lambda: not followup.group_alive(group) and not (work / "rebuild-2").exists(), 10)
    assert results == []

    rebuild.schedule()
    _until(lambda: len(results) == 1)
    site, errors = results[0]
    assert errors is None and site == work / "rebuild-3"
    assert (site / "branches/zb0001/index.html").is_file()
    assert (site / "pagefind/pagefind-entry.json").is_file()

    broken = sorted((src / "branches/zb0000/activities").glob("*.md"))[0]
    broken.write_text(broken.read_text(encoding="utf-8").replace("type:", "tpye:"), "utf-8")
    rebuild.schedule()
    _until(lambda: len(results) == 2)
    site, errors = results[1]
    assert site is None and errors
    assert any(broken.name in line and "tpye" in line for line in errors), errors
    assert not (work / "rebuild-4").exists()


def test_the_error_page_lists_each_problem_once() -> None:
    """MkDocs logs a plugin's error and the build raises it again: the page said 共 2 处 for
    one problem, listed twice."""
    from generator.cli.preview import problem_lines
    from generator.problems import INPUT_ERROR_HEAD

    report = f'{INPUT_ERROR_HEAD}\nbranches/a/members.yml:3: 未知字段 "phon"\n共 1 处错误。'
    assert problem_lines([report, report]) == ['branches/a/members.yml:3: 未知字段 "phon"']
