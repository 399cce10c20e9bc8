"""Issue 9, "Wrong today" 1–6 and 8: each case as a real site in a tmp dir, read back from the
JSON export and the built scorecard page (DATA-FORMAT, "Contract changes (rating)")."""

from __future__ import annotations

import re
from pathlib import Path

from ratingkit import D, SiteKit, activity, exported_branch, exported_item, item, profile, rulebook

from conftest import run_cli


def page_history(page: str) -> dict[str, str]:
    """历年星级 on a scorecard page: year -> stars as shown."""
    section = page.split('id="history"', 1)[1].split("</section>", 1)[0]
    return dict(re.findall(r"<tr><td>(\d{4})</td><td>([★☆]+)", section))


MONTHLY = item("M-01", {"every": "month", "type": "支委会", "min": 1})


def monthly_meetings(year: int, months: range | list[int], prefix: str = "zwh") -> dict[str, str]:
    return {
        f"{year}-{m:02d}-05-{prefix}": activity(D(year, m, 5), "支委会", f"{year}年{m}月支委会")
        for m in months
    }


# -- 1. each year on its own data -------------------------------------------------------------


def test_history_judges_each_year_on_its_own_commitments(tmp_path: Path) -> None:
    """Old: commitments.yml for 2024 made 2023's commitment items N/A, so 2023 passed them."""
    std = rulebook([MONTHLY, item("P-01", {"commitments_fulfilled": 1.0}, category="服务群众")])
    kit = SiteKit(tmp_path, as_of="2025-01-15", standard=std)
    pledge = {
        "who": "branch",
        "kind": "亮承诺",
        "text": "年度承诺",
        "due": D(2024, 6, 30),
        "done": D(2024, 6, 1),
    }
    acts = monthly_meetings(2023, range(1, 13)) | monthly_meetings(2024, range(1, 13))
    kit.branch(
        "qinghe", profile("清河"), commitments={"year": 2024, "items": [pledge]}, activities=acts
    )
    doc = kit.export()
    assert doc["year"] == 2024
    qinghe = exported_branch(doc, "qinghe")
    assert [(h["year"], h["star"]) for h in qinghe["history"]] == [(2023, 0), (2024, 5)]
    later = {
        2023: [{**pledge, "text": "2023年承诺", "due": D(2023, 6, 30), "done": D(2023, 5, 1)}],
        2024: [pledge],
    }
    kit.branch("baisha", profile("白沙"), commitments=later, activities=acts)
    baisha = exported_branch(
        kit.export(), "baisha"
    )  # the multi-year form keeps 2023's own commitments
    assert [(h["year"], h["star"]) for h in baisha["history"]] == [(2023, 5), (2024, 5)]
    old = kit.export("--year", "2023")
    p01 = exported_item(old, "qinghe", "P-01")
    assert not p01["pass"] and not p01["na"] and "本年度没有公开承诺记录" in p01["explanation"]
    assert exported_branch(old, "qinghe")["star"] == 0
    assert page_history(kit.page(kit.build(), "qinghe")) == {"2023": "☆☆☆☆☆", "2024": "★★★★★"}


def test_past_terms_cover_past_years(tmp_path: Path) -> None:
    std = rulebook([item("T-01", {"term_current": True}, category="组织建设")])
    kit = SiteKit(tmp_path, as_of="2025-01-15", standard=std)
    acts = {"2020-03-05-zwh": activity(D(2020, 3, 5), "支委会", "2020年支委会")}
    terms = {"term": {"start": D(2022, 7, 1), "years": 3},
             "terms": [{"start": D(2017, 7, 1), "years": 2}, {"start": D(2019, 7, 1), "years": 2}]}  # fmt: skip
    kit.branch("songlin", profile("松林", **terms), activities=acts)
    doc = kit.export()
    history = {h["year"]: h["star"] for h in exported_branch(doc, "songlin")["history"]}
    # 2020 is covered by the 2019 term; 2021 by none (lapsed 2021-07-01, next starts 2022-07-01)
    assert history == {2020: 5, 2021: 0, 2022: 5, 2023: 5, 2024: 5}
    lapsed = exported_item(kit.export("--year", "2021"), "songlin", "T-01")
    assert not lapsed["pass"] and "已于 2021-07-01 届满" in lapsed["explanation"]
    kit.branch(
        "songlin", profile("松林", term={"start": D(2022, 7, 1), "years": 3}), activities=acts
    )
    gap = exported_item(kit.export("--year", "2020"), "songlin", "T-01")
    assert not gap["pass"] and "无该年任期记录" in gap["explanation"]


