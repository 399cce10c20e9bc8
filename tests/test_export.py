"""Reviewer exports: schema, published-only by default, no private data, reproducible bytes."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from scorekit import D, activity_md, write

from generator.export import export_results
from generator.load.project import load_project
from generator.score import score_project
from tests.sitefiles import site_json

AS_OF = D(2025, 1, 15)
PHONE = "13812345678"


@pytest.fixture
def site(tmp_path):
    files = {
        "branches/zhisi/branch.yml": """
            name: 制丝车间党支部
            unit: 合肥卷烟厂党委
            term: {start: 2022-07-01, years: 3}
            committee:
              - {name: 张明, role: 书记}
            brand: {name: 智丝堡垒}
            """,
        "branches/zhisi/groups.yml": """
            - {id: jingjia, name: 生产一组党小组, brand: 精甲先锋}
            - {id: qingfeng, name: 生产二组党小组, brand: 青锋}
            """,
        "branches/zhisi/members.yml": f"""
            - name: 张明
              group: jingjia
              private: {{phone: "{PHONE}", id_number: "340101199001011234"}}
            - {{name: 李华, group: qingfeng}}
            """,
        "branches/zhisi/commitments.yml": """
            year: 2024
            items:
              - {who: 张明, kind: 亮承诺, text: 停机率下降10%, due: 2024-06-30, done: 2024-06-01}
              - {who: jingjia, kind: 亮标准, text: 零差错, due: 2024-09-30}
            """,
        "branches/zhisi/assessment.yml": """
            2024:
              B-03: {pass: true, by: 党建工作部, note: 档案齐全}
              B-04: {pass: false, note: 缺党费台账}
            """,
        "branches/zhisi/activities/2024-03-05-zwh.md": activity_md("2024-03-05", "支委会"),
        "branches/zhisi/activities/2024-03-12-ztdr.md": activity_md(
            "2024-03-12",
            "主题党日",
            "学雷锋",
            "group: jingjia\nparticipants: [张明]\nattendance: {expected: 10, present: 7}\n",
        ),
        "branches/hidden/branch.yml": """
            name: "=HYPERLINK(\\"http://x\\")支部"
            unit: 合肥卷烟厂党委
            brand: {name: 隐}
            publish: false
            """,
    }
    root = write(tmp_path, files)
    project = load_project(root, root / "branches")
    return project, score_project(project, 2024, AS_OF)


def test_json_minimum_schema(site):
    project, results = site
    doc = json.loads(export_results(results, project, "json"))
    assert doc["standard"] == {
        "name": "星级党支部创建标准",
        "version": "2024",
        "stamp": "星级党支部创建标准（2024版）",
    }
    assert doc["year"] == 2024 and doc["as_of"] == "2025-01-15"
    assert [b["id"] for b in doc["branches"]] == ["zhisi"]
    b = doc["branches"][0]
    card = results.branches["zhisi"].scorecard
    assert (b["name"], b["unit"], b["publish"], b["star"], b["vetoed"]) == (
        "制丝车间党支部",
        "合肥卷烟厂党委",
        True,
        card.star,
        False,
    )
    assert b["missing_for_next"] == list(card.missing_for_next)
    assert b["commitments"] == {
        "total": 2,
        "fulfilled": 1,
        "overdue": 1,
        "in_progress": 0,
        "rate": 0.5,
    }
    items = {i["id"]: i for i in b["items"]}
    assert len(items) == 57
    assert items["B-03"]["pass"] is True and "档案齐全" in items["B-03"]["explanation"]
    assert items["B-04"]["pass"] is False
    assert items["D-01"]["evidence"] == [
        {"kind": "activity", "ref": "2024-03-05-zwh", "label": "2024-03-05 支委会"}
    ]
    assert {"value", "display", "threshold", "tier", "category", "how"} <= set(items["D-01"])
    assert [(g["id"], g["points"]) for g in b["groups"]] == [("jingjia", 5), ("qingfeng", 0)]
    assert {w["kind"] for w in b["warnings"]} >= {
        "commitment_overdue",
        "low_attendance",
        "org_life_gap",
    }
    # each year is judged at as_of_Y = min(as_of, Y+1-01-01) (DATA-FORMAT, rating)
    assert b["history"] == [
        {"year": 2024, "as_of": "2025-01-01", "star": card.star, "vetoed": False}
    ]
    assert b["model_groups"] == {
        "2024": ["jingjia"],
        "2024-03": ["jingjia"],
        "2024-Q1": ["jingjia"],
    }


def test_unpublished_only_on_request(site):
    project, results = site
    doc = json.loads(export_results(results, project, "json", include_unpublished=True))
    assert [(b["id"], b["publish"]) for b in doc["branches"]] == [
        ("hidden", False),
        ("zhisi", True),
    ]
    assert "hidden" not in export_results(results, project, "csv").decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_private_data_never_exported(site, fmt):
    project, results = site
    data = export_results(results, project, fmt, include_unpublished=True)
    texts = [data]
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            texts = [z.read(n) for n in z.namelist()]
    for t in texts:
        assert PHONE.encode() not in t and b"340101199001011234" not in t and b"id_number" not in t


def test_csv_one_row_per_branch_with_bom(site):
    project, results = site
    data = export_results(results, project, "csv", include_unpublished=True)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["编号"] for r in rows] == ["hidden", "zhisi"]
    z = rows[1]
    card = results.branches["zhisi"].scorecard
    assert int(z["星级"]) == card.star and z["公开"] == "是" and z["年度"] == "2024"
    texts = {i.id: i.text for i in card.items}
    assert z["差距条目"] == "；".join(f"{i} {texts[i]}" for i in card.missing_for_next)
    assert z["基础资料通过"] == str(next(c.passed for c in card.categories if c.name == "基础资料"))
    assert z["承诺总数"] == "2" and z["逾期"] == "1"
    assert rows[0]["支部名称"].startswith("'=")  # a spreadsheet must not run it as a formula


def test_xlsx_sheets_and_rows(site):
    project, results = site
    wb = load_workbook(
        io.BytesIO(export_results(results, project, "xlsx", include_unpublished=True))
    )
    assert wb.sheetnames == ["汇总", "条目", "预警", "积分", "本年进度", "五力", "党员队伍"]
    assert wb.properties.created.date() == AS_OF and wb.properties.modified.date() == AS_OF
    summary = list(wb["汇总"].values)
    assert summary[0][:2] == ("编号", "支部名称") and len(summary) == 3
    assert summary[1][1].startswith("=HYPERLINK")  # kept as text
    assert wb["汇总"]["B2"].data_type == "s"
    items = list(wb["条目"].values)
    assert len(items) == 1 + 2 * 57
    d01 = next(r for r in items if r[0] == "zhisi" and r[2] == "D-01")
    assert d01[9] == "未通过" and "缺少 1月、2月、4月" in d01[12]  # March was held
    warn = list(wb["预警"].values)
    assert any(
        r[2] == "承诺逾期" and r[4] == "第2项公开承诺" and "零差错" in r[5] for r in warn[1:]
    )
    pts = list(wb["积分"].values)
    head = pts[0]
    jingjia = next(r for r in pts if r[3] == "jingjia")
    assert jingjia[head.index("2024年")] == 5 and jingjia[head.index("2024年3月")] == 5
    assert jingjia[head.index("示范党小组")] == "2024年、2024年第1季度、2024年3月"
    zhang = next(r for r in pts if r[3] == "张明")
    # a member's group by the name its group row shows
    assert (
        zhang[2] == "党员"
        and zhang[4] == "生产一组党小组"
        and zhang[head.index("2024年第1季度")] == 2
    )


def test_exports_are_byte_identical(site):
    project, results = site
    first = {fmt: export_results(results, project, fmt) for fmt in ("json", "csv", "xlsx")}
    time.sleep(1.1)  # zip entries carry seconds: a clock-dependent writer would differ now
    for fmt, data in first.items():
        assert export_results(results, project, fmt) == data, fmt


def test_workbook_bytes_do_not_depend_on_time_zone_or_umask(tmp_path):
    """The workbook's zip entries carry a date: XlsxWriter's fixed one, whatever the zone."""
    script = (
        "import datetime as dt, sys\n"
        "from generator.excel.results_book import write_book\n"
        "sys.stdout.buffer.write(write_book([('表', [['支部', '星级'], ['甲', 3]])], 't',"
        " dt.date(2025, 1, 15)))\n"
    )
    books = {
        subprocess.run(
            [sys.executable, "-c", f"import os; os.umask({mask}); exec({script!r})"],
            env={**os.environ, "TZ": tz},
            capture_output=True,
            check=True,
        ).stdout
        for tz, mask in (("UTC", 0o022), ("Asia/Shanghai", 0o077), ("America/New_York", 0))
    }
    assert len(books) == 1
    with zipfile.ZipFile(io.BytesIO(books.pop())) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 31, 0, 0, 0)}


def test_unknown_format(site):
    project, results = site
    with pytest.raises(ValueError):
        export_results(results, project, "pdf")  # type: ignore[arg-type]


# --- the site's /scorecards/export/ page documents what the export writes ----------------------


def _documented_columns(page: str, table_id: str) -> list[str]:
    """Column names in the first cell (<code>) of each row of one table on the export doc page."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page, re.S)
    assert table, table_id
    return [html.unescape(c) for c in re.findall(r"<tr><td><code>(.*?)</code>", table.group(0))]


