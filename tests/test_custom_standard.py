"""The plugin option `standard:`: a site's own rulebook replaces the built-in default, its
name and version stamp every output, and a malformed rulebook is a file:line error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import run_cli
from tests.sitefiles import site_json

# A small rulebook a district party committee might write for a pilot year.
CUSTOM = """\
name: 区直机关星级支部试点标准
version: 2025试行
tiers:
  3: {name: 合格}
  4: {name: 良好}
  5: {name: 优秀}
categories: [组织生活, 基础资料]
activity_types: [支委会, 主题党日]
points:
  主题党日: {member: 5, group: 10}
items:
  - id: T-01
    category: 组织生活
    tier: 3
    text: 全年召开支委会
    rule: {count: 支委会, min: 1}
  - id: T-02
    category: 组织生活
    tier: 4
    text: 全年开展主题党日不少于1次
    rule: {count: 主题党日, min: 1}
  - id: T-03
    category: 组织生活
    tier: 5
    text: 全年开展主题党日不少于12次
    rule: {count: 主题党日, min: 12}
  - id: B-01
    category: 基础资料
    tier: 3
    text: 党员档案齐全
    rule: attested
"""


def with_standard(site: Path, text: str) -> Path:
    (site / "my-standard.yml").write_text(text, encoding="utf-8")
    cfg = site / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8") + "      standard: my-standard.yml\n", encoding="utf-8"
    )
    return site


def test_custom_standard_scores_and_stamps_the_site(good_site: Path) -> None:
    with_standard(good_site, CUSTOM)
    code, _, err = run_cli("build", str(good_site))
    assert code == 0, err
    site = good_site / "site"
    badge = json.loads((site / "branches/demo/badge.json").read_text(encoding="utf-8"))
    # 1 支委会 and 1 主题党日 in the good data: tiers 3 and 4 pass, 5 does not
    assert badge["star"] == 4
    assert badge["standard"] == {"name": "区直机关星级支部试点标准", "version": "2025试行"}
    card = (site / "branches/demo/scorecard/index.html").read_text(encoding="utf-8")
    assert "区直机关星级支部试点标准（2025试行版）" in card
    assert "T-03" in card and "A-01" not in card  # the default's items are gone
    results = site_json(site)
    assert results["standard"]["version"] == "2025试行"


def test_custom_standard_points_table_is_used(good_site: Path) -> None:
    with_standard(good_site, CUSTOM)
    assert run_cli("build", str(good_site))[0] == 0
    groups = (good_site / "site/groups/index.html").read_text(encoding="utf-8")
    # the year's table: yizu held the one 主题党日, worth 10 group points in the custom table
    # (5 in the default one) and no other activity of the custom types earns group points
    year = re.search(r'<section id="period-3">.*?</section>', groups, re.S)
    assert year is not None
    rows = [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", year.group(0), re.S)
    ]
    rows = [r for r in rows if r]  # the header row has <th> only
    assert [(r[1].split()[0], r[-1]) for r in rows] == [("一组党小组", "10")]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("rule: {count: 支委会, min: 1}", "rule: {tally: 支委会, min: 1}", 16, "rule"),
        (
            "rule: {count: 支委会, min: 1}",
            "rule: {count: 支部党员大会, min: 1}",
            16,
            '活动类型 "支部党员大会" 不在 activity_types 中',
        ),
        ("tier: 3", "tier: 6", 14, "tier"),
    ],
    ids=["unknown-rule", "unknown-type", "bad-tier"],
)
def test_malformed_custom_standard_is_a_file_line_error(
    good_site: Path, old: str, new: str, line: int, message: str
) -> None:
    with_standard(good_site, CUSTOM.replace(old, new, 1))
    code, out, err = run_cli("check", str(good_site))
    assert code == 1
    assert f"my-standard.yml:{line}:" in out + err, out + err
    assert message in out + err
    assert "Traceback" not in out + err


def test_missing_custom_standard_file_is_a_clear_error(good_site: Path) -> None:
    cfg = good_site / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8") + "      standard: nowhere.yml\n", encoding="utf-8"
    )
    code, out, err = run_cli("build", str(good_site))
    assert code == 1
    assert "nowhere.yml" in out + err and "Traceback" not in out + err