# -- 2. N/A only where the rulebook allows it --------------------------------------------------


def test_na_on_an_automatic_item_is_a_check_error(tmp_path: Path) -> None:
    """Old: D-01 {na: true} made a branch with a missing 支委会 month pass and hid the gap."""
    kit = SiteKit(tmp_path, as_of="2025-01-15")
    kit.branch("taohua", profile("桃花"), activities=monthly_meetings(2024, [m for m in range(1, 13) if m != 5]),
               assessment="2024:\n  D-01: {na: true, reason: 支委会改选}\n  D-05: {pass: true, by: 考核组}\n")  # fmt: skip
    code, said = kit.check()
    assert code == 1
    assert re.search(r"branches/taohua/assessment\.yml:2: .*D-01.*不允许认定不适用", said), said
    assert re.search(
        r"branches/taohua/assessment\.yml:3: .*D-05.*不能在 assessment\.yml 中评定 pass", said
    ), said


def test_na_allowed_item_passes_as_na_and_does_not_hide_other_gaps(tmp_path: Path) -> None:
    std = rulebook(
        [
            MONTHLY,
            item("G-01", {"every": "month", "type": "党小组会", "per": "group"}, na_allowed=True),
        ]
    )
    kit = SiteKit(tmp_path, as_of="2025-01-15", standard=std)
    kit.branch("xiaoqiao", profile("小桥"), activities=monthly_meetings(2024, [m for m in range(1, 13) if m != 5]),
               assessment="2024:\n  G-01: {na: true, reason: 党员7人，未划分党小组}\n")  # fmt: skip
    doc = kit.export()
    g01, m01 = exported_item(doc, "xiaoqiao", "G-01"), exported_item(doc, "xiaoqiao", "M-01")
    assert g01["pass"] and g01["na"] and g01["na_reason"] == "党员7人，未划分党小组"
    assert not m01["pass"] and "5月" in m01["explanation"]
    assert exported_branch(doc, "xiaoqiao")["star"] == 0


# -- 3. rules check what the item's words promise ---------------------------------------------


def test_default_items_check_their_words(tmp_path: Path) -> None:
    """D-02 per group, A-05 leaders, C-11 distinct micro-brands, F-08 coverage (default rulebook)."""
    kit = SiteKit(tmp_path, as_of="2025-01-15")
    groups = [{"id": f"z{i}", "name": f"第{i}党小组", "brand": "同一微品牌"} for i in (1, 2, 3)]
    members = [
        {"name": n, "group": "z1", "post": "操作工", "joined": D(2010, 1, 1)}
        for n in ("甘一", "甘二", "甘三")
    ]
    acts = {
        f"2024-{m:02d}-09-xzh": activity(D(2024, m, 9), "党小组会", f"{m}月一组会", group="z1")
        for m in range(1, 13)
    }
    pledges = [
        {"who": "branch", "kind": k, "text": f"支部承诺{i}"}
        for i, k in enumerate(["亮标准", "亮身份", "亮承诺"] * 2)
    ]
    kit.branch("ganquan", profile("甘泉", committee=[{"name": n, "role": "委员"} for n in ("甘一", "甘二", "甘三")]),
               groups=groups, members=members, commitments={"year": 2024, "items": pledges}, activities=acts)  # fmt: skip
    doc = kit.export()
    d02 = exported_item(doc, "ganquan", "D-02")
    assert not d02["pass"] and d02["display"] == "1/3 个党小组"
    assert "第2党小组（z2）" in d02["explanation"] and "第3党小组（z3）" in d02["explanation"]
    a05 = exported_item(doc, "ganquan", "A-05")
    assert not a05["pass"] and "未填写党小组长" in a05["explanation"]
    c11 = exported_item(doc, "ganquan", "C-11")
    assert not c11["pass"] and "不同微品牌仅 1 个" in c11["explanation"]
    f08 = exported_item(doc, "ganquan", "F-08")
    assert not f08["pass"] and "缺少党小组、党员的承诺" in f08["explanation"]
    assert exported_item(doc, "ganquan", "F-01")["pass"]  # all three 亮 are there
    assert exported_item(doc, "ganquan", "A-01")["pass"]


