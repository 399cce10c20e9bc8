"""Reviewer pages and downloads, checked on a built site as a reviewer would read them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import run_cli
from tests.sitefiles import site_json


@pytest.fixture
def built(good_site: Path) -> Path:
    # A second, unpublished branch: scored and exported on request, never on the site.
    hidden = good_site / "branches/hidden"
    hidden.mkdir()
    (hidden / "branch.yml").write_text(
        "name: 内部党支部\nunit: 测试厂党委\nbrand: {name: 内部品牌}\npublish: false\n",
        encoding="utf-8",
    )
    code, _, err = run_cli("build", str(good_site))
    assert code == 0, err
    return good_site / "site"


def test_scorecard_page_explains_every_item(built: Path) -> None:
    html = (built / "branches/demo/scorecard/index.html").read_text(encoding="utf-8")
    data = site_json(built)
    demo = next(b for b in data["branches"] if b["id"] == "demo")
    for item in demo["items"]:
        assert f'id="{item["id"]}"' in html, item["id"]
    assert "星级党支部创建标准（2024版）" in html
    # the gap to the next star names the very items the export lists as missing
    for missing in demo["missing_for_next"]:
        assert f'href="#{missing}"' in html


def test_badge_svg_and_json(built: Path) -> None:
    svg = ET.fromstring((built / "branches/demo/badge.svg").read_bytes())
    assert svg.tag.endswith("svg")
    summary = json.loads((built / "branches/demo/badge.json").read_text(encoding="utf-8"))
    assert summary["id"] == "demo"
    assert summary["standard"] == {"name": "星级党支部创建标准", "version": "2024"}
    # the small good data (two activities) misses 3★ items of the default standard: no star
    results = site_json(built)
    demo = next(b for b in results["branches"] if b["id"] == "demo")
    assert summary["star"] == demo["star"] == 0
    assert summary["missing_for_next"] == demo["missing_for_next"] != []


def test_unpublished_branch_is_absent_from_site_and_downloads(built: Path) -> None:
    assert not (built / "branches/hidden").exists()
    for path in built.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv"):
            assert "内部党支部" not in path.read_text(encoding="utf-8", errors="ignore"), path
    wb = load_workbook(BytesIO((built / "scorecards/results.xlsx").read_bytes()))
    assert all(
        "内部党支部" not in str(c.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
    )


def test_export_cli_includes_unpublished_only_on_request(built: Path, tmp_path: Path) -> None:
    site_src = built.parent
    code, out, _ = run_cli("export", str(site_src))
    assert code == 0
    assert [b["id"] for b in json.loads(out)["branches"]] == ["demo"]
    code, out, _ = run_cli("export", str(site_src), "--include-unpublished")
    assert [b["id"] for b in json.loads(out)["branches"]] == ["demo", "hidden"]
    target = tmp_path / "r.xlsx"
    code, _, err = run_cli("export", str(site_src), "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    assert load_workbook(target).sheetnames[0] == "汇总"
    code, out, _ = run_cli("export", str(site_src), "--format", "csv")
    assert out.splitlines()[1].startswith("demo,")


def test_dashboard_lists_published_branches(built: Path) -> None:
    html = (built / "scorecards/index.html").read_text(encoding="utf-8")
    assert html.count("<tr data-star=") == 1
    for name in ("results.json.zip", "results.csv", "results.xlsx"):
        assert f'href="../scorecards/{name}"' in html or f'href="{name}"' in html
    assert (built / "warnings/index.html").is_file()
    assert (built / "groups/index.html").is_file()


def test_star_distribution_draws_a_bar_only_for_a_count(built: Path) -> None:
    html = (built / "scorecards/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<div class="sc-bar-row">(.*?)</div>', html, re.S)
    counts = [int(re.search(r'sc-bar-value">(\d+)<', row)[1]) for row in rows]
    assert sum(counts) == 1 and counts.count(0) >= 2, counts  # one published branch
    for row, n in zip(rows, counts, strict=True):
        assert ('class="sc-bar"' in row) == (n > 0), row
