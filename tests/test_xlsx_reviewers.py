"""The reviewers' workbook reads as a spreadsheet for people: shares as %, dates as dates,
sized columns, an autofilter and a frozen header on every sheet, Chinese labels instead of
internal codes, the gap items with their text, and 未评星 for a branch without a star."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from scorekit import activity_md, write

from conftest import run_cli


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("xlsx")
    root = base / "src"
    meeting = "attendance: {expected: 9, present: 8}\n"
    write(
        root,
        {
            "mkdocs.yml": (
                "site_name: 表格测试\ndocs_dir: content\ntheme: {name: material, language: zh}\n"
                "plugins:\n  - showcase:\n      year: 2024\n      as_of: 2025-01-15\n      search: false\n"
            ),
            "content/index.md": "# 表格测试\n",
            "branches/heping/branch.yml": "name: 和平街道党支部\nunit: 表格测试党委\nbrand: {name: 和平之光}\n",
            "branches/heping/groups.yml": "- {id: yizu, name: 一组党小组, brand: 一组先锋}\n",
            "branches/heping/members.yml": "- {name: 韩梅, group: yizu}\n- {name: 李雷}\n",
            "branches/heping/commitments.yml": (
                "year: 2024\nitems:\n"
                "  - {who: branch, kind: 亮承诺, text: 办好十件实事, due: 2024-06-30, done: 2024-06-01}\n"
                "  - {who: branch, kind: 亮承诺, text: 建成议事厅, due: 2024-09-30}\n"
                "  - {who: yizu, kind: 亮标准, text: 零投诉, due: 2024-10-31, done: 2024-10-01}\n"
            ),
            "branches/heping/activities/2024-03-05-dh.md": activity_md(
                "2024-03-05", "支部党员大会", "一季度党员大会", meeting
            ),
            "branches/heping/activities/2024-03-09-zwh.md": activity_md(
                "2024-03-09", "支委会", "三月支委会"
            ),
            "branches/heping/activities/2024-03-12-ztdr.md": activity_md(
                "2024-03-12", "主题党日", "植树", "group: yizu\n"
            ),
        },
    )
    target = base / "results.xlsx"
    code, _, err = run_cli("export", str(root), "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    return load_workbook(target)


def _column(ws, name: str) -> int:
    return [c.value for c in ws[1]].index(name) + 1


def _cell(ws, row: int, name: str):
    return ws.cell(row=row, column=_column(ws, name))


def test_every_sheet_has_frozen_header_autofilter_and_widths(workbook) -> None:
    assert workbook.sheetnames == ["汇总", "条目", "预警", "积分", "本年进度", "五力", "党员队伍"]
    for ws in workbook:
        last = get_column_letter(ws.max_column)
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}", ws.title
        assert all(c.font.bold for c in ws[1]), ws.title
        widths = [
            ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)
        ]
        # Excel stores a column's width with its cell padding (5 px, about 0.71 characters).
        assert all(6 <= w <= 60.72 for w in widths), ws.title
    summary = workbook["汇总"]
    name_w = summary.column_dimensions[get_column_letter(_column(summary, "支部名称"))].width
    id_w = summary.column_dimensions[get_column_letter(_column(summary, "编号"))].width
    assert name_w >= 16 > id_w  # 和平街道党支部 is 7 CJK characters, "heping" 6 letters


def test_summary_dates_percent_star_name_and_gap_text(workbook) -> None:
    ws = workbook["汇总"]
    date = _cell(ws, 2, "评定日期")
    assert (
        date.is_date
        and date.value.date() == dt.date(2025, 1, 15)
        and date.number_format == "yyyy-mm-dd"
    )
    rate = _cell(ws, 2, "践诺率")
    assert rate.value == pytest.approx(2 / 3, abs=1e-4) and rate.number_format == "0.0%"
    assert _cell(ws, 2, "星级").value == 0 and _cell(ws, 2, "星级名称").value == "未评星"
    gap = _cell(ws, 2, "差距条目").value
    assert "D-01 每月召开支委会" in gap and "A-01 " in gap
    assert _cell(ws, 2, "示范党小组").value == "2024年：一组党小组；2024年第1季度：一组党小组"
    assert _cell(ws, 2, "历年星级").value == "2024年：未评星"


def test_items_show_rates_as_percent(workbook) -> None:
    ws = workbook["条目"]
    row = next(
        r for r in range(2, ws.max_row + 1) if _cell(ws, r, "条目").value == "D-09"
    )  # 党员大会出席率
    value = _cell(ws, row, "测量值")
    assert value.value == pytest.approx(8 / 9, abs=1e-4) and value.number_format == "0.0%"
    count_row = next(r for r in range(2, ws.max_row + 1) if _cell(ws, r, "条目").value == "D-05")
    assert _cell(ws, count_row, "测量值").number_format == "General"  # a count stays a number


def test_warnings_in_chinese_with_dates(workbook) -> None:
    ws = workbook["预警"]
    head = [c.value for c in ws[1]]
    assert head == ["支部编号", "支部名称", "类型", "日期", "关联", "内容"]
    rows = [[c for c in r] for r in ws.iter_rows(min_row=2)]
    kinds = {r[2].value for r in rows}
    assert {"组织生活缺失", "承诺逾期"} <= kinds and not any("_" in k for k in kinds)
    feb = next(r for r in rows if r[4].value == "2024年2月" and "支委会" in r[5].value)
    assert (
        feb[3].is_date
        and feb[3].value.date() == dt.date(2024, 2, 29)
        and feb[3].number_format == "yyyy-mm-dd"
    )
    overdue = next(r for r in rows if r[2].value == "承诺逾期")
    assert overdue[4].value == "第2项公开承诺" and "建成议事厅" in overdue[5].value
    assert not any(str(r[4].value).startswith(("commitment:", "2024-Q")) for r in rows)


def test_points_headers_name_periods_in_words(workbook) -> None:
    ws = workbook["积分"]
    head = [c.value for c in ws[1]]
    assert head[6:11] == [
        "2024年",
        "2024年第1季度",
        "2024年第2季度",
        "2024年第3季度",
        "2024年第4季度",
    ]
    assert head[11] == "2024年1月" and head[-1] == "2024年12月"
    group = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[3] == "yizu")
    assert group[head.index("示范党小组")] == "2024年、2024年第1季度、2024年3月"
    # a member's 所属党小组 reads as the group's name, as on the group rows, not its id
    for sheet in (ws, workbook["五力"]):
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        names = {(r[0], r[4]) for r in rows if r[2] == "党小组"}
        ids = {(r[0], r[3]) for r in rows if r[2] == "党小组"}
        of_members = {(r[0], r[4]) for r in rows if r[2] == "党员" and r[4]}
        assert of_members and of_members <= names and not of_members & ids, sheet.title


def test_the_workbook_holds_one_sheets_rows_at_a_time() -> None:
    """Sheets come from a generator: each sheet's rows are made when it is written and are
    gone before the next sheet's are made (at a thousand branches the 条目 sheet alone is
    ~180,000 rows)."""
    import gc
    import io
    import weakref

    from generator.excel.results_book import write_book

    class Rows(list):  # a list a weak reference can follow
        pass

    alive_when_next: list[bool] = []

    def sheets():  # type: ignore[no-untyped-def]
        first = Rows([["编号", "名称"], *([f"zb{i:04d}", "支部"] for i in range(500))])
        ref = weakref.ref(first)
        yield "一", first
        del first
        gc.collect()
        alive_when_next.append(ref() is not None)
        yield "二", Rows([["编号"], ["zb0001"]])

    data = write_book(sheets(), "测试", dt.date(2025, 1, 15))
    assert alive_when_next == [False]
    book = load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["一", "二"]
    assert next(book["一"].iter_rows(min_row=501, values_only=True)) == ("zb0499", "支部")
