"""`showcase serve` with broken data: the browser shows every problem and reloads when fixed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, serving

pytestmark = pytest.mark.browser


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "s"
    shutil.copytree(DATA / "good", site)
    return site


def test_broken_file_shows_error_page_and_fixing_reloads(browser, tmp_path: Path) -> None:
    site = _site(tmp_path)
    activity = site / "branches/demo/activities/2024-03-05-zhutidangri.md"
    good = activity.read_text(encoding="utf-8")
    with serving(site) as (url, log):
        page = browser.new_page()
        page.goto(url + "branches/demo/")
        assert page.locator("#showcase-preview-errors").count() == 0
        # Two problems in two files: both are listed, with file and line.
        activity.write_text(good.replace("type: 主题党日", "type: 主题党曰"), encoding="utf-8")
        members = site / "branches/demo/members.yml"
        members_good = members.read_text(encoding="utf-8")
        members.write_text(members_good.replace("post:", "pots:", 1), encoding="utf-8")
        errors = page.locator("#showcase-preview-errors")
        errors.wait_for(timeout=5000)
        text = errors.inner_text()
        assert 'branches/demo/activities/2024-03-05-zhutidangri.md:3: 活动类型 "主题党曰"' in text
        assert "branches/demo/members.yml:" in text and '未知字段 "pots"' in text
        # The terminal shows the same list.
        assert "主题党曰" in log.read_text(encoding="utf-8")
        # Any other page of the site answers at once with the same list (no hanging request).
        other = browser.new_page()
        other.goto(url + "scorecards/", timeout=5000)
        assert "主题党曰" in other.locator("#showcase-preview-errors").inner_text()
        other.close()
        # Fixing the data reloads the open page into the real content.
        members.write_text(members_good, encoding="utf-8")
        activity.write_text(good, encoding="utf-8")
        page.locator("#showcase-preview-errors").wait_for(state="detached", timeout=10000)
        page.wait_for_load_state()
        assert page.locator("h1").first.inner_text().strip() != ""
        assert "数据有误" not in page.content()
        page.close()


def test_serve_starts_on_broken_data_and_shows_it(browser, tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "branches/demo/branch.yml").write_text(
        "name: 测试支部\nunit：某党委\n", encoding="utf-8"
    )
    with serving(site) as (url, _):
        page = browser.new_page()
        page.goto(url, timeout=5000)
        assert "branches/demo/branch.yml" in page.locator("#showcase-preview-errors").inner_text()
        page.close()


# A generated branch's pages (bench_data: three groups, one year of activities).
BRANCH_PAGES = (
    "", "activities/2024/", "scorecard/", "wuli/", "portrait/", "kanban/", "commitments/",
    "groups/g1/", "groups/g2/", "groups/g3/", "badge.svg", "badge.json",
)  # fmt: skip


RECONNECTED = "Browser connected: "  # serve's log line when a (re)loaded page connects


def _served(url: str) -> bytes:
    """A page as served, without the live-reload call (its numbers change on every build)."""
    import re
    import urllib.request

    with urllib.request.urlopen(url, timeout=60) as resp:
        return re.sub(rb"livereload\(\d+, \d+\)", b"", resp.read())


def _listing(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()}


def _wait_for(log: Path, text: str, count: int, timeout: float = 120) -> str:
    import time

    deadline = time.monotonic() + timeout
    while (seen := log.read_text(encoding="utf-8")).count(text) < count:
        assert time.monotonic() < deadline, seen
        time.sleep(0.2)
    return seen


def test_edit_in_one_branch_is_shown_at_once_then_the_whole_site_follows(
    browser, tmp_path: Path
) -> None:
    """The edited branch's pages come from a quick build of that branch alone; the full
    rebuild that follows gives the same pages, and brings search and overviews along."""
    from generator.bench_data import write_site

    site = tmp_path / "s"
    write_site(site, 3, photos=1)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_url: https://intranet.example/bench/\n", ""), "utf-8")
    folder = site / "branches/zb0001/activities"
    model = sorted(folder.glob("*.md"))[3]
    title = "冬季消防器材巡检与应急疏散演练"
    with serving(site) as (url, log):
        page = browser.new_page()
        pages = url + "branches/zb0001/activities/2024/"
        page.goto(pages)
        assert title not in page.content()
        untouched = _served(url + "branches/zb0002/activities/2024/")
        caches = _listing(site / ".cache")
        added = folder / f"{model.stem}-yanlian.md"
        lines = model.read_text(encoding="utf-8").splitlines()
        lines = [f"title: {title}" if line.startswith("title:") else line for line in lines]
        added.write_text("\n".join(lines) + "\n演练后检查了灭火器压力表。\n", encoding="utf-8")
        # The open page reloads with the new activity, before any full rebuild has begun.
        page.get_by_text(title).first.wait_for(timeout=20000)
        seen = log.read_text(encoding="utf-8")
        assert "正在快速更新支部页面：zb0001" in seen
        assert seen.count("正在生成站点") == 1, seen  # the first build only
        # The quick build keeps a cache of its own: it would drop every other branch's entries.
        assert _listing(site / ".cache") == caches
        quick = {rel: _served(url + "branches/zb0001/" + rel) for rel in BRANCH_PAGES}
        assert title.encode() in quick["activities/2024/"]
        assert _served(url + "branches/zb0002/activities/2024/") == untouched
        # The full rebuild follows once edits pause, in a process of its own: the same page,
        # the other branches taken from the project's page cache, the search current.
        connected = log.read_text(encoding="utf-8").count(RECONNECTED)
        seen = _wait_for(log, "全站总览与检索已更新", 1)
        assert seen.count("正在生成站点") == 1, seen
        assert "个支部页面未变化，取自缓存" in seen.split("支部页面已更新")[-1]
        for rel, body in quick.items():  # every page of the branch, byte for byte
            assert _served(url + "branches/zb0001/" + rel) == body, rel
        # The open page reloads itself now; closing or navigating it meanwhile can hang.
        _wait_for(log, RECONNECTED, connected + 1)
        page.close()
        search = browser.new_page()
        search.goto(url + "search/?q=" + "灭火器压力表")
        search.locator(".sc-result").first.wait_for(timeout=20000)
        assert "zb0001" in search.locator(".sc-result a").first.get_attribute("href")
        search.close()
    # Stopped (SIGTERM), serve ends as on Ctrl-C: its rebuild stopped, its temp folder removed.
    assert "已停止预览" in log.read_text(encoding="utf-8")
