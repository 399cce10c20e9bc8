"""Excel both ways: templates officers fill in, and importing their real-world workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from openpyxl import Workbook, load_workbook

from conftest import run_cli

# A valid 18-character ID number (GB 11643 check digit) that Excel would round as a number.
ID_OK = "11010519491231002X"
ID_LONG = 340524198001010013


def workbook(
    path: Path, rows: list[list[object]], title: str | None = None, merges: tuple[str, ...] = ()
) -> Path:
    """A sheet as officers make one: optional merged title row above the header."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


def _members(site: Path) -> list[dict]:
    return yaml.safe_load((site / "branches/demo/members.yml").read_text(encoding="utf-8"))


def test_roster_with_title_row_synonyms_text_dates_and_group_names(
    good_site: Path, tmp_path: Path
) -> None:
    xlsx = workbook(
        tmp_path / "名册.xlsx",
        [
            [
                "序号",
                "党员姓名",
                "所在党小组",
                "工作岗位",
                "职务",
                "入党日期",
                "手机号",
                "身份证号码",
                "性别",
            ],
            [
                1,
                "王强",
                "一组党小组",
                "操作工",
                "党小组长、党员示范岗",
                "2003年7月1日",
                13800000001,
                ID_OK,
                "男",
            ],
            [2, "张明", None, "车间主任", None, "2008/6/20", 13800000002.0, None, "男"],
            [3, "李华", None, None, None, "2003-7-1", None, None, "女"],
            [4, "赵磊", "yizu", None, None, "2003.7.1", None, None, "男"],
            [5, "孙丽", "yizu", None, None, dt.datetime(2015, 6, 30), None, None, "女"],
            [None, None, None, None, None, None, None, None, None],
            ["合计", "5人", None, None, None, None, None, None, None],
            ["填表人：李华", None, None, None, None, None, None, None, None],
        ],
        title="制丝车间党支部党员名册（2024年）",
        merges=("C3:C5",),  # one group cell merged down over three members
    )
    code, out, err = run_cli(
        "import", "members", str(xlsx), "--branch", "demo", "--site", str(good_site), "--force"
    )
    assert code == 0, err
    assert "表头在第 2 行" in out
    assert "忽略的列: 序号、性别" in out
    assert "身份证号码→id_number（private）" in out and "手机号→phone（private）" in out
    members = {m["name"]: m for m in _members(good_site)}
    assert list(members) == ["王强", "张明", "李华", "赵磊", "孙丽"]  # no 合计 or 填表人 line
    assert members["王强"]["group"] == "yizu"  # by name, written as the id
    assert members["张明"]["group"] == "yizu" and members["李华"]["group"] == "yizu"  # merged cell
    assert members["王强"]["roles"] == ["党小组长", "党员示范岗"]
    assert [members[n]["joined"] for n in ("王强", "张明", "李华", "赵磊", "孙丽")] == [
        dt.date(2003, 7, 1),
        dt.date(2008, 6, 20),
        dt.date(2003, 7, 1),
        dt.date(2003, 7, 1),
        dt.date(2015, 6, 30),
    ]
    assert members["王强"]["private"] == {"phone": "13800000001", "id_number": ID_OK}
    assert members["张明"]["private"] == {
        "phone": "13800000002"
    }  # a float phone kept as exact digits
    code, _, err = run_cli("check", str(good_site))
    assert code == 0, err


