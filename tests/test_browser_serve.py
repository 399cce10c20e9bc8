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