def test_export_doc_page_lists_every_csv_column(demo_site: Path) -> None:
    page = (demo_site / "scorecards/export/index.html").read_text(encoding="utf-8")
    with (demo_site / "scorecards/results.csv").open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert "组织生活通过" in header  # the rulebook's category columns are in the header too
    for name in header:
        assert html.escape(name) in page, name
    # the column table is exactly the header: same names, same order, nothing extra
    assert _documented_columns(page, "sc-export-csv-columns") == header


def test_export_doc_page_lists_the_xlsx_sheet_columns(demo_site: Path) -> None:
    page = (demo_site / "scorecards/export/index.html").read_text(encoding="utf-8")
    wb = load_workbook(demo_site / "scorecards/results.xlsx")
    heads = {ws.title: [c.value for c in ws[1]] for ws in wb}
    assert _documented_columns(page, "sc-export-items-columns") == heads["条目"]
    assert _documented_columns(page, "sc-export-warnings-columns") == heads["预警"]
    assert _documented_columns(page, "sc-export-progress-columns") == heads["本年进度"]
    assert _documented_columns(page, "sc-export-wuli-columns") == heads["五力"]
    assert _documented_columns(page, "sc-export-roster-columns") == heads["党员队伍"]
    # 积分: six fixed columns, then the year, its quarters and months, documented as ranges
    year = heads["积分"][6]
    assert year.endswith("年")
    quarters = [f"{year}第{q}季度" for q in range(1, 5)]
    months = [f"{year}{m}月" for m in range(1, 13)]
    assert heads["积分"][6:] == [year, *quarters, *months]
    documented = _documented_columns(page, "sc-export-points-columns")
    assert documented == [*heads["积分"][:6], year, quarters[0], months[0]]
    assert f"<code>{quarters[-1]}</code>" in page and f"<code>{months[-1]}</code>" in page