def test_id_number_that_excel_rounded_is_reported_not_written(
    good_site: Path, tmp_path: Path
) -> None:
    before = (good_site / "branches/demo/members.yml").read_bytes()
    xlsx = workbook(
        tmp_path / "r.xlsx",
        [
            ["姓名", "入党时间", "身份证号", "党小组"],
            ["王强", "2012-07-01", float(ID_LONG), "yizu"],
            ["张明", "去年七月", None, "第三党小组"],
            ["李华", "2012年7月", None, None],
            ["赵磊", "2023-02-30", None, None],
        ],
    )
    code, _, err = run_cli(
        "import", "members", str(xlsx), "--branch", "demo", "--site", str(good_site), "--force"
    )
    assert code == 1
    lines = err.splitlines()
    assert any(
        ln.startswith("r.xlsx!Sheet1:R2: “身份证号”列: 身份证号以数字形式保存")
        and "末几位已丢失" in ln
        for ln in lines
    )
    assert not any("3.40" in ln or "e+17" in ln for ln in lines)
    assert any(ln.startswith('r.xlsx!Sheet1:R3: “入党时间”列: "去年七月" 不是日期') for ln in lines)
    assert any(
        ln.startswith('r.xlsx!Sheet1:R3: “党小组”列: 党小组 "第三党小组" 不在 groups.yml 中')
        for ln in lines
    )
    assert any(ln.startswith("r.xlsx!Sheet1:R4:") and "只有年月" in ln for ln in lines)
    assert any(ln.startswith("r.xlsx!Sheet1:R5:") and "不是存在的日期" in ln for ln in lines)
    assert "共 5 处错误" in err  # every bad row at once
    assert (good_site / "branches/demo/members.yml").read_bytes() == before  # nothing written


def test_import_refuses_to_overwrite_without_force(good_site: Path, tmp_path: Path) -> None:
    xlsx = workbook(tmp_path / "r.xlsx", [["姓名", "入党时间"], ["王强", "2013-07-01"]])
    before = (good_site / "branches/demo/members.yml").read_bytes()
    code, out, err = run_cli(
        "import", "members", str(xlsx), "--branch", "demo", "--site", str(good_site)
    )
    assert code == 1 and "--force" in err and "--replace" in err
    assert "name: 王强" in out  # the preview is shown anyway
    assert "更新 1: 王强（入党时间）" in out  # and what would change
    assert (good_site / "branches/demo/members.yml").read_bytes() == before
    code, out, err = run_cli(
        "import", "members", str(xlsx), "--branch", "demo", "--site", str(good_site), "--dry-run"
    )
    assert code == 0 and "实际导入时需加 --force" in out
    assert (good_site / "branches/demo/members.yml").read_bytes() == before
    code, _, err = run_cli(
        "import",
        "members",
        str(xlsx),
        "--branch",
        "demo",
        "--site",
        str(good_site),
        "--dry-run",
        "--force",
    )
    assert code == 0 and (good_site / "branches/demo/members.yml").read_bytes() == before


