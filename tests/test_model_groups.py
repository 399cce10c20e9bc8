"""示范党小组 per month, quarter and year (年度总评): every tied group is named, the /groups/
page shows the last ended month, its quarter and year so far beside the rated year, the
export lists them, and the 公示栏 shows that month's — even while the rated year is the last one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from scorekit import activity_md, write

from conftest import run_cli
from generator.cli.common import load_and_score, options
from generator.print.boards import default_month, notice_board
from tests.sitefiles import site_json

GROUPS = """\
- {id: hangtian, name: 航天组党小组, brand: 航天星火}
- {id: lanhai, name: 蓝海组党小组, brand: 蓝海扬帆}
- {id: qingshan, name: 青山组党小组, brand: 青山不老}
"""


def _day(date: str, group: str) -> tuple[str, str]:
    """A 主题党日 held by `group` (5 group points in the default rulebook)."""
    return f"branches/songlin/activities/{date}-{group}.md", activity_md(
        date, "主题党日", f"{group}主题党日", f"group: {group}\n"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("models") / "src"
    acts = dict(
        [
            _day("2024-01-10", "hangtian"),  # January: 航天 and 蓝海 tie
            _day("2024-01-11", "lanhai"),
            _day("2024-02-10", "hangtian"),
            _day("2024-03-10", "hangtian"),  # the year: 航天 15, alone at the top
            _day("2024-12-05", "lanhai"),  # December and Q4: 蓝海 and 青山 tie
            _day("2024-12-06", "qingshan"),
            _day("2025-01-08", "qingshan"),  # the running year: 青山 leads January 2025
        ]
    )
    write(
        root,
        {
            "mkdocs.yml": (
                "site_name: 示范党小组测试\ndocs_dir: content\ntheme: {name: material, language: zh}\n"
                "plugins:\n  - showcase:\n      year: 2024\n      as_of: 2025-02-10\n      search: false\n"
            ),
            "content/index.md": "# 示范党小组测试\n",
            "branches/songlin/branch.yml": "name: 松林党支部\nunit: 示范测试党委\nbrand: {name: 松林先锋}\n",
            "branches/songlin/groups.yml": GROUPS,
            **acts,
        },
    )
    code, _, err = run_cli("build", str(root))
    assert code == 0, err
    return root


def test_export_names_every_tied_group_per_period(built: Path) -> None:
    doc = site_json(built / "site")
    models = doc["branches"][0]["model_groups"]
    assert models["2024-01"] == ["hangtian", "lanhai"]
    assert models["2024-03"] == ["hangtian"] and "2024-04" not in models  # nobody scored in April
    assert models["2024-12"] == ["lanhai", "qingshan"]
    assert models["2024-Q1"] == ["hangtian"] and models["2024-Q4"] == ["lanhai", "qingshan"]
    assert models["2024"] == ["hangtian"]
    assert models["2025-01"] == ["qingshan"] and models["2025"] == ["qingshan"]
    # the rated year's totals are the rated year's only
    groups = {g["id"]: g for g in doc["branches"][0]["groups"]}
    assert groups["qingshan"]["points"] == 5 and groups["hangtian"]["points"] == 15


def test_groups_page_shows_month_quarter_and_year(built: Path) -> None:
    page = (built / "site/groups/index.html").read_text(encoding="utf-8")
    section = re.search(r'<section id="models">(.*?)</section>', page, re.S)
    assert section
    heads = re.findall(r"<h3[^>]*>(.*?)</h3>", section.group(1))
    assert heads == ["2025年1月", "2025年第1季度", "2025年（本年累计）", "2024年（年度总评）"]
    parts = re.split(r"<h3[^>]*>", section.group(1))[1:]
    named = [re.findall(r">([^<>]+)</a>（松林党支部", p) for p in parts]
    assert named == [["青山不老"], ["青山不老"], ["青山不老"], ["航天星火"]]
    # the rankings mark the model groups of their period
    year_table = re.search(r'<section id="period-4">.*?</section>', page, re.S)
    assert year_table and year_table.group(0).count('class="sc-model-row"') == 1
    assert '航天组党小组 <span class="sc-tag">示范</span>' in year_table.group(0)


def test_notice_board_shows_the_months_model_groups(built: Path) -> None:
    project, results = load_and_score(options(str(built)))
    branch = project.branch("songlin")
    assert branch is not None
    assert results.year == 2024 and default_month(results.as_of) == "2025-01"  # as_of 10 February
    current = notice_board(
        branch, results.branches["songlin"], default_month(results.as_of), results.as_of
    ).data
    assert current["model_group"] == "1月示范党小组：青山不老" and current["period"].startswith(
        "2025年1月"
    )
    december = notice_board(branch, results.branches["songlin"], "2024-12", results.as_of).data
    assert december["model_group"] == "12月示范党小组：蓝海扬帆、青山不老"
    flagged = [r["group"] for r in december["group_points"] if r["model"] == "示范党小组"]
    assert flagged == ["蓝海扬帆（蓝海组党小组）", "青山不老（青山组党小组）"]
    # in January the two groups that tied then are the month's model groups
    january = notice_board(branch, results.branches["songlin"], "2024-01", results.as_of).data
    assert january["model_group"] == "1月示范党小组：航天星火、蓝海扬帆"
