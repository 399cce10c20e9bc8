"""五力 points model: AHP weights and consistency ratio, file:line errors for a bad model,
member and group scores from the roster test site, the page beside the scorecard, the export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rosterkit import APPLICANTS, AS_OF, write_site

from conftest import run_cli
from generator.load.project import load_project
from generator.load.wuli import DEFAULT_WULI, default_wuli, load_wuli
from generator.score.wuli import ahp, wuli_scores

GOOD = DEFAULT_WULI.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("wuli") / "src")


def test_builtin_model_has_five_dimensions_and_22_indicators() -> None:
    m = default_wuli()
    assert m.dimensions == ("学习力", "执行力", "创新力", "组织力", "服务力")
    assert len(m.indicators) == 22
    a = ahp(m.pairwise)
    assert abs(sum(a.weights) - 1) < 1e-9 and a.cr < 0.1
    assert max(a.weights) == a.weights[1]  # 执行力 weighs most in the built-in matrix


def test_ahp_of_a_consistent_matrix() -> None:
    # weights 4:2:1 give a perfectly consistent matrix: λmax = n, CR = 0
    a = ahp(((1, 2, 4), (0.5, 1, 2), (0.25, 0.5, 1)))
    assert [round(w, 4) for w in a.weights] == [0.5714, 0.2857, 0.1429]
    assert abs(a.lambda_max - 3) < 1e-9 and abs(a.cr) < 1e-9


def _write(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    path = tmp_path / "wuli.yml"
    path.write_text(text, encoding="utf-8")
    model, problems = load_wuli(path, "wuli.yml")
    return model, [str(p) for p in problems]


def test_inconsistent_matrix_is_refused_at_its_line(tmp_path: Path) -> None:
    bad = GOOD.replace(
        "  - [2,     1,     3,     2,     2]      # 执行力",
        '  - [2,     1,     "1/9", 2,     2]      # 执行力',
    )
    bad = bad.replace(
        '  - ["1/2", "1/3", 1,     "1/2", "1/2"]  # 创新力',
        '  - ["1/2", 9, 1,     "1/2", "1/2"]  # 创新力',
    )
    model, problems = _write(tmp_path, bad)
    line = GOOD.splitlines().index("pairwise:") + 1
    assert model is None
    assert any(
        p.startswith(f"wuli.yml:{line}: 判断矩阵一致性比率 CR = ") and "应小于 0.1" in p
        for p in problems
    ), problems


def test_non_reciprocal_entry_and_bad_fraction(tmp_path: Path) -> None:
    bad = GOOD.replace(
        "  - [2,     1,     3,     2,     2]      # 执行力",
        "  - [3,     1,     3,     2,     2]      # 执行力",
    )
    model, problems = _write(tmp_path, bad)
    line = GOOD.splitlines().index("  - [2,     1,     3,     2,     2]      # 执行力") + 1
    assert model is None and any(
        p.startswith(f"wuli.yml:{line}: 判断矩阵不互反") for p in problems
    ), problems
    bad = GOOD.replace('"1/3"', '"1/0"')
    model, problems = _write(tmp_path, bad)
    assert model is None and any("应为正数或分数" in p for p in problems), problems


def test_unknown_source_dimension_and_duplicate_id(tmp_path: Path) -> None:
    bad = GOOD.replace("source: {type: 学习培训}", "source: {typ: 学习培训}").replace(
        "id: XX-2", "id: XX-1"
    )
    bad = bad.replace(
        "dimension: 服务力, name: 参加志愿服务", "dimension: 服务能力, name: 参加志愿服务"
    )
    model, problems = _write(tmp_path, bad)
    text = "\n".join(problems)
    assert model is None
    assert '未知字段 "typ"' in text
    bad2 = GOOD.replace("id: XX-2", "id: XX-1").replace(
        "dimension: 服务力, name: 参加志愿服务", "dimension: 服务能力, name: 参加志愿服务"
    )
    model, problems = _write(tmp_path, bad2)
    text = "\n".join(problems)
    assert '指标编号 "XX-1" 重复' in text and '维度 "服务能力" 不在 dimensions 中' in text


def test_member_and_group_scores(project: Path) -> None:
    b = load_project(project, project / "branches", None, None).branches[0]
    r = wuli_scores(b, default_wuli(), 2024, AS_OF)
    by = {m.name: m for m in r.members}
    assert set(by) == {
        "甘露华",
        "柏青松",
        "卓远航",
        "蓝天佑",
        "闻一鸣",
        "韶华年",
        "祁连山",
        "荀子墨",
    }
    assert not set(by) & set(APPLICANTS)
    assert by["祁连山"].raw["XX-5"] == 1  # one reflection
    assert by["卓远航"].raw["CX-1"] == 1 and by["蓝天佑"].raw["CX-1"] == 0  # 党员示范岗
    assert by["蓝天佑"].raw["ZZ-2"] == 1  # his zone
    assert (
        by["甘露华"].raw["ZZ-1"] == 1 and by["卓远航"].raw["ZZ-1"] == 1
    )  # committee / group leader
    assert (
        by["甘露华"].raw["ZZ-3"] == 12 and by["甘露华"].dims["组织力"] > by["荀子墨"].dims["组织力"]
    )
    assert by["甘露华"].raw["ZZ-4"] == 1  # the 政治生日 ceremony
    # ranks are 1-based, best first, ties share a rank
    totals = [m.total for m in r.members]
    assert totals == sorted(totals, reverse=True) and r.members[0].rank == 1
    diaodu = next(g for g in r.groups if g.id == "diaodu")
    mine = [m.total for m in r.members if m.group == "diaodu"]
    assert diaodu.score == round(sum(mine) / len(mine), 1) and diaodu.members == 4


def test_page_beside_scorecard_and_export(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, _, err = run_cli("build", str(project), "--site-dir", str(out))
    assert code == 0, err
    page = (out / "branches" / "hangxin" / "wuli" / "index.html").read_text(encoding="utf-8")
    assert "党员五力排名" in page and "一致性比率 CR = 0.002" in page and 'role="img"' in page
    card = (out / "branches" / "hangxin" / "scorecard" / "index.html").read_text(encoding="utf-8")
    assert 'id="wuli"' in card and "wuli/" in card and "五力积分（支部平均）" in card
    code, js, _ = run_cli("export", str(project), "--format", "json")
    w = json.loads(js)["branches"][0]["wuli"]
    assert w["model"]["name"] == "精益党建“五力”积分模型" and len(w["members"]) == 8
    assert [m["rank"] for m in w["members"]][0] == 1 and set(w["members"][0]["dims"]) == set(
        w["weights"]
    )


def test_adjustments_price_bonus_and_clean(tmp_path: Path) -> None:
    """`adjust:` entries count for 正面清单加分 and against 无负面清单扣分, priced from the
    rulebook's lists when their points are left out."""
    root = write_site(tmp_path / "s")
    act = root / "branches" / "hangxin" / "activities" / "2024-05-18-ztdr.md"
    text = act.read_text(encoding="utf-8").replace(
        "---\n航信",
        "adjust:\n- {who: 荀子墨, reason: 获得上级表彰}\n- {who: 柏青松, reason: 无故缺席组织生活}\n---\n航信",
        1,
    )
    act.write_text(text, encoding="utf-8")
    loaded = load_project(root, root / "branches", None, None)
    b = loaded.branches[0]
    r = {m.name: m for m in wuli_scores(b, default_wuli(), 2024, AS_OF, loaded.standard).members}
    assert (
        r["荀子墨"].raw["CX-3"] == 5 and r["荀子墨"].raw["FW-4"] == 1
    )  # 获得上级表彰: +5 from the list
    assert r["柏青松"].raw["FW-4"] == 0 and r["甘露华"].raw["FW-4"] == 1  # a deduction: not clean


def test_commitment_done_on_as_of_y_is_not_yet_kept(tmp_path: Path) -> None:
    """按期践行承诺 counts a commitment as the rating does: `done < as_of_Y`. For a past year
    as_of_Y is 1 January of the next year, so a `done` on that day belongs to no count."""
    root = write_site(tmp_path / "s")
    (root / "branches" / "hangxin" / "commitments.yml").write_text(
        "2024:\n"
        "- {who: 荀子墨, kind: 亮承诺, text: 带头学习新规程, due: 2024-12-31, done: 2024-12-31}\n"
        "- {who: 祁连山, kind: 亮承诺, text: 帮扶两名新同事, due: 2024-12-31, done: 2025-01-01}\n",
        encoding="utf-8",
    )
    loaded = load_project(root, root / "branches", None, None)
    r = {m.name: m for m in wuli_scores(loaded.branches[0], default_wuli(), 2024, AS_OF).members}
    assert r["荀子墨"].raw["ZX-3"] == 1 and r["荀子墨"].raw["ZX-4"] == 1
    assert r["祁连山"].raw["ZX-3"] == 1 and r["祁连山"].raw["ZX-4"] == 0
