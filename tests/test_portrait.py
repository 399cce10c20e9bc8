"""支部画像, 政治生日, 发展党员 and 换届: the numbers, the checks of the new fields, and a
built site where applicants' names appear nowhere (pages, boards, exports)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from rosterkit import APPLICANTS, AS_OF, MARCH, write_site

from conftest import run_cli
from generator.load.project import load_project
from generator.models import Member
from generator.models.roster import Development
from generator.render import svg
from generator.render.pages.portrait import heat_levels
from generator.score import score_project
from generator.score.portrait import points_bins, tenure_bands, tenure_years
from generator.score.roster import (
    birthdays_in,
    development_warnings,
    pipeline,
    term_info,
    zone_count,
    zones,
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("roster") / "src")


@pytest.fixture(scope="module")
def branch(project: Path):
    loaded = load_project(project, project / "branches", None, None)
    return loaded.branches[0]


@pytest.fixture(scope="module")
def built(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("roster-site") / "site"
    code, _, err = run_cli("build", str(project), "--site-dir", str(out))
    assert code == 0, err
    return out


# --- numbers ---------------------------------------------------------------------------------


def test_tenure_counts_whole_years_and_bands_members() -> None:
    m = Member(name="甲", joined=dt.date(2015, 3, 11))
    assert tenure_years(m, dt.date(2025, 3, 10)) == 9
    assert tenure_years(m, dt.date(2025, 3, 11)) == 10
    assert tenure_years(Member(name="乙"), AS_OF) is None
    bands = {
        c.label: c.value
        for c in tenure_bands(
            (m, Member(name="乙"), Member(name="丙", joined=dt.date(1990, 1, 1))), AS_OF
        )
    }
    assert bands["5–10年"] == 1 and bands["30年以上"] == 1 and bands["未填写"] == 1


def test_points_histogram_uses_round_widths() -> None:
    bins = points_bins([0, 12, 19, 33, 61])
    assert [b.label for b in bins] == ["0–10", "10–20", "20–30", "30–40", "40–50", "50–60", "60–70"]
    assert [b.value for b in bins] == [1, 2, 0, 1, 0, 0, 1]
    assert points_bins([]) == ()


def test_political_birthdays_of_a_month(branch) -> None:
    march = birthdays_in(branch, 2025, 3)
    assert [b.member.name for b in march] == list(MARCH)
    assert [b.years for b in march] == [27, 13]
    # a member who joined in 2024-03 has no anniversary before 2025
    assert all(b.member.name != "闻一鸣" for b in birthdays_in(branch, 2024, 3))
    leap = Member(name="闰", joined=dt.date(2020, 2, 29))
    from generator.models import Branch

    b2 = Branch(id="x", folder=Path("."), profile=branch.profile, members=(leap,))
    assert birthdays_in(b2, 2023, 2)[0].day == dt.date(2023, 2, 28)


def test_applicants_are_kept_apart_and_counted(branch) -> None:
    assert {m.name for m in branch.applicants} == set(APPLICANTS)
    assert not {m.name for m in branch.members} & set(APPLICANTS)
    p = pipeline(branch)
    assert dict(p.counts) == {
        "入党申请人": 1,
        "入党积极分子": 1,
        "发展对象": 1,
        "预备党员": 2,
        "正式党员": 6,
    }
    assert p.applicants == 3


def test_development_warnings_are_counts_without_names(branch) -> None:
    found = {w.kind: w for w in development_warnings(branch, AS_OF)}
    assert set(found) == {"probation_due", "probation_overdue", "activist_short"}
    assert "1 名预备党员预备期将于 30 天内届满" in found["probation_due"].message
    assert found["probation_overdue"].date == dt.date(2025, 1, 5)
    assert "培养教育不满一年" in found["activist_short"].message
    for w in found.values():
        assert not any(n in w.message for n in (*APPLICANTS, "闻一鸣", "韶华年"))
    # a month earlier nothing is due yet, and the overdue one was still in time
    early = {w.kind for w in development_warnings(branch, dt.date(2024, 12, 1))}
    assert early == {"activist_short"}


def test_term_status_and_reelection_month(branch) -> None:
    t = term_info(branch, AS_OF)
    assert (t.end, t.status, t.month_label) == (dt.date(2025, 5, 20), "即将届满", "2025年5月")
    assert term_info(branch, dt.date(2025, 1, 1)).status == "在任"
    assert term_info(branch, dt.date(2025, 5, 20)).status == "已届满"


def test_zones_of_groups_and_members(branch) -> None:
    rows = zones(branch)
    assert [(z.name, z.who) for z in rows] == [
        ("调度大厅党员责任区", "红舵（调度党小组）"),
        ("机房党员责任区", "蓝天佑"),
    ]
    assert zone_count(branch) == 2


def test_svg_charts_are_accessible_and_escaped() -> None:
    chart = str(svg.paired_bars("k", "标题<x>", [("甲&乙", 3, 1), ("丙", 0, 2)], ("今年", "去年")))
    assert chart.startswith('<svg class="sc-chart') and 'role="img"' in chart
    assert '<title id="k-t">标题&lt;x&gt;</title>' in chart and "甲&amp;乙" in chart
    assert "http" not in chart  # inline SVG needs no namespace URL: nothing external in site/
    # heat-map shades: none for 0, the top step for the peak, in between by thirds of it
    assert heat_levels(((0, 2), (1, 6))) == ((0, 2), (1, 4))


# --- checks of the new fields ----------------------------------------------------------------


def _problems(root: Path) -> str:
    code, _, err = run_cli("check", str(root))
    assert code == 1 and "Traceback" not in err
    return err


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_development_dates_out_of_order_name_file_and_line(tmp_path: Path) -> None:
    root = write_site(tmp_path / "s")
    path = root / "branches" / "hangxin" / "members.yml"
    text = path.read_text(encoding="utf-8").replace(
        "入党积极分子: 2023-08-01", "入党积极分子: 2022-08-01"
    )
    path.write_text(text, encoding="utf-8")
    err = _problems(root)
    assert re.search(
        r"branches/hangxin/members.yml:\d+: .*入党积极分子（2022-08-01）早于入党申请人（2023-02-01）",
        err,
    ), err


def test_unknown_stage_is_an_unknown_field(tmp_path: Path) -> None:
    root = write_site(tmp_path / "s")
    path = root / "branches" / "hangxin" / "members.yml"
    text = path.read_text(encoding="utf-8").replace(
        "入党申请人: 2024-09-01", "入党申请: 2024-09-01"
    )
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "入党申请: 2024-09-01" in s)
    assert f'branches/hangxin/members.yml:{line}: 未知字段 "入党申请"' in _problems(root)


def test_applicant_named_as_participant_or_author_is_refused(tmp_path: Path) -> None:
    root = write_site(tmp_path / "s")
    act = root / "branches" / "hangxin" / "activities" / "2024-06-18-ztdr.md"
    text = act.read_text(encoding="utf-8").replace("- by: 祁连山", f"- by: {APPLICANTS[1]}")
    text = text.replace("participants:\n", f"participants:\n- {APPLICANTS[0]}\n", 1)
    act.write_text(text, encoding="utf-8")
    err = _problems(root)
    lines = text.splitlines()
    p_line = next(i for i, s in enumerate(lines, 1) if s == f"- {APPLICANTS[0]}")
    r_line = next(i for i, s in enumerate(lines, 1) if APPLICANTS[1] in s)
    assert (
        f'activities/2024-06-18-ztdr.md:{p_line}: "{APPLICANTS[0]}" 是入党申请人/积极分子/发展对象，姓名不公开'
        in err
    )
    assert (
        f'activities/2024-06-18-ztdr.md:{r_line}: "{APPLICANTS[1]}" 是入党申请人/积极分子/发展对象'
        in err
    )


def test_reflection_by_a_stranger_and_zone_without_name(tmp_path: Path) -> None:
    root = write_site(tmp_path / "s")
    act = root / "branches" / "hangxin" / "activities" / "2024-06-18-ztdr.md"
    act.write_text(
        act.read_text(encoding="utf-8").replace("- by: 祁连山", "- by: 路人甲"), encoding="utf-8"
    )
    _edit(root / "branches" / "hangxin" / "groups.yml", lambda d: d[0]["zones"][0].pop("name"))
    err = _problems(root)
    assert '感悟作者 "路人甲" 不在 members.yml 中' in err
    assert re.search(r'branches/hangxin/groups.yml:\d+: 缺少必填字段 "name"', err), err


# --- the built site --------------------------------------------------------------------------


def test_portrait_page_has_charts_tables_and_counts(built: Path) -> None:
    html = (built / "branches" / "hangxin" / "portrait" / "index.html").read_text(encoding="utf-8")
    svgs = re.findall(
        r'<svg class="sc-chart[^"]*"[^>]*role="img"[^>]*>\s*<title id="[^"]+">([^<]+)</title>', html
    )
    assert "月度平均出席率" in svgs
    assert len(re.findall(r'<details class="sc-chart-data">', html)) == len(svgs)
    # counts are bar lists: each bar's length is its count's share of the largest, and the
    # counts of the tenure bands add up to the branch's members
    bars = {
        title: re.findall(
            r'<li style="--v: ([\d.]+)%"><span>([^<]+)</span><i></i><span>(\d+)人', ol
        )
        for title, ol in re.findall(
            r'<figcaption>([^<]+)</figcaption>\s*<ol class="sc-meters">(.*?)</ol>', html, re.S
        )
    }
    assert {"党员党龄结构", "党员岗位分布", "2024年党员积分分布"} <= set(bars), bars
    for rows in bars.values():
        peak = max(int(n) for _, _, n in rows)
        assert [float(v) for v, _, _ in rows] == [round(100 * int(n) / peak, 1) for _, _, n in rows]
    members = re.search(r'sc-stat-value">(\d+)</span><span class="sc-stat-label">党员', html)
    assert sum(int(n) for _, _, n in bars["党员党龄结构"]) == int(members.group(1))
    # the heat map is a table: each row's shaded counts add up to its total, and the totals
    # to the year's activity count shown above it
    heat = re.search(r'<table class="sc-heat">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', heat)
    assert rows and "支委会" in [name for name, _ in rows]
    totals = 0
    for _, cells in rows:
        *counts, total = re.findall(r'<td(?: class="h[1-4]")?>(\d*)</td>', cells)
        assert sum(int(c or 0) for c in counts) == int(total)
        assert all(
            ('class="h' in c) == bool(n)
            for c, n in zip(re.findall(r"<td[^>]*>\d*</td>", cells)[:-1], counts, strict=True)
        )
        totals += int(total)
    year_count = re.search(
        r'sc-stat-value">(\d+)</span><span class="sc-stat-label">2024年活动', html
    )
    assert totals == int(year_count.group(1))
    assert "2024年与2023年活动对比" in html
    # pipeline counts, warnings, 换届 month, zones, the birthday calendar
    assert re.search(
        r'<span class="sc-pipeline-n">1</span><span class="sc-pipeline-stage">发展对象</span>', html
    )
    assert "预备期将于 30 天内届满" in html and "已满" in html
    assert "应于 <strong>2025年5月</strong> 完成换届选举" in html
    assert "机房党员责任区" in html and "调度大厅党员责任区" in html
    assert "3月2日 甘露华" in html
    assert "已过政治生日" not in html  # no ceremony logged in 2025-03 yet


def test_birthday_calendar_marks_months_with_a_ceremony(branch) -> None:
    from generator.score.roster import birthday_calendar

    cal = birthday_calendar(branch, dt.date(2024, 3, 1))
    assert (cal[0][0], cal[0][1], cal[0][3]) == (2024, 3, True)  # 2024-03-20 政治生日
    assert [b.member.name for b in cal[0][2]] == list(MARCH)
    assert not any(held for *_, held in cal[1:])
    assert (cal[-1][0], cal[-1][1]) == (2025, 2)


def test_brand_page_shows_this_months_political_birthdays(built: Path) -> None:
    html = (built / "branches" / "hangxin" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="political-birthdays"') :]
    section = section[: section.index("</section>")]
    assert (
        "本月政治生日" in section
        and "<strong>甘露华</strong>" in section
        and "入党27周年" in section
    )
    assert "卓远航" not in section  # joined in July
    assert "portrait/" in html


def test_unit_portrait_and_dashboard_count_applicants(built: Path) -> None:
    units = (built / "portrait" / "index.html").read_text(encoding="utf-8")
    assert "航信集团党委" in units and "即将届满（2025年5月换届）" in units
    dash = (built / "scorecards" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'portrait/#development">3</a>', dash), "dashboard shows the applicant count"


def test_applicants_names_are_published_nowhere(project: Path, built: Path, tmp_path: Path) -> None:
    code, out, _ = run_cli("export", str(project), "--format", "json")
    assert code == 0
    data = json.loads(out)
    roster = data["branches"][0]["roster"]
    assert roster["applicants"] == 3 and roster["development"]["预备党员"] == 2
    assert roster["term"]["reelection_month"] == "2025-05"
    csv_out = tmp_path / "r.csv"
    assert run_cli("export", str(project), "--format", "csv", "-o", str(csv_out))[0] == 0
    boards = tmp_path / "boards"
    code, _, err = run_cli(
        "boards", str(project), "--size", "a4", "--dpi", "40", "-o", str(boards), "-j", "1"
    )
    assert code == 0, err
    # boards are pictures: what they print is their data, which is checked as text
    from generator.print.boards import boards_for

    loaded = load_project(project, project / "branches", None, None)
    b = loaded.branches[0]
    result = score_project(loaded, None, AS_OF).branches[b.id]
    printed = json.dumps(
        [x.data for x in boards_for(b, result, url=None, month="2025-03", as_of=AS_OF)],
        default=str,
        ensure_ascii=False,
    )
    assert "甘露华" in printed  # the board does print members
    for name in APPLICANTS:
        assert (
            name not in out
            and name not in csv_out.read_text(encoding="utf-8")
            and name not in printed
        )
        hits = subprocess.run(
            ["grep", "-rl", name, str(built)], capture_output=True, text=True
        ).stdout
        assert not hits, hits
    assert "13900001111" not in out


def test_notice_board_lists_political_birthdays(project: Path, tmp_path: Path) -> None:
    from generator.print.boards import notice_board

    loaded = load_project(project, project / "branches", None, None)
    results = score_project(loaded, None, AS_OF)
    b = loaded.branches[0]
    board = notice_board(b, results.branches[b.id], "2025-03", AS_OF)
    assert board.data["birthdays"] == "3月政治生日：甘露华（2日·27周年）、柏青松（28日·13周年）"
    assert notice_board(b, results.branches[b.id], "2025-02", AS_OF).data["birthdays"] == ""


def test_development_model_reports_current_stage() -> None:
    d = Development.model_validate({"入党申请人": "2020-01-01", "入党积极分子": "2020-06-01"})
    assert (d.stage, d.since, d.applicant) == ("入党积极分子", dt.date(2020, 6, 1), True)
    with pytest.raises(ValueError, match="至少填写一个阶段"):
        Development.model_validate({})


def test_group_board_and_brand_page_show_zones(built: Path) -> None:
    board = (built / "branches" / "hangxin" / "groups" / "diaodu" / "index.html").read_text(
        encoding="utf-8"
    )
    zones_html = board[board.index('<section id="zones">') :]
    zones_html = zones_html[: zones_html.index("</section>")]
    assert "调度大厅党员责任区" in zones_html and "大厅值班秩序与应急响应" in zones_html
    assert "机房党员责任区" not in zones_html  # 蓝天佑 is in the other group
    assert "党员示范岗 <small>1 人</small>" in zones_html  # 卓远航
    other = (built / "branches" / "hangxin" / "groups" / "weihu" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "机房党员责任区" in other and "蓝天佑" in other
    brand = (built / "branches" / "hangxin" / "index.html").read_text(encoding="utf-8")
    assert "党员责任区 2 个" in brand


# --- 党建看板 ----------------------------------------------------------------------------------


def test_kanban_page_shows_news_current_notices_and_reflections(built: Path) -> None:
    html = (built / "branches" / "hangxin" / "kanban" / "index.html").read_text(encoding="utf-8")
    news = html[html.index('id="news"') : html.index('id="notices"')]
    assert news.index("12月18日") < news.index("12月5日")  # newest first
    notices = html[html.index('id="notices"') : html.index('id="reflections"')]
    assert "航信二月党费公示" in notices and "二月党费已全部交纳" in notices
    assert "航信旧公示已过期" not in html  # its `until` has passed at as_of
    thoughts = html[html.index('id="reflections"') :]
    assert "调度岗位连着千家万户" in thoughts and "祁连山" in thoughts
    assert "2024/#2024-06-18-ztdr" in thoughts  # links to the activity
    brand = (built / "branches" / "hangxin" / "index.html").read_text(encoding="utf-8")
    assert "kanban/" in brand


def test_kanban_board_prints_the_same_three_parts(project: Path, tmp_path: Path) -> None:
    from generator.print.boards import boards_for
    from generator.print.draw import render
    from generator.print.fonts import find_fonts
    from generator.print.layout import load_board
    from generator.print.paper import Paper

    loaded = load_project(project, project / "branches", None, None)
    b = loaded.branches[0]
    result = score_project(loaded, None, AS_OF).branches[b.id]
    board = {x.kind: x for x in boards_for(b, result, url=None, month="2025-03", as_of=AS_OF)}[
        "kanban"
    ]
    assert [n["title"] for n in board.data["notices"]] == ["航信二月党费公示"]
    assert board.data["notices"][0]["until"] == "2025-03-31"
    assert board.data["thoughts"][0]["by"] == "祁连山"
    assert board.data["news"][0]["date"] == "12月18日"
    for layout in (load_board("kanban").portrait, load_board("kanban").landscape):
        image, warnings = render(layout, board.data, Paper("A4", dpi=40), find_fonts(), board.label)
        assert warnings == [] and image.size == Paper("A4", dpi=40).px
    code, _, err = run_cli(
        "boards", str(project), "--size", "a4", "--dpi", "30", "-o", str(tmp_path / "b"), "-j", "1"
    )
    assert code == 0, err
    assert (tmp_path / "b" / "hangxin" / "kanban.png").is_file()


def test_notice_with_until_before_date_is_refused(tmp_path: Path) -> None:
    root = write_site(tmp_path / "s")
    path = root / "branches" / "hangxin" / "notices" / "2025-03-01-dangfei.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("until: 2025-03-31", "until: 2025-02-01"),
        encoding="utf-8",
    )
    err = _problems(root)
    assert "branches/hangxin/notices/2025-03-01-dangfei.md:" in err and "早于发布日期" in err


def test_notice_file_name_and_symlink_out_are_refused(tmp_path: Path) -> None:
    root = write_site(tmp_path / "s")
    notices = root / "branches" / "hangxin" / "notices"
    (notices / "坏 名字.md").write_text(
        "---\ndate: 2025-03-01\ntitle: 甲\n---\n乙\n", encoding="utf-8"
    )
    outside = tmp_path / "outside.md"
    outside.write_text("---\ndate: 2025-03-01\ntitle: 外部\n---\n外部内容\n", encoding="utf-8")
    (notices / "link.md").symlink_to(outside)
    err = _problems(root)
    assert '公示文件名 "坏 名字" 无效' in err, err
    assert "branches/hangxin/notices/link.md" in err, err


def test_applicant_as_commitment_maker_is_refused_at_its_line(tmp_path: Path) -> None:
    root = write_site(tmp_path / "s")
    text = f"2024:\n  - {{who: 甘露华, kind: 亮承诺, text: 带好调度班组}}\n  - {{who: {APPLICANTS[2]}, kind: 亮身份, text: 公开身份}}\n"
    (root / "branches" / "hangxin" / "commitments.yml").write_text(text, encoding="utf-8")
    err = _problems(root)
    assert (
        f'branches/hangxin/commitments.yml:3: "{APPLICANTS[2]}" 是入党申请人/积极分子/发展对象，姓名不公开，不能出现在公开承诺中'
        in err
    ), err


def test_activity_log_shows_reflections(built: Path) -> None:
    html = (built / "branches" / "hangxin" / "activities" / "2024" / "index.html").read_text(
        encoding="utf-8"
    )
    article = html[html.index('id="2024-06-18-ztdr"') :]
    article = article[: article.index("</article>")]
    assert "调度岗位连着千家万户，守好每一班。" in article and "—— 祁连山" in article
