"""Importing an Excel roster gives members.yml that checks clean, with contacts kept private."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from conftest import run_cli


def write_roster(path: Path, rows: list[list[object]]) -> None:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)


def test_import_members_roundtrip(good_site: Path, tmp_path: Path) -> None:
    xlsx = tmp_path / "名册.xlsx"
    write_roster(
        xlsx,
        [
            ["序号", "姓名", "党小组", "岗位", "职务", "入党时间", "联系电话"],
            [1, "王强", "yizu", "操作工", "党小组长、党员示范岗", dt.datetime(2012, 7, 1), "13800000001"],
            [2, "张明", "yizu", "车间主任", None, "2010/06/30", "13800000002"],
            [3, "李华", "yizu", None, None, None, None],
            [None, None, None, None, None, None, None],
        ],
    )
    code, out, err = run_cli("import", "members", str(xlsx), "--branch", "demo", "--site", str(good_site), "--force")
    assert code == 0, err
    text = (good_site / "branches/demo/members.yml").read_text(encoding="utf-8")
    assert "  private:\n    phone: '13800000001'" in text  # contacts land under private:
    assert "roles:\n  - 党小组长\n  - 党员示范岗" in text
    assert "joined: 2010-06-30" in text
    code, out, err = run_cli("check", str(good_site))
    assert code == 0, err


def test_import_refuses_overwrite_and_bad_dates(good_site: Path, tmp_path: Path) -> None:
    xlsx = tmp_path / "r.xlsx"
    write_roster(xlsx, [["姓名", "入党时间"], ["王强", "去年七月"]])
    code, _, err = run_cli("import", "members", str(xlsx), "--branch", "demo", "--site", str(good_site))
    assert code == 1 and "--force" in err
    code, _, err = run_cli("import", "members", str(xlsx), "--branch", "demo", "--site", str(good_site), "--force")
    assert code == 1
    assert f"{xlsx.as_posix()}:2: " in err and "不是有效日期" in err