def test_duplicate_and_unknown_committee_names_are_check_errors(tmp_path: Path) -> None:
    """Old: A-01 counted one name listed three times as three committee members."""
    kit = SiteKit(tmp_path, as_of="2025-01-15")
    committee = [
        {"name": "柳青", "role": "书记"},
        {"name": "柳青", "role": "组织委员"},
        {"name": "外人", "role": "宣传委员"},
    ]
    kit.branch(
        "liuying",
        profile("柳营", committee=committee),
        members=[{"name": "柳青"}, {"name": "柳白"}],
    )
    code, said = kit.check()
    assert code == 1
    assert re.search(r"branches/liuying/branch\.yml:\d+: 支委会成员 \"柳青\" 重复", said), said
    assert re.search(
        r"branches/liuying/branch\.yml:\d+: 支委会成员 \"外人\" 不在 members\.yml 中", said
    ), said


# -- 4. as_of everywhere ----------------------------------------------------------------------


def test_as_of_is_respected_for_commitments_terms_and_months(tmp_path: Path) -> None:
    """Mid-year, the running year (progress) judges at as_of itself: a pledge done after it
    is not done yet, a term starting after it has not begun, the current month is pending."""
    std = rulebook(
        [
            MONTHLY,
            item("P-01", {"commitments_fulfilled": 1.0}),
            item("T-01", {"term_current": True}),
        ]
    )
    kit = SiteKit(tmp_path, as_of="2025-03-01", standard=std)
    pledge = {
        "who": "branch",
        "kind": "亮承诺",
        "text": "春季承诺",
        "due": D(2025, 2, 1),
        "done": D(2025, 3, 10),
    }
    kit.branch("yuquan", profile("玉泉", term={"start": D(2025, 6, 1), "years": 3}),
               commitments={"year": 2025, "items": [pledge]}, activities=monthly_meetings(2025, [1, 2]))  # fmt: skip
    running = exported_branch(kit.export(), "yuquan")["progress"]
    assert running["year"] == 2025 and running["ended_months"] == 2
    items = {i["id"]: i for i in running["items"]}
    p01 = items["P-01"]  # done 3-10 is after as_of
    assert p01["status"] == "落后" and "已践诺 0 项" in p01["explanation"], p01
    t01 = items["T-01"]
    assert t01["status"] == "落后" and "任期尚未开始" in t01["explanation"], t01
    m01 = items["M-01"]  # 1 March: March is pending, never missing
    assert m01["status"] in ("按进度", "已达标") and "3月尚未结束" in m01["explanation"], m01


# -- 5. explanations never contradict verdicts -------------------------------------------------


def test_displayed_percentages_agree_with_the_verdict(tmp_path: Path) -> None:
    std = rulebook([
        item("R-01", {"attendance": "支部党员大会", "min": 0.9}),
        item("R-02", {"commitments_fulfilled": 0.8}),
        item("R-03", {"attendance": "主题党日", "min": 0.9}),
    ])  # fmt: skip
    kit = SiteKit(tmp_path, as_of="2025-01-15", standard=std)
    acts = {
        "2024-03-01-dh": activity(
            D(2024, 3, 1), "支部党员大会", "一季度大会", attendance={"expected": 10, "present": 9}
        ),
        "2024-04-01-ztdr": activity(
            D(2024, 4, 1), "主题党日", "四月党日", attendance={"expected": 1000, "present": 899}
        ),
        "2024-05-01-ztdr": activity(
            D(2024, 5, 1), "主题党日", "五月党日", attendance={"expected": 1000, "present": 900}
        ),
        "2024-06-01-ztdr": activity(
            D(2024, 6, 1), "主题党日", "六月党日", attendance={"expected": 1000, "present": 900}
        ),
    }
    pledges = [{"who": "branch", "kind": "亮承诺", "text": f"承诺{i}", "due": D(2024, 6, 30), "done": D(2024, 6, 1) if i else None}
               for i in range(5)]  # fmt: skip
    kit.branch(
        "jinshui", profile("金水"), commitments={"year": 2024, "items": pledges}, activities=acts
    )
    doc = kit.export()
    r01, r02, r03 = (exported_item(doc, "jinshui", i) for i in ("R-01", "R-02", "R-03"))
    assert (
        r01["pass"]
        and "平均出席率为 90.0%" in r01["explanation"]
        and "达到 ≥90%" in r01["explanation"]
    )
    assert r02["pass"] and "（80.0%）" in r02["explanation"] and "达到 ≥80%" in r02["explanation"]
    # (0.899 + 0.9 + 0.9) / 3 = 0.89966…: rounds to 90.0% but fails, so it shows 89.9%
    assert (
        not r03["pass"]
        and "平均出席率为 89.9%" in r03["explanation"]
        and "未达到 ≥90%" in r03["explanation"]
    )
    assert (r01["display"], r02["display"], r03["display"]) == ("90.0%", "80.0%", "89.9%")
    assert r01["value"] == 0.9 and r02["value"] == 0.8  # exact, not rounded to 4 places
    page = kit.page(kit.build(), "jinshui")
    cells = re.findall(r"<td>([^<]*)<br><small>要求：", page)
    assert "90.0%" in cells and "89.9%" in cells and "80.0%" in cells
    assert not any(re.fullmatch(r"0\.\d+", c.strip()) for c in cells), cells  # never a raw fraction