def test_not_a_workbook_and_no_header(good_site: Path, tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_text("姓名,党小组\n", encoding="utf-8")
    code, _, err = run_cli(
        "import", "members", str(bad), "--branch", "demo", "--site", str(good_site), "--force"
    )
    assert code == 1 and "不是 .xlsx 格式" in err and "Traceback" not in err
    xlsx = workbook(tmp_path / "y.xlsx", [["名字呀", "组"], ["王强", "yizu"]])
    code, _, err = run_cli(
        "import", "members", str(xlsx), "--branch", "demo", "--site", str(good_site), "--force"
    )
    assert code == 1 and "找不到党员名册的表头" in err and "党员姓名" in err


def test_activities_ledger_becomes_one_markdown_file_per_row(
    good_site: Path, tmp_path: Path
) -> None:
    xlsx = workbook(
        tmp_path / "台账.xlsx",
        [
            [
                "活动时间",
                "会议类型",
                "活动主题",
                "党小组",
                "应到人数",
                "实到人数",
                "参会人员",
                "主要内容",
            ],
            [
                dt.datetime(2024, 4, 2),
                "支部委员会",
                "四月份支委会",
                None,
                3,
                3,
                "王强、张明、李华",
                "研究四月份工作。",
            ],
            [
                "2024年4月9日",
                "主题党日",
                "清明祭扫",
                "一组党小组",
                3,
                2,
                "王强，张明",
                "到烈士陵园祭扫。\n重温入党誓词。",
            ],
            ["2024/4/9", "主题党日", "志愿服务", None, None, None, None, None],
        ],
        title="2024年活动台账",
    )
    activities = good_site / "branches/demo/activities"
    before = {p.name for p in activities.iterdir()}
    code, out, err = run_cli(
        "import", "activities", str(xlsx), "--branch", "demo", "--site", str(good_site)
    )
    assert code == 0, err
    new = sorted({p.name for p in activities.iterdir()} - before)
    assert new == [
        "2024-04-02-zhiweihui.md",
        "2024-04-09-zhutidangri-2.md",
        "2024-04-09-zhutidangri.md",
    ]
    text = (activities / "2024-04-09-zhutidangri.md").read_text(encoding="utf-8")
    front, body = text.split("---\n")[1:3]
    meta = yaml.safe_load(front)
    assert meta == {
        "date": dt.date(2024, 4, 9),
        "type": "主题党日",
        "title": "清明祭扫",
        "group": "yizu",
        "attendance": {"expected": 3, "present": 2},
        "participants": ["王强", "张明"],
    }
    assert body == "到烈士陵园祭扫。\n重温入党誓词。\n"
    # The alias is written as the rulebook's own type.
    assert "type: 支委会" in (activities / "2024-04-02-zhiweihui.md").read_text(encoding="utf-8")
    code, _, err = run_cli("check", str(good_site))
    assert code == 0, err
    # The same ledger again: nothing to write, nothing touched.
    stamps = {p.name: p.stat().st_mtime_ns for p in activities.iterdir()}
    code, out, err = run_cli(
        "import", "activities", str(xlsx), "--branch", "demo", "--site", str(good_site)
    )
    assert code == 0 and "没有需要写入的内容" in out and "不改动 3" in out, out + err
    assert {p.name: p.stat().st_mtime_ns for p in activities.iterdir()} == stamps


def test_ledger_rows_with_unknown_people_types_and_too_many_participants(
    good_site: Path, tmp_path: Path
) -> None:
    xlsx = workbook(
        tmp_path / "l.xlsx",
        [
            ["日期", "类型", "标题", "应到", "实到", "参加人"],
            ["2024-05-01", "主题党曰", "五月", 3, 3, "王强"],
            ["2024-05-02", "党课", "党课", 3, 1, "王强、张明"],
            ["2024-05-03", "党课", "党课", 3, 3, "王墙"],
        ],
    )
    code, _, err = run_cli(
        "import", "activities", str(xlsx), "--branch", "demo", "--site", str(good_site)
    )
    assert code == 1
    assert (
        'l.xlsx!Sheet1:R2: “类型”列: 活动类型 "主题党曰" 不在评定标准中，是不是 "主题党日"？' in err
    )
    assert "l.xlsx!Sheet1:R3: 参加人员 2 人，多于实到人数 1" in err
    assert 'l.xlsx!Sheet1:R4: “参加人”列: 不在 members.yml 中: "王墙"，是不是 "王强"？' in err


def test_commitments_and_assessment_import(good_site: Path, tmp_path: Path) -> None:
    xlsx = workbook(
        tmp_path / "承诺.xlsx",
        [
            ["承诺人", "承诺类型", "承诺内容", "完成时限", "完成日期"],
            ["王强", "亮承诺", "故障停机率下降10%", "2024-12-31", "2024年11月20日"],
            ["一组党小组", "亮标准", "班组零差错", "2024-12-31", None],
            ["支部", "亮身份", "党员佩戴党徽上岗", "2024-06-30", "2024-06-01"],
        ],
    )
    (good_site / "branches/demo/commitments.yml").unlink()
    code, out, err = run_cli(
        "import", "commitments", str(xlsx), "--branch", "demo", "--site", str(good_site)
    )
    assert code == 0, err
    data = yaml.safe_load((good_site / "branches/demo/commitments.yml").read_text(encoding="utf-8"))
    assert data["year"] == 2024
    assert [i["who"] for i in data["items"]] == ["王强", "yizu", "branch"]
    assert data["items"][0]["done"] == dt.date(2024, 11, 20) and "done" not in data["items"][1]
    # Another year's sheet joins the file (the by-year form); 2024's commitments stay.
    two_years = workbook(
        tmp_path / "承诺2.xlsx",
        [
            ["承诺人", "承诺类型", "承诺内容", "完成时限"],
            ["王强", "亮承诺", "甲", "2023-12-31"],
            ["王强", "亮承诺", "乙", "2024-01-31"],
        ],
    )
    code, out, err = run_cli(
        "import",
        "commitments",
        str(two_years),
        "--branch",
        "demo",
        "--site",
        str(good_site),
        "--year",
        "2023",
        "--force",
    )
    assert code == 0, err
    data = yaml.safe_load((good_site / "branches/demo/commitments.yml").read_text(encoding="utf-8"))
    assert [(y, [i["text"] for i in items]) for y, items in data.items()] == [
        (2023, ["甲", "乙"]),
        (2024, ["故障停机率下降10%", "班组零差错", "党员佩戴党徽上岗"]),
    ]
    assert "其中 1 项的完成时限不在 2023 年" in out
    assert run_cli("check", str(good_site))[0] == 0

    review = workbook(
        tmp_path / "评定.xlsx",
        [
            ["年度", "条目编号", "评定结果", "评定人", "说明", "理由"],
            [2024, "B-03", "通过", "党建工作部", "档案齐全", None],
            [2024, "b-04", "不通过", "党建工作部", "缺党费台账", None],
            [2024, "B-05", "不适用", None, None, "本支部2024年新成立"],
            [2024, "veto", "未触发", None, None, None],
        ],
    )
    code, out, err = run_cli(
        "import", "assessment", str(review), "--branch", "demo", "--site", str(good_site), "--force"
    )
    assert code == 0, err
    data = yaml.safe_load((good_site / "branches/demo/assessment.yml").read_text(encoding="utf-8"))
    assert data[2024]["B-03"] == {"pass": True, "by": "党建工作部", "note": "档案齐全"}
    assert data[2024]["B-04"]["pass"] is False
    assert data[2024]["B-05"] == {"na": True, "reason": "本支部2024年新成立"}
    assert data[2024]["veto"] == {"triggered": False}
    code, _, err = run_cli("check", str(good_site))
    assert code == 0, err
    # Automatic items are judged from the data: the reviewer's row is refused, with its row.
    wrong = workbook(
        tmp_path / "评定2.xlsx",
        [
            ["年度", "条目编号", "评定结果", "理由"],
            [2024, "D-01", "通过", None],
            [2024, "F-02", "不适用", "无"],
            [2024, "Z-99", "通过", None],
        ],
    )
    code, _, err = run_cli(
        "import", "assessment", str(wrong), "--branch", "demo", "--site", str(good_site), "--force"
    )
    assert code == 1
    assert "评定2.xlsx!Sheet1:R2: 条目 D-01 由系统根据数据自动核验" in err
    assert "评定2.xlsx!Sheet1:R3: 条目 F-02 不允许认定不适用" in err
    assert '评定2.xlsx!Sheet1:R4: 条目编号 "Z-99" 不在评定标准中' in err


def test_template_workbooks_have_headers_lists_formats_and_instructions(
    good_site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "活动台账.xlsx"
    code, _, err = run_cli(
        "template", "activities", "-o", str(out), "--site", str(good_site), "--branch", "demo"
    )
    assert code == 0, err
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["日期", "活动类型", "活动名称"]
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert any("支委会" in f and "主题党日" in f for f in lists.values())  # the rulebook's types
    assert any("一组党小组" in f for f in lists.values())  # this branch's groups
    assert ws["A2"].number_format == "yyyy-mm-dd"
    assert "填写说明" in wb.sheetnames
    guide = "\n".join(str(c.value) for row in wb["填写说明"].iter_rows() for c in row if c.value)
    assert "活动时间" in guide  # synonyms are listed
    code, _, err = run_cli("template", "members", "-o", str(tmp_path / "m.xlsx"))
    assert code == 0, err
    ws = load_workbook(tmp_path / "m.xlsx").worksheets[0]
    ids = [c for c in ws[1] if c.value == "身份证号"][0]
    assert ws.cell(row=2, column=ids.column).number_format == "@"  # text: Excel cannot round it
    code, _, err = run_cli("template", "members", "-o", str(tmp_path / "m.xlsx"))
    assert code == 1 and "--force" in err


def test_filled_template_imports(good_site: Path, tmp_path: Path) -> None:
    """The round trip: the template as written, filled in openpyxl, imports clean."""
    path = tmp_path / "m.xlsx"
    assert (
        run_cli(
            "template", "members", "-o", str(path), "--site", str(good_site), "--branch", "demo"
        )[0]
        == 0
    )
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.append(
        [
            "周敏",
            "一组党小组",
            "质检员",
            "党员示范岗",
            dt.datetime(2019, 7, 1),
            None,
            "13900000009",
            ID_OK,
        ]
    )
    wb.save(path)
    code, _, err = run_cli(
        "import", "members", str(path), "--branch", "demo", "--site", str(good_site), "--replace"
    )
    assert code == 0, err
    assert _members(good_site) == [
        {
            "name": "周敏",
            "group": "yizu",
            "post": "质检员",
            "roles": ["党员示范岗"],
            "joined": dt.date(2019, 7, 1),
            "private": {"phone": "13900000009", "id_number": ID_OK},
        }
    ]


def _hide(path: Path, *rows: int) -> Path:
    wb = load_workbook(path)
    for n in rows:
        wb.active.row_dimensions[n].hidden = True
    wb.save(path)
    return path


def test_roster_reimport_merges_and_keeps_what_excel_has_no_column_for(
    good_site: Path, tmp_path: Path
) -> None:
    """A new member joins: the officer adds a row and imports again. Photos, 责任区, 发展党员
    stages and applicants (who are in no roster) must survive; --replace drops them."""
    members_yml = good_site / "branches/demo/members.yml"
    members_yml.write_text(
        "- name: 王强\n  group: yizu\n  post: 操作工\n  photo: photos/member.jpg\n"
        "  private: {phone: '13800000000', id_number: SECRET-ID-0001}\n"
        "- name: 张明\n  group: yizu\n  zones: [{name: 三号机台, kind: 责任区}]\n"
        "- name: 吴倩\n  development: {入党申请人: 2023-03-01, 入党积极分子: 2023-09-01}\n",
        encoding="utf-8",
    )
    xlsx = workbook(
        tmp_path / "名册.xlsx",
        [
            ["姓名", "所在党小组", "岗位", "联系电话"],
            ["王强", "yizu", "班长", None],
            ["张明", "yizu", None, None],
            ["钱红梅", "yizu", "质检员", "13900000001"],
        ],
    )
    args = ("import", "members", str(xlsx), "--branch", "demo", "--site", str(good_site))
    code, out, err = run_cli(*args)
    assert code == 1 and "--force" in err
    assert "新增 1: 钱红梅" in out and "更新 1: 王强（岗位）" in out
    assert "表中没有、原文件中保留 1: 吴倩" in out
    code, out, err = run_cli(*args, "--force")
    assert code == 0, err
    members = {m["name"]: m for m in _members(good_site)}
    assert list(members) == ["王强", "张明", "钱红梅", "吴倩"]
    assert members["王强"]["post"] == "班长" and members["王强"]["photo"] == "photos/member.jpg"
    assert members["王强"]["private"] == {"phone": "13800000000", "id_number": "SECRET-ID-0001"}
    assert members["张明"]["zones"] == [{"name": "三号机台", "kind": "责任区"}]
    assert members["吴倩"]["development"]["入党积极分子"] == dt.date(2023, 9, 1)
    assert members["钱红梅"]["private"] == {"phone": "13900000001"}
    code, _, err = run_cli(*args, "--replace")
    assert code == 0, err
    assert [m["name"] for m in _members(good_site)] == ["王强", "张明", "钱红梅"]
    assert "photo" not in _members(good_site)[0]


def test_ledger_reimport_adds_new_rows_keeps_hand_edits_and_names_stale_files(
    good_site: Path, tmp_path: Path
) -> None:
    header = ["日期", "类型", "标题", "参加人员", "内容"]
    march = [
        ["2024-03-12", "党课", "三月党课", "王强、张明", "学习党章。"],
        ["2024-03-20", "支委会", "三月支委会", "王强", None],
    ]
    first = workbook(tmp_path / "台账1.xlsx", [header, *march])
    args = ("--branch", "demo", "--site", str(good_site))
    assert run_cli("import", "activities", str(first), *args)[0] == 0
    acts = good_site / "branches/demo/activities"
    # By hand, the officer adds photos and a write-up to the 支委会 file.
    zwh = acts / "2024-03-20-zhiweihui.md"
    zwh.write_text(
        zwh.read_text(encoding="utf-8")
        .replace("---\n", "photos: [photos/act.jpg]\n---\n", 2)
        .replace("photos: [photos/act.jpg]\n---\n", "---\n", 1)
        + "研究了四月份工作安排。\n",
        encoding="utf-8",
    )
    hand = zwh.read_text(encoding="utf-8")
    assert "photos: [photos/act.jpg]" in hand and hand.endswith("研究了四月份工作安排。\n")
    # April's rows are added; the 党课's date is corrected from 3/12 to 3/13.
    second = workbook(
        tmp_path / "台账2.xlsx",
        [
            header,
            ["2024-03-13", "党课", "三月党课", "王强、张明", "学习党章。"],
            march[1],
            ["2024-04-02", "主题党日", "四月主题党日", "王强", "植树。"],
        ],
    )
    code, out, err = run_cli("import", "activities", str(second), *args)
    assert code == 0, err  # only new files: no --force needed, nothing existing is touched
    assert zwh.read_text(encoding="utf-8") == hand
    assert (acts / "2024-04-02-zhutidangri.md").exists()
    assert "不改动 1" in out
    assert "台账中已没有对应行的活动文件 1: 2024-03-12-dangke.md" in out
    assert (acts / "2024-03-12-dangke.md").exists()  # named, never deleted
    # A changed title in the ledger: listed, needs --force, and the hand edits stay.
    third = workbook(
        tmp_path / "台账3.xlsx", [header, ["2024-03-20", "支委会", "三月份支委会", "王强", None]]
    )
    code, out, err = run_cli("import", "activities", str(third), *args)
    assert code == 1 and "更新 1: 2024-03-20-zhiweihui.md（标题）" in out and "--force" in err
    assert zwh.read_text(encoding="utf-8") == hand
    code, out, err = run_cli("import", "activities", str(third), *args, "--force")
    assert code == 0, err
    merged = zwh.read_text(encoding="utf-8")
    assert "title: 三月份支委会" in merged and "photos: [photos/act.jpg]" in merged
    assert merged.endswith("研究了四月份工作安排。\n")
    # Exact duplicate rows (pasted twice) are refused, naming both rows.
    twice = workbook(tmp_path / "台账4.xlsx", [header, march[0], march[0]])
    code, _, err = run_cli("import", "activities", str(twice), *args, "--force")
    assert code == 1 and "台账4.xlsx!Sheet1:R3: 与第 2 行完全相同" in err


def test_hidden_rows_group_headings_and_annotated_headers(good_site: Path, tmp_path: Path) -> None:
    xlsx = workbook(
        tmp_path / "名册.xlsx",
        [
            [
                "姓名",
                "所在党小组（名称）",
                "入党时间（年月日）",
                "联系电话（手机）",
                "身份证号（18位）",
            ],
            ["一组党小组", None, None, None, None],
            ["王强", None, "2012-07-01", "13800000001", ID_OK],
            ["王刚（已转出）", None, "2001-07-01", None, None],
            ["离退休党员", None, None, None, None],
            ["李　娜", None, "1998-07-01", None, None],
        ],
        merges=("A2:E2", "A5:E5"),
    )
    _hide(xlsx, 4)
    code, out, err = run_cli(
        "import", "members", str(xlsx), "--branch", "demo", "--site", str(good_site), "--replace"
    )
    assert code == 0, err
    assert "跳过 Excel 中隐藏的行: R4" in out
    assert "R2“一组党小组”" in out and "R5“离退休党员”" in out
    assert "忽略的列: 无" in out
    assert _members(good_site) == [
        {
            "name": "王强",
            "group": "yizu",  # from the heading row above it
            "joined": dt.date(2012, 7, 1),
            "private": {"phone": "13800000001", "id_number": ID_OK},
        },
        {"name": "李娜", "joined": dt.date(1998, 7, 1)},  # padding gone; not a group heading
    ]


def test_years_typed_as_numbers_and_unchecked_ids_and_phones_are_refused(
    good_site: Path, tmp_path: Path
) -> None:
    xlsx = workbook(
        tmp_path / "名册.xlsx",
        [
            ["姓名", "入党时间", "联系电话", "身份证号"],
            ["王强", 1998, None, None],
            ["张明", "2001-07-01", 5516234567, None],
            ["李华", "2001-07-01", None, "340103198501010000"],
            ["赵磊", "2001-07-01", None, "3401031985010100O4"],
        ],
    )
    code, _, err = run_cli(
        "import", "members", str(xlsx), "--branch", "demo", "--site", str(good_site), "--force"
    )
    assert code == 1
    assert '名册.xlsx!Sheet1:R2: “入党时间”列: "1998" 只有年份' in err
    assert 'R3: “联系电话”列: 联系电话 "5516234567" 不是有效的号码' in err and "开头的 0" in err
    assert "R4: “身份证号”列: 身份证号 340103198501010000 的校验位" in err
    assert 'R5: “身份证号”列: 身份证号 "3401031985010100O4" 应为 18 位' in err


def test_a_sheet_of_one_years_commitments_stays_one_year(good_site: Path, tmp_path: Path) -> None:
    """A 2024 pledge due in January 2025 is one of 2024's: the sheet must not split into a
    2025 list (which the site then showed alone, hiding 2024's)."""
    xlsx = workbook(
        tmp_path / "承诺.xlsx",
        [
            ["承诺人", "承诺类型", "承诺内容", "完成时限"],
            ["王强", "亮承诺", "甲", "2024-06-30"],
            ["张明", "亮承诺", "乙", "2024-12-31"],
            ["支部", "亮标准", "丙", "2025-01-31"],
        ],
    )
    code, out, err = run_cli(
        "import",
        "commitments",
        str(xlsx),
        "--branch",
        "demo",
        "--site",
        str(good_site),
        "--replace",
    )
    assert code == 0, err
    data = yaml.safe_load((good_site / "branches/demo/commitments.yml").read_text(encoding="utf-8"))
    assert data["year"] == 2024 and [i["text"] for i in data["items"]] == ["甲", "乙", "丙"]


def test_every_bad_cell_of_a_row_is_reported_at_once(good_site: Path, tmp_path: Path) -> None:
    """A row with a bad date and an unknown participant: both in one report, not the second
    only after the first is fixed."""
    xlsx = workbook(
        tmp_path / "l.xlsx",
        [["日期", "类型", "标题", "参加人"], ["2024-02-30", "党课", "党课", "王强、赵敏"]],
    )
    code, _, err = run_cli(
        "import", "activities", str(xlsx), "--branch", "demo", "--site", str(good_site)
    )
    assert code == 1
    assert "l.xlsx!Sheet1:R2: “日期”列:" in err and '“参加人”列: 不在 members.yml 中: "赵敏"' in err


def test_a_members_file_with_a_typo_is_never_merged_into(good_site: Path, tmp_path: Path) -> None:
    """Merging into a file that cannot be read would write the workbook over all of it."""
    members = good_site / "branches/demo/members.yml"
    members.write_text(
        members.read_text(encoding="utf-8").replace("  post: 操作工", "  post：操作工"),
        encoding="utf-8",
    )
    before = members.read_bytes()
    xlsx = workbook(tmp_path / "r.xlsx", [["姓名", "岗位"], ["王强", "班长"]])
    args = ("import", "members", str(xlsx), "--branch", "demo", "--site", str(good_site))
    code, _, err = run_cli(*args, "--force")
    assert code == 1 and "branches/demo/members.yml:" in err and "中文冒号" in err, err
    assert "不能合并导入" in err and members.read_bytes() == before
    assert run_cli(*args, "--replace")[0] == 0  # the one way to overwrite what cannot be read


def test_ledger_rows_find_their_own_files_by_day_type_and_title(
    good_site: Path, tmp_path: Path
) -> None:
    """Two 志愿服务 on one day, swapped in the ledger, stay in their own files with their hand
    edits; a row for an activity written by hand merges into that file instead of doubling;
    a padded name on file is the workbook's name."""
    acts = good_site / "branches/demo/activities"
    header = ["日期", "类型", "标题", "内容"]
    rows = [
        ["2024-06-01", "志愿服务", "社区义诊", "义诊。"],
        ["2024-06-01", "志愿服务", "植树造林", "植树。"],
    ]
    args = ("--branch", "demo", "--site", str(good_site))
    assert (
        run_cli("import", "activities", str(workbook(tmp_path / "a.xlsx", [header, *rows])), *args)[
            0
        ]
        == 0
    )
    tree = acts / "2024-06-01-zhiyuanfuwu-2.md"
    assert "title: 植树造林" in tree.read_text(encoding="utf-8")
    tree.write_text(tree.read_text(encoding="utf-8") + "共植树两百棵。\n", encoding="utf-8")
    hand = tree.read_text(encoding="utf-8")
    swapped = workbook(tmp_path / "b.xlsx", [header, rows[1], rows[0]])
    code, out, err = run_cli("import", "activities", str(swapped), *args, "--force")
    assert code == 0 and "不改动 2" in out, out + err
    assert tree.read_text(encoding="utf-8") == hand
    # the good site's hand-written 2024-03-05-zhutidangri.md, as a ledger row with a new body
    row = ["2024-03-05", "主题党日", "学雷锋志愿服务", "到社区开展志愿服务，清理楼道。"]
    code, out, err = run_cli(
        "import", "activities", str(workbook(tmp_path / "c.xlsx", [header, row])), *args
    )
    assert code == 0 and "不改动 1" in out and "新增" not in out, out + err
    assert sorted(p.name for p in acts.glob("2024-03-05-*")) == ["2024-03-05-zhutidangri.md"]
    members = good_site / "branches/demo/members.yml"
    members.write_text(
        members.read_text(encoding="utf-8").replace("name: 李华", "name: 李　华"), "utf-8"
    )
    roster = workbook(tmp_path / "r.xlsx", [["姓名", "岗位"], ["李华", "质检员"]])
    code, out, err = run_cli("import", "members", str(roster), *args, "--force")
    assert code == 0 and "更新 1: 李华（姓名、岗位）" in out, out + err
    assert [m["name"] for m in _members(good_site)].count("李华") == 1
