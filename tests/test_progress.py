"""The running year (进度): a site built mid-year shows, per branch and item, 已达标 / 按进度 /
落后 / 待评定 against the pro-rated requirement — on the scorecard page, as a column on
/scorecards/, in the JSON export and xlsx, and as 预警 when an item is behind."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from scorekit import D, act, activity_md, standard, write
from scorekit import branch as make_branch

from conftest import run_cli
from generator.score.labels import WARNING_KINDS
from generator.score.progress import pro_rated, progress

AS_OF = "2025-06-20"  # months 1–5 of 2025 have ended


def _branch(
    bid: str, name: str, zwh_months: list[int], trainings: int, service: int
) -> dict[str, str]:
    files = {
        f"branches/{bid}/branch.yml": f"name: {name}\nunit: 进度测试党委\nbrand: {{name: {name[:2]}先锋}}\n",
        f"branches/{bid}/assessment.yml": "2025:\n  B-03: {pass: true, by: 党建工作部, note: 档案齐全}\n",
    }
    for m in zwh_months:
        files[f"branches/{bid}/activities/2025-{m:02d}-05-zwh.md"] = activity_md(
            f"2025-{m:02d}-05", "支委会", f"{m}月支委会"
        )
    for i in range(trainings):
        day = f"2025-{i + 1:02d}-18"
        files[f"branches/{bid}/activities/{day}-px.md"] = activity_md(
            day, "学习培训", f"第{i + 1}次集中学习"
        )
    for i in range(service):
        day = f"2025-{i + 2:02d}-22"
        files[f"branches/{bid}/activities/{day}-zy.md"] = activity_md(
            day, "志愿服务", f"第{i + 1}次志愿服务"
        )
    # one activity in 2024 so the evaluation year has data too
    files[f"branches/{bid}/activities/2024-11-05-zwh.md"] = activity_md(
        "2024-11-05", "支委会", "上年支委会"
    )
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("progress") / "src"
    files = {
        "mkdocs.yml": (
            "site_name: 进度测试\ndocs_dir: content\ntheme: {name: material, language: zh}\n"
            f"plugins:\n  - showcase:\n      as_of: {AS_OF}\n      search: false\n"  # no year: the last ended one
        ),
        "content/index.md": "# 进度测试\n",
        # 东风: 支委会 every month so far (June included), 3 trainings, 3 services
        **_branch("dongfeng", "东风车间党支部", [1, 2, 3, 4, 5, 6], trainings=3, service=3),
        "branches/dongfeng/activities/2025-03-10-dh.md": activity_md(
            "2025-03-10",
            "支部党员大会",
            "一季度党员大会",
            "attendance: {expected: 9, present: 8}\n",
        ),
        # 南山: 支委会 January to May, none yet in June (the running month is pending, never missing)
        **_branch("nanshan", "南山党支部", [1, 2, 3, 4, 5], trainings=1, service=2),
        # 西岭: March without 支委会, no training, 1 service
        **_branch("xiling", "西岭班组党支部", [1, 2, 4, 5, 6], trainings=0, service=1),
    }
    write(root, files)
    code, _, err = run_cli("build", str(root))
    assert code == 0, err
    return root


def _export(root: Path) -> dict:
    code, out, err = run_cli("export", str(root))
    assert code == 0, err
    return {b["id"]: b for b in json.loads(out)["branches"]}


def test_mid_year_site_rates_last_year_and_tracks_this_one(built: Path) -> None:
    code, out, err = run_cli("export", str(built))
    assert code == 0, err
    doc = json.loads(out)
    assert doc["year"] == 2024  # stars only for a year that has ended
    assert all(b["progress"]["year"] == 2025 for b in doc["branches"])


def test_running_month_is_pending_not_behind(built: Path) -> None:
    south = _items(_export(built)["nanshan"])
    assert south["D-01"]["status"] == "按进度"
    assert south["D-01"]["required_so_far"] == "1–5月每月 ≥1 次"


def _items(branch: dict) -> dict[str, dict]:
    return {i["id"]: i for i in branch["progress"]["items"]}


def test_pro_rating_rounds_up() -> None:
    assert [pro_rated(12, e) for e in (0, 1, 5, 11, 12)] == [0, 1, 5, 11, 12]
    assert [pro_rated(4, e) for e in (0, 1, 3, 4, 5)] == [0, 1, 1, 2, 2]
    assert pro_rated(1, 1) == 1 and pro_rated(2, 5) == 1


def test_export_progress_per_item(built: Path) -> None:
    branches = _export(built)
    east, west = branches["dongfeng"], branches["xiling"]
    assert east["progress"]["year"] == 2025 and east["progress"]["as_of"] == AS_OF
    assert east["progress"]["ended_months"] == 5
    e, w = _items(east), _items(west)
    # D-01 every month: 东风 held every ended month, 西岭 missed March
    assert e["D-01"]["status"] == "按进度" and w["D-01"]["status"] == "落后"
    assert "3月" in w["D-01"]["explanation"]
    # D-07 ≥2 trainings a year: 3 already is the full year; none after 5 months needs ceil(2×5/12)=1
    assert e["D-07"]["status"] == "已达标" and e["D-07"]["value"] == 3
    assert (
        w["D-07"]["status"] == "落后"
        and w["D-07"]["required_so_far"] == 1
        and w["D-07"]["value"] == 0
    )
    # D-11 ≥4 a year: 3 so far against ceil(4×5/12)=2 is on track, not yet met
    assert e["D-11"]["status"] == "按进度" and e["D-11"]["required_so_far"] == 2
    # F-02 ≥4 services a year: 3 against 2 on track, 1 against 2 behind
    assert e["F-02"]["status"] == "按进度" and w["F-02"]["status"] == "落后"
    # attested items: a reviewer's pass is met, nothing recorded yet is pending (not behind)
    assert e["B-03"]["status"] == "已达标" and e["B-04"]["status"] == "待评定"
    assert {i["status"] for i in east["progress"]["items"]} <= {
        "已达标",
        "按进度",
        "待评定",
        "落后",
    }
    assert set(e["D-01"]) >= {"id", "status", "value", "required_so_far"}


def test_behind_items_are_warnings_in_chinese(built: Path) -> None:
    branches = _export(built)
    west = branches["xiling"]
    behind = {i["id"] for i in west["progress"]["items"] if i["status"] == "落后"}
    warned = {w["ref"] for w in west["warnings"] if w["kind"] == "progress_behind"}
    assert warned == behind and {"D-01", "D-07", "F-02"} <= warned
    assert all(
        w["kind_name"] == "进度落后" for w in west["warnings"] if w["kind"] == "progress_behind"
    )
    pending = {i["id"] for i in west["progress"]["items"] if i["status"] == "待评定"}
    assert pending and not pending & warned  # 待评定 is not a 预警
    page = (built / "site/warnings/index.html").read_text(encoding="utf-8")
    assert "进度落后</span>" in page and "progress_behind</span>" not in page
    assert f"预警分为：{'、'.join(WARNING_KINDS.values())}。" in page
    assert "组织生活缺失、进度落后" in page  # the page reads the one vocabulary, in its order
    assert "2025年第 D-01 条「每月召开支委会」进度落后" in page


def test_scorecard_page_has_its_own_progress_section(built: Path) -> None:
    branches = _export(built)
    for bid, branch in branches.items():
        html = (built / f"site/branches/{bid}/scorecard/index.html").read_text(encoding="utf-8")
        section = re.search(r'<section id="progress".*?</section>', html, re.S)
        assert section, bid
        text = section.group(0)
        assert "2025 年度进度" in text and "已结束 5 个月" in text
        for item in branch["progress"]["items"]:
            row = re.search(rf'<tr id="progress-{item["id"]}".*?</tr>', text, re.S)
            assert row, item["id"]
            assert f'<td class="sc-result">{item["status"]}</td>' in row.group(0), item["id"]
            if item["required_display"]:
                assert f"进度要求：{item['required_display']}" in row.group(0), item["id"]
        # most urgent first: 落后, 待评定, 按进度, 已达标
        shown = re.findall(r'<td class="sc-result">(.*?)</td>', text)
        order = ["落后", "待评定", "按进度", "已达标"]
        assert shown == sorted(shown, key=order.index) and len(shown) == len(
            branch["progress"]["items"]
        )
        counts = {
            s: sum(i["status"] == s for i in branch["progress"]["items"])
            for s in ("落后", "待评定")
        }
        assert f"落后 {counts['落后']} 项" in text and f"待评定 {counts['待评定']} 项" in text


def test_dashboard_column_counts_behind_items(built: Path) -> None:
    branches = _export(built)
    html = (built / "site/scorecards/index.html").read_text(encoding="utf-8")
    assert "2025年进度</th>" in html
    for bid, branch in branches.items():
        behind = sum(i["status"] == "落后" for i in branch["progress"]["items"])
        row = re.search(
            rf'<tr data-star[^>]*>\s*<td><a href="[^"]*{bid}/scorecard/">.*?</tr>', html, re.S
        )
        assert row, bid
        cell = re.search(
            r'<td class="sc-dash-progress" data-sort="(\d+)">(.*?)</td>', row.group(0), re.S
        )
        assert cell and int(cell.group(1)) == behind, bid
        assert (f"落后 {behind} 项" in cell.group(2)) if behind else ("全部按进度" in cell.group(2))
        assert "#progress" in cell.group(2)


def test_xlsx_progress_sheet(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    assert run_cli("export", str(built), "--format", "xlsx", "-o", str(target))[0] == 0
    ws = load_workbook(target)["本年进度"]
    rows = list(ws.values)
    head = rows[0]
    assert head == (
        "支部编号",
        "支部名称",
        "年度",
        "条目",
        "内容",
        "进度",
        "目前",
        "进度要求",
        "说明",
    )
    west_d01 = next(r for r in rows if r[0] == "xiling" and r[3] == "D-01")
    assert west_d01[2] == 2025 and west_d01[5] == "落后" and west_d01[4] == "每月召开支委会"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:I{len(rows)}"


# -- the pro-rating, property-checked on the engine (no site needed) -------------------------


@settings(max_examples=60, deadline=None)
@given(
    minimum=st.integers(min_value=1, max_value=24),
    days=st.lists(st.integers(min_value=0, max_value=364), max_size=30),
    as_of_day=st.integers(min_value=0, max_value=364),
)
def test_count_status_follows_the_pro_rated_requirement(
    minimum: int, days: list[int], as_of_day: int
) -> None:
    as_of = D(2025, 1, 1) + dt.timedelta(days=as_of_day)
    std = standard(
        [
            {
                "id": "P-01",
                "category": "组织生活",
                "tier": 3,
                "text": "学习",
                "rule": {"count": "学习培训", "min": minimum},
            }
        ]
    )
    acts = [act(D(2025, 1, 1) + dt.timedelta(days=d), "学习培训") for d in days]
    item = progress(make_branch(activities=acts), std, as_of).items[0]
    held = sum(1 for a in acts if a.date < as_of)  # what counts at as_of (as_of_Y = as_of)
    ended = as_of.month - 1  # months wholly before as_of
    need = -(-minimum * ended // 12)
    expected = "已达标" if held >= minimum else ("按进度" if held >= need else "落后")
    assert (item.status, item.value, item.required_so_far) == (expected, held, need)