# -- 6. one early entry does not move the year ------------------------------------------------


def test_an_early_entry_does_not_move_the_evaluation_year(tmp_path: Path) -> None:
    kit = SiteKit(tmp_path, as_of="2025-01-15", standard=rulebook([MONTHLY]))
    kit.branch("hongye", profile("红叶"), activities=monthly_meetings(2024, range(1, 13)))
    early = {"2025-01-06-zwh": activity(D(2025, 1, 6), "支委会", "新年第一次支委会")}
    kit.branch(
        "lvzhou", profile("绿洲"), activities=monthly_meetings(2024, range(1, 13), "h") | early
    )
    doc = kit.export()
    assert doc["year"] == 2024
    assert {b["id"]: b["star"] for b in doc["branches"]} == {"hongye": 5, "lvzhou": 5}
    site = kit.build()
    for bid in ("hongye", "lvzhou"):  # the running year 2025 has no star (progress only)
        assert page_history(kit.page(site, bid)) == {"2024": "★★★★★"}


# -- 8. adjustments name who they apply to ----------------------------------------------------


def test_adjustment_applies_to_the_named_member_only(tmp_path: Path) -> None:
    lists = {"point_lists": {"正面清单": [{"reason": "获得上级表彰", "points": 5}],
                             "负面清单": [{"reason": "无故缺席组织生活", "points": -2}]}}  # fmt: skip
    kit = SiteKit(tmp_path, as_of="2025-01-15", standard=rulebook([MONTHLY], **lists))
    names = ["石一", "石二", "石三", "石四", "石五"]
    groups = [{"id": "s1", "name": "石桥一组", "brand": "石桥先锋", "leader": "石一"}]
    members = [{"name": n, "group": "s1"} for n in names]
    acts = {"2024-07-10-xzh": activity(D(2024, 7, 10), "党小组会", "七月党小组会", group="s1", participants=names,
                                       adjust=[{"who": "石三", "reason": "无故缺席组织生活"},
                                               {"who": "s1", "points": 1, "reason": "获得上级表彰"}])}  # fmt: skip
    kit.branch("shiqiao", profile("石桥"), groups=groups, members=members, activities=acts)
    doc = kit.export()
    b = exported_branch(doc, "shiqiao")
    assert {m["name"]: m["points"] for m in b["members"]} == {
        "石一": 1,
        "石二": 1,
        "石三": -1,
        "石四": 1,
        "石五": 1,
    }
    assert [(g["id"], g["points"]) for g in b["groups"]] == [("s1", 4)]
    acts["2024-07-10-xzh"] = (
        acts["2024-07-10-xzh"].replace("无故缺席组织生活", "迟到").replace("who: s1", "who: 外组")
    )
    kit.branch("shiqiao", profile("石桥"), groups=groups, members=members, activities=acts)
    code, said = kit.check()
    assert code == 1
    assert re.search(
        r"2024-07-10-xzh\.md:\d+: 积分调整事由 \"迟到\" 不在评定标准的正面清单、负面清单中", said
    ), said
    assert re.search(
        r"2024-07-10-xzh\.md:\d+: 积分调整对象 \"外组\" 既不是党员姓名，也不是党小组编号", said
    ), said


