"""The reviewer dashboard in a real browser: sorting, filtering, no outside requests."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import run_cli, serve_dir

pytestmark = pytest.mark.browser


@pytest.fixture
def site_with_three(good_site: Path) -> Path:
    """The good site plus two more published branches with different names and no data."""
    for bid, name in (("alpha", "甲党支部"), ("beta", "乙党支部")):
        folder = good_site / "branches" / bid
        folder.mkdir()
        (folder / "branch.yml").write_text(
            f"name: {name}\nunit: 另一党委\nbrand: {{name: {name}品牌}}\n", encoding="utf-8"
        )
    code, _, err = run_cli("build", str(good_site))
    assert code == 0, err
    return good_site / "site"


def test_dashboard_filters_and_sorts(browser, site_with_three: Path) -> None:
    with serve_dir(site_with_three) as base:
        page = browser.new_page()
        hosts: set[str] = set()
        errors: list[str] = []
        page.on("request", lambda r: hosts.add(urlparse(r.url).hostname or ""))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + "scorecards/")
        rows = page.locator("#sc-dashboard tbody tr")
        assert rows.count() == 3
        page.fill("#sc-dash-q", "另一党委")
        assert page.locator("#sc-dashboard tbody tr:visible").count() == 2
        assert "显示 2 个支部" in page.inner_text("#sc-dash-count")
        page.fill("#sc-dash-q", "")
        # sort by the warnings column (tablesort): ascending then descending
        header = page.locator("#sc-dashboard thead th", has_text="预警")
        header.click()
        first = page.locator("#sc-dashboard tbody tr").first.get_attribute("data-warnings")
        header.click()
        first_desc = page.locator("#sc-dashboard tbody tr").first.get_attribute("data-warnings")
        counts = sorted(int(r.get_attribute("data-warnings")) for r in rows.all())
        assert {int(first), int(first_desc)} == {counts[0], counts[-1]}
        page.goto(base + "branches/demo/scorecard/")
        assert page.locator("tr#A-01").count() == 1
        page.close()
        assert hosts <= {"127.0.0.1"}, hosts
        assert not errors, errors
