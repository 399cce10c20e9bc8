"""Tier names come from the rulebook in every output: under a rulebook whose tiers are
合格/良好/优秀, pages, badge, exports and boards all say "四星·良好" — never the default's
先进级, never a bare 四星 in one place and 良好 in another."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from scorekit import activity_md, write

from conftest import run_cli
from generator.cli.common import load_and_score, options
from generator.print.boards import brand_board, plaque_board
from tests.sitefiles import site_json

RULEBOOK = """\
name: 镇街党建星级试行标准
version: 2025-试1
tiers:
  3: {name: 合格}
  4: {name: 良好}
  5: {name: 优秀}
categories: [组织生活, 基础资料]
activity_types: [支委会, 主题党日]
items:
  - {id: Z-01, category: 组织生活, tier: 3, text: 全年召开支委会, rule: {count: 支委会, min: 1}}
  - {id: Z-02, category: 组织生活, tier: 4, text: 全年开展主题党日, rule: {count: 主题党日, min: 1}}
  - {id: Z-03, category: 组织生活, tier: 5, text: 主题党日不少于十次, rule: {count: 主题党日, min: 10}}
  - {id: J-01, category: 基础资料, tier: 3, text: 党员档案齐全, rule: attested}
"""
DEFAULT_WORDS = ("达标级", "先进级", "标杆级")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tiers") / "src"
    write(
        root,
        {
            "mkdocs.yml": (
                "site_name: 星级称呼测试\ndocs_dir: content\ntheme: {name: material, language: zh}\n"
                "plugins:\n  - showcase:\n      standard: rules.yml\n      year: 2024\n"
                "      as_of: 2025-01-15\n      search: false\n"
            ),
            "rules.yml": RULEBOOK,
            "content/index.md": "# 星级称呼测试\n",
            # 南湖: 支委会 + 主题党日 + attested 档案 -> tiers 3 and 4 held, 5 not: 四星·良好
            "branches/nanhu/branch.yml": "name: 南湖社区党支部\nunit: 镇街党委\nbrand: {name: 南湖红帆}\n",
            "branches/nanhu/assessment.yml": "2024:\n  J-01: {pass: true, by: 组织办}\n",
            "branches/nanhu/activities/2024-04-03-zwh.md": activity_md("2024-04-03", "支委会"),
            "branches/nanhu/activities/2024-05-04-ztdr.md": activity_md("2024-05-04", "主题党日"),
            # 北岸: nothing attested -> no star
            "branches/beian/branch.yml": "name: 北岸村党支部\nunit: 镇街党委\nbrand: {name: 北岸渔火}\n",
            "branches/beian/activities/2024-04-03-zwh.md": activity_md("2024-04-03", "支委会"),
        },
    )
    code, _, err = run_cli("build", str(root))
    assert code == 0, err
    return root


def test_pages_use_the_rulebooks_tier_names(built: Path) -> None:
    site = built / "site"
    card = (site / "branches/nanhu/scorecard/index.html").read_text(encoding="utf-8")
    assert "四星·良好" in card and "距五星·优秀还差" in card
    zero = (site / "branches/beian/scorecard/index.html").read_text(encoding="utf-8")
    assert "未评星" in zero and "距三星·合格还差" in zero
    for page in (
        "index.html",
        "scorecards/index.html",
        "scorecards/export/index.html",
        "branches/index.html",
        "branches/nanhu/index.html",
    ):
        text = (site / page).read_text(encoding="utf-8")
        assert not any(w in text for w in DEFAULT_WORDS), page
    for page in (
        "index.html",
        "scorecards/index.html",
        "branches/index.html",
    ):  # star filters, distribution
        text = (site / page).read_text(encoding="utf-8")
        assert "四星·良好" in text and "五星·优秀" in text and "三星·合格" in text, page


def test_badge_export_and_boards_agree(built: Path) -> None:
    site = built / "site"
    badge = json.loads((site / "branches/nanhu/badge.json").read_text(encoding="utf-8"))
    assert (badge["star"], badge["star_name"], badge["star_label"]) == (4, "良好", "四星·良好")
    svg = (site / "branches/nanhu/badge.svg").read_text(encoding="utf-8")
    assert re.search(r"<text[^>]*>★★★★ 四星·良好</text>", svg)
    zero_badge = json.loads((site / "branches/beian/badge.json").read_text(encoding="utf-8"))
    assert zero_badge["star_label"] == "未评星"

    doc = site_json(site)
    exported = {b["id"]: b for b in doc["branches"]}
    assert (
        exported["nanhu"]["star_label"] == "四星·良好" and exported["nanhu"]["star_name"] == "良好"
    )
    assert exported["beian"]["star_label"] == "未评星"
    rows = {
        r["编号"]: r
        for r in csv.DictReader(
            io.StringIO((site / "scorecards/results.csv").read_text(encoding="utf-8-sig"))
        )
    }
    assert rows["nanhu"]["星级名称"] == "良好" and rows["beian"]["星级名称"] == "未评星"
    assert rows["nanhu"]["历年星级"] == "2024年：四星·良好"

    project, results = load_and_score(options(str(built)))
    nanhu = project.branch("nanhu")
    assert nanhu is not None
    board = brand_board(nanhu, results.branches["nanhu"], None)
    assert (
        board.data["star_words"]
        == "四星·良好"
        == badge["star_label"]
        == exported["nanhu"]["star_label"]
    )
    assert plaque_board(nanhu, results.branches["nanhu"]).data["star_words"] == "四星·良好"
    beian = project.branch("beian")
    assert beian is not None
    assert brand_board(beian, results.branches["beian"], None).data["star_words"] == "未评星"