def test_export_doc_page_names_every_json_key(demo_site: Path) -> None:
    page = (demo_site / "scorecards/export/index.html").read_text(encoding="utf-8")
    doc = site_json(demo_site)
    branch = doc["branches"][0]
    item = branch["items"][0]
    keys = {*doc, *doc["standard"], *branch, *item, *item["evidence"][0], *branch["commitments"]}
    for nested in ("categories", "groups", "members", "history"):
        keys |= set(branch[nested][0])
    keys |= {k for b in doc["branches"] for w in b["warnings"] for k in w}
    keys |= set(branch["progress"]) | set(branch["progress"]["items"][0])
    for key in keys:
        assert f"<code>{key}</code>" in page, key


def test_xlsx_wuli_and_roster_sheets_match_the_json(demo_site: Path) -> None:
    """The reviewers' workbook carries the 五力 ranking and the 发展党员 counts the JSON has."""
    data = site_json(demo_site)
    wb = load_workbook(demo_site / "scorecards/results.xlsx")
    wuli = list(wb["五力"].values)
    roster = {r[0]: r for r in list(wb["党员队伍"].values)[1:]}
    for b in data["branches"]:
        members = [r for r in wuli[1:] if r[0] == b["id"] and r[2] == "党员"]
        want = [(m["name"], m["rank"], m["total"]) for m in b["wuli"]["members"]]
        assert [(r[3], r[5], r[6]) for r in members] == want, b["id"]
        stages = b["roster"]["development"]
        assert list(roster[b["id"]][2:6]) == [
            stages.get(s, 0) for s in ("入党申请人", "入党积极分子", "发展对象", "预备党员")
        ]
    assert any(sum(r[2:5]) for r in roster.values())  # the demo has applicants: counted, not named