def test_workbook_rate_never_reads_across_its_threshold(tmp_path: Path) -> None:
    """The xlsx 测量值 under Excel's 0.0% format agrees with the page's display and the verdict."""
    import io

    from openpyxl import load_workbook

    from conftest import run_cli

    std = rulebook([item("R-03", {"attendance": "主题党日", "min": 0.9})])
    kit = SiteKit(tmp_path, as_of="2025-01-15", standard=std)
    acts = {f"2024-0{m}-01-ztdr": activity(D(2024, m, 1), "主题党日", f"{m}月党日", attendance={"expected": 1000, "present": p})
            for m, p in ((4, 899), (5, 900), (6, 900))}  # fmt: skip
    kit.branch("yinhe", profile("银河"), activities=acts)
    out = tmp_path / "results.xlsx"
    code, said, err = run_cli("export", str(tmp_path), "--format", "xlsx", "-o", str(out))
    assert code == 0, said + err
    ws = load_workbook(io.BytesIO(out.read_bytes()))["条目"]
    head = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[head.index("条目")].value == "R-03")
    cell = row[head.index("测量值")]
    assert (
        cell.number_format == "0.0%" and round(cell.value * 1000) == 899
    )  # shows 89.9%, not 90.0%


# -- session 15: the running year, term boundaries, field rules in progress, attestations ----


def test_the_running_year_gets_no_star(tmp_path: Path) -> None:
    """Stars only for ended years: `year: 2025` at as_of 2025-07-01 (or `--year 2025`, or a
    later year) is refused with the line it is written on, not rated 0★ for what is to come."""
    kit = SiteKit(tmp_path, as_of="2025-07-01", year=2025, standard=rulebook([MONTHLY]))
    kit.branch("yunhe", profile("运河"), activities=monthly_meetings(2025, range(1, 7)))
    code, said = kit.check()
    assert code == 1 and "Traceback" not in said
    assert re.search(r"mkdocs\.yml:\d+: 评定年度 2025 在评定基准日 2025-07-01 时尚未结束", said)
    assert "请把年度改为 2024 或更早" in said
    code, out, err = run_cli("build", str(tmp_path))
    assert code == 1 and "评定年度 2025" in out + err and not (tmp_path / "site").exists()
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("      year: 2025\n", ""), "utf-8")
    code, out, err = run_cli("export", str(tmp_path), "--format", "json", "--year", "2026")
    assert code == 1 and "--year: 评定年度 2026 在评定基准日 2025-07-01 时尚未结束" in out + err
    doc = kit.export()  # no year: the last ended year, and 2025 as progress
    assert doc["year"] == 2024
    assert exported_branch(doc, "yunhe")["progress"]["year"] == 2025


def test_a_term_ending_on_as_of_has_ended_and_one_starting_on_it_runs(tmp_path: Path) -> None:
    """DATA-FORMAT: current when the term "has not ended at as_of" (start <= as_of < end),
    as the 换届 warning says; the progress view and the star agree with it."""
    std = rulebook([MONTHLY, item("T-01", {"term_current": True}, category="组织建设")])
    kit = SiteKit(tmp_path, as_of="2025-07-01", standard=std)
    acts = monthly_meetings(2024, range(1, 13)) | monthly_meetings(2025, range(1, 7))
    kit.branch(
        "huaiyin", profile("淮阴", term={"start": D(2022, 7, 1), "years": 3}), activities=acts
    )
    kit.branch(
        "lianshui", profile("涟水", term={"start": D(2022, 1, 1), "years": 3}), activities=acts
    )
    kit.branch("siyang", profile("泗阳", term={"start": D(2025, 1, 1), "years": 3},
                                 terms=[{"start": D(2021, 1, 1), "years": 3}]), activities=acts)  # fmt: skip
    doc = kit.export()
    ended = {p["id"]: p for p in exported_branch(doc, "huaiyin")["progress"]["items"]}["T-01"]
    assert ended["status"] == "落后", ended
    warned = [w["message"] for w in exported_branch(doc, "huaiyin")["warnings"]]
    assert any("已于 2025-07-01 届满" in m for m in warned), warned
    # 2024 judged at as_of_2024 = 2025-01-01: a term ending that day has ended ...
    lapsed = exported_item(doc, "lianshui", "T-01")
    assert not lapsed["pass"] and "已于 2025-01-01 届满" in lapsed["explanation"]
    # ... and one starting that day has begun (the earlier term ended 2024-01-01)
    begun = exported_item(doc, "siyang", "T-01")
    assert begun["pass"] and "评定基准日 2025-01-01 仍在任期内" in begun["explanation"]


