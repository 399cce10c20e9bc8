"""An officer's first afternoon, from an empty folder, each step a test (they run in order and
share one site): new site → new branch with two groups → fill the roster template as an
officer would (title row, an ID typed as a number, text dates, group names) → import it →
import an activities ledger → check → serve with a broken file → build → boards → export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from conftest import run_cli, serving

ID_TEXT = "11010519491231002X"  # valid check digit; typed as text it survives
ID_TYPED_AS_NUMBER = (
    340524198001010013.0  # what Excel keeps of an 18-digit ID typed into a number cell
)
PHONE = 13955501234


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("officer")


def _site(work: Path) -> Path:
    return work / "我的站点"


def _branch(work: Path) -> Path:
    return _site(work) / "branches/jianxiu"


def test_1_new_site(work: Path) -> None:
    code, out, err = run_cli("new", "site", str(_site(work)), "--name", "皖江卷烟厂 一支部一品牌")
    assert code == 0, err
    assert (_site(work) / "mkdocs.yml").is_file()
    assert (
        yaml.safe_load((_site(work) / "branches/shili/branch.yml").read_text(encoding="utf-8"))[
            "publish"
        ]
        is False
    )


def test_2_new_branch_with_two_groups(work: Path) -> None:
    code, _, err = run_cli(
        "new",
        "branch",
        "jianxiu",
        str(_site(work)),
        "--groups",
        "2",
        "--name",
        "检修车间党支部",
        "--unit",
        "皖江卷烟厂党委",
    )
    assert code == 0, err
    branch = _branch(work)
    assert (branch / "assessment.yml").is_file() and (branch / "photos").is_dir()
    # The officer writes the brand over the placeholders.
    text = (branch / "branch.yml").read_text(encoding="utf-8")
    for old, new in (
        ("在此填写品牌名称", "铁军检修·匠心护航"),
        ("在此填写品牌口号", "检修无小事 安全连万家"),
        ("在此用一两段话说明品牌内涵。", "以精检细修保障生产。"),
        ("在此填写特色做法", "设备包机到人"),
    ):
        text = text.replace(old, new)
    (branch / "branch.yml").write_text(text, encoding="utf-8")
    groups = (branch / "groups.yml").read_text(encoding="utf-8")
    groups = groups.replace("在此填写微品牌名称", "电气尖兵", 1).replace(
        "在此填写微品牌名称", "机修先锋", 1
    )
    (branch / "groups.yml").write_text(
        groups.replace("在此填写微品牌内涵", "精检细修"), encoding="utf-8"
    )


def _roster(work: Path, id_value: object) -> Path:
    """The template, filled in openpyxl the way an officer fills it."""
    path = work / "检修车间党员名册.xlsx"
    code, _, err = run_cli(
        "template",
        "members",
        "-o",
        str(path),
        "--site",
        str(_site(work)),
        "--branch",
        "jianxiu",
        "--force",
    )
    assert code == 0, err
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.insert_rows(1)  # a title row above the header, merged across
    ws["A1"] = "检修车间党支部党员名册（2025年12月）"
    ws.merge_cells("A1:H1")
    rows = [
        ["周建国", "第一党小组", "电工", "党小组长", "2003年7月1日", None, PHONE, id_value],
        ["吴海燕", "第一党小组", "仪表工", None, "2008/6/20", None, None, None],
        ["郑晓东", "第二党小组", "钳工", "党小组长、党员示范岗", "2011-7-1", None, None, None],
        ["冯立新", "erzu", "焊工", None, dt.datetime(2015, 6, 30), None, None, None],
    ]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    wb.save(path)
    return path


def test_3_roster_with_an_id_typed_as_a_number_is_refused_with_the_cell_named(work: Path) -> None:
    path = _roster(work, ID_TYPED_AS_NUMBER)
    code, _, err = run_cli(
        "import", "members", str(path), "--branch", "jianxiu", "--site", str(_site(work))
    )
    assert code == 1
    assert "检修车间党员名册.xlsx!党员名册:R3: “身份证号”列: 身份证号以数字形式保存" in err
    assert "e+17" not in err
    assert (
        yaml.safe_load((_branch(work) / "members.yml").read_text(encoding="utf-8")) == []
    )  # nothing written


def test_4_roster_fixed_imports_with_groups_dates_and_private_contacts(work: Path) -> None:
    path = _roster(work, ID_TEXT)
    code, out, err = run_cli(
        "import", "members", str(path), "--branch", "jianxiu", "--site", str(_site(work))
    )
    assert code == 0, err  # the template's empty members.yml is replaced without --force
    assert "表头在第 2 行" in out
    members = yaml.safe_load((_branch(work) / "members.yml").read_text(encoding="utf-8"))
    by_name = {m["name"]: m for m in members}
    assert [m["group"] for m in members] == ["yizu", "yizu", "erzu", "erzu"]
    assert by_name["周建国"]["joined"] == dt.date(2003, 7, 1) and by_name["吴海燕"][
        "joined"
    ] == dt.date(2008, 6, 20)
    assert by_name["周建国"]["private"] == {"phone": str(PHONE), "id_number": ID_TEXT}
    # The officer names the committee now that the members exist.
    text = (_branch(work) / "branch.yml").read_text(encoding="utf-8")
    text = text.replace(
        "committee: []",
        "committee:\n  - {name: 周建国, role: 书记}\n  - {name: 郑晓东, role: 组织委员}\n  - {name: 吴海燕, role: 宣传委员}",
    )
    (_branch(work) / "branch.yml").write_text(text, encoding="utf-8")


def test_5_activities_ledger_imports_one_file_per_row(work: Path) -> None:
    path = work / "活动台账.xlsx"
    code, _, err = run_cli(
        "template", "activities", "-o", str(path), "--site", str(_site(work)), "--branch", "jianxiu"
    )
    assert code == 0, err
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.insert_rows(1)
    ws["A1"] = "检修车间党支部 2025年活动台账"
    ws.merge_cells("A1:K1")
    rows = [
        [
            "2025年10月9日",
            "支部委员会",
            "十月份支委会",
            None,
            3,
            3,
            "周建国、郑晓东、吴海燕",
            None,
            None,
            None,
            "研究四季度检修计划。",
        ],
        [
            "2025/10/18",
            "主题党日",
            "安全生产主题党日",
            "第一党小组",
            2,
            2,
            "周建国，吴海燕",
            None,
            None,
            "安全",
            "学习安全规程，排查隐患。",
        ],
        [
            "2025-11-6",
            "党小组会",
            "第二党小组学习会",
            "第二党小组",
            2,
            2,
            "郑晓东、冯立新",
            None,
            None,
            None,
            "学习全会精神。",
        ],
    ]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    wb.save(path)
    code, out, err = run_cli(
        "import", "activities", str(path), "--branch", "jianxiu", "--site", str(_site(work))
    )
    assert code == 0, err
    files = sorted(p.name for p in (_branch(work) / "activities").glob("2*.md"))
    assert files == [
        "2025-10-09-zhiweihui.md",
        "2025-10-18-zhutidangri.md",
        "2025-11-06-dangxiaozuhui.md",
    ]
    text = (_branch(work) / "activities/2025-10-18-zhutidangri.md").read_text(encoding="utf-8")
    assert (
        "group: yizu" in text
        and "participants: [周建国, 吴海燕]" in text
        and text.endswith("学习安全规程，排查隐患。\n")
    )
    assert "type: 支委会" in (_branch(work) / "activities/2025-10-09-zhiweihui.md").read_text(
        encoding="utf-8"
    )


def test_6_check_passes(work: Path) -> None:
    code, out, err = run_cli("check", str(_site(work)))
    assert code == 0, err
    assert "2 个支部，3 条活动记录" in out
    assert "branch.yml" not in out  # the brand placeholders were replaced


@pytest.mark.browser
def test_7_serve_shows_a_broken_file_and_reloads_when_fixed(work: Path, browser) -> None:
    members = _branch(work) / "members.yml"
    good = members.read_text(encoding="utf-8")
    with serving(_site(work)) as (url, _):
        page = browser.new_page()
        page.goto(url + "branches/jianxiu/")
        assert "铁军检修" in page.content()
        members.write_text(good.replace("group: erzu", "group: 第三党小组", 1), encoding="utf-8")
        errors = page.locator("#showcase-preview-errors")
        errors.wait_for(timeout=5000)
        assert (
            "branches/jianxiu/members.yml:" in errors.inner_text()
            and "第三党小组" in errors.inner_text()
        )
        members.write_text(good, encoding="utf-8")
        errors.wait_for(state="detached", timeout=10000)
        page.wait_for_load_state()
        assert "铁军检修" in page.content()
        page.close()


def test_8_build(work: Path) -> None:
    out = work / "site"
    code, _, err = run_cli("build", str(_site(work)), "-d", str(out))
    assert code == 0, err
    brand = (out / "branches/jianxiu/index.html").read_text(encoding="utf-8")
    assert "铁军检修·匠心护航" in brand
    assert not (out / "branches/shili").exists()  # the example branch is not published
    assert (out / "guide/files/members/index.html").is_file()
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert str(PHONE).encode() not in everything and ID_TEXT.encode() not in everything


def test_9_boards(work: Path) -> None:
    out = work / "boards"
    code, _, err = run_cli(
        "boards", str(_site(work)), "--branch", "jianxiu", "--dpi", "10", "-o", str(out)
    )
    assert code == 0, err
    names = sorted(p.name for p in (out / "jianxiu").iterdir())
    assert {"brand.png", "1n.png", "notice.png", "plaque.png", "jianxiu.pdf"} <= set(names)


def test_10_export(work: Path) -> None:
    out = work / "results.json"
    code, _, err = run_cli(
        "export", str(_site(work)), "--format", "json", "-o", str(out), "--include-unpublished"
    )
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    ids = {b["id"]: b for b in data["branches"]}
    assert set(ids) == {"jianxiu", "shili"} and ids["shili"]["publish"] is False
    assert {g["id"] for g in ids["jianxiu"]["groups"]} == {"yizu", "erzu"}
    assert str(PHONE) not in out.read_text(encoding="utf-8")