def test_a_field_minimum_is_judged_in_full_in_the_running_year(tmp_path: Path) -> None:
    """Progress pro-rates `count` only; `{field: activities, min: 30}` is "as for a star"."""
    std = rulebook([MONTHLY, item("B-07", {"field": "activities", "min": 30})])
    kit = SiteKit(tmp_path, as_of="2025-07-01", standard=std)
    acts = monthly_meetings(2025, range(1, 7)) | monthly_meetings(2025, range(1, 7), "zwh2")
    acts |= monthly_meetings(2025, range(1, 7), "zwh3") | monthly_meetings(2025, [1, 2], "zwh4")
    kit.branch("xuyi", profile("盱眙"), activities=acts)  # 20 activities by the end of June
    items = {p["id"]: p for p in exported_branch(kit.export(), "xuyi")["progress"]["items"]}
    assert items["B-07"]["status"] == "落后" and items["B-07"]["value"] == 20, items["B-07"]


def test_a_running_year_says_the_last_day_it_counts(tmp_path: Path) -> None:
    """as_of is the first day not counted: 1 July counts to 30 June."""
    from generator.score.periods import year_label

    assert year_label(2025, D(2025, 7, 1)) == "2025年（截至6月30日）"
    assert year_label(2025, D(2025, 1, 1)) == "2025年（截至2024-12-31）"
    assert year_label(2024, D(2025, 1, 1)) == "2024年"


def test_mixed_attestations_are_check_errors(tmp_path: Path) -> None:
    """ "Anything else in assessment.yml is a check error at its line": a verdict and 不适用
    at once, `until` on a verdict, `reason` on a verdict."""
    std = rulebook([MONTHLY, item("R-01", {"attested": True}), item("R-02", {"attested": True}),
                    item("R-03", {"attested": True})])  # fmt: skip
    kit = SiteKit(tmp_path, as_of="2025-01-15", standard=std)
    kit.branch("jinhu", profile("金湖"), activities=monthly_meetings(2024, range(1, 13)),
               assessment="2024:\n  R-01: {pass: true, na: true, reason: 新建}\n"
                          "  R-02: {pass: true, until: 2025-06-30}\n"
                          "  R-03: {pass: false, reason: 台账缺失}\n")  # fmt: skip
    code, said = kit.check()
    assert code == 1, said
    assert re.search(r"assessment\.yml:2: .*pass 与 na: true 不能同时填写", said), said
    assert re.search(r"assessment\.yml:3: .*until 只用于不适用", said), said
    assert re.search(r"assessment\.yml:4: .*reason 只用于不适用", said), said


def test_no_progress_warning_before_the_first_month_has_ended(tmp_path: Path) -> None:
    """On 15 January a full-year minimum is not met yet (落后 in the progress view, as the
    contract says), but no branch is warned about it; from February on it is."""
    std = rulebook([MONTHLY, item("B-07", {"field": "activities", "min": 30})])
    for as_of, warned in (("2025-01-15", False), ("2025-02-15", True)):
        root = tmp_path / as_of
        root.mkdir()
        kit = SiteKit(root, as_of=as_of, standard=std)
        kit.branch("hongze", profile("洪泽"), activities=monthly_meetings(2025, [1]))
        branch = exported_branch(kit.export(), "hongze")
        items = {i["id"]: i["status"] for i in branch["progress"]["items"]}
        assert items["B-07"] == "落后", items
        kinds = [w["ref"] for w in branch["warnings"] if w["kind"] == "progress_behind"]
        assert ("B-07" in kinds) is warned, (as_of, kinds)
