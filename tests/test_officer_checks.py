"""Templates that teach and checks that catch an officer's usual mistakes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import run_cli
from generator.load.project import load_project
from generator.load.unit_names import unit_key


def _branch(site: Path) -> Path:
    return site / "branches/demo"


def test_new_branch_writes_every_file_with_examples(tmp_path: Path) -> None:
    site = tmp_path / "s"
    assert run_cli("new", "site", str(site))[0] == 0
    code, _, err = run_cli(
        "new", "branch", "jianxiu", str(site), "--groups", "2", "--name", "检修车间党支部"
    )
    assert code == 0, err
    folder = site / "branches/jianxiu"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "activities",
        "assessment.yml",
        "branch.yml",
        "commitments.yml",
        "groups.yml",
        "members.yml",
        "photos",
    ]
    groups = yaml.safe_load((folder / "groups.yml").read_text(encoding="utf-8"))
    assert [(g["id"], g["name"]) for g in groups] == [
        ("yizu", "第一党小组"),
        ("erzu", "第二党小组"),
    ]
    assessment = (folder / "assessment.yml").read_text(encoding="utf-8")
    assert "党建工作部" in assessment and "不由支部自评" in assessment
    assert "#   B-03  党员档案齐全" in assessment  # the rulebook's attested items are listed
    assert yaml.safe_load(assessment) == {}
    # Every member field appears as a commented example.
    members = (folder / "members.yml").read_text(encoding="utf-8")
    for field in ("name:", "group:", "post:", "roles:", "joined:", "photo:", "private:"):
        assert f"#   {field}" in members or f"# - {field}" in members, field
    assert "DATA-FORMAT" not in "".join(
        p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()
    )
    # The example activity is a template: it is not read as an activity.
    assert (folder / "activities/_示例.md").is_file()
    code, out, err = run_cli("check", str(site))
    assert code == 0, err
    assert "2 个支部，0 条活动记录" in out


def test_new_site_example_branch_is_not_published(tmp_path: Path) -> None:
    site = tmp_path / "s"
    assert run_cli("new", "site", str(site))[0] == 0
    text = (site / "branches/shili/branch.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["publish"] is False
    assert "示例支部" in text.split("publish:")[1]  # the comment says why
    code, out, _ = run_cli("check", str(site))
    assert code == 0 and "提示" not in out  # an unpublished example raises no placeholder warnings


def test_check_warns_about_untouched_placeholders(tmp_path: Path) -> None:
    site = tmp_path / "s"
    run_cli("new", "site", str(site))
    run_cli("new", "branch", "jianxiu", str(site), "--groups", "1")
    code, out, _ = run_cli("check", str(site))
    assert code == 0
    assert "提示: branches/jianxiu/branch.yml:" in out and "在此填写品牌名称" in out
    assert "提示: branches/jianxiu/groups.yml:" in out
    branch = site / "branches/jianxiu/branch.yml"
    text = branch.read_text(encoding="utf-8")
    for old, new in (
        ("某某党委", "皖江卷烟厂党委"),
        ("在此填写品牌名称", "铁军先锋"),
        ("在此填写品牌口号", "守正创新"),
        ("在此用一两段话说明品牌内涵。", "以检修保生产。"),
        ("在此填写特色做法", "设备包机制"),
    ):
        text = text.replace(old, new)
    branch.write_text(text, encoding="utf-8")
    code, out, _ = run_cli("check", str(site))
    assert "branch.yml" not in out and "groups.yml" in out
    code, out, _ = run_cli("check", str(site), "--format", "json")
    report = json.loads(out)
    assert report["ok"] and any(
        w["file"] == "branches/jianxiu/groups.yml" for w in report["warnings"]
    )


def test_minimal_mkdocs_gets_red_tabs_and_dark_toggle_unless_user_sets_own(tmp_path: Path) -> None:
    site = tmp_path / "s"
    run_cli("new", "site", str(site))
    out = tmp_path / "out"
    code, _, err = run_cli("build", str(site), "-d", str(out))
    assert code == 0, err
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'data-md-color-primary="red"' in html and "md-tabs" in html
    assert "切换到深色模式" in html
    cfg = site / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace(
            "theme: {name: material, language: zh}",
            "theme: {name: material, language: zh, palette: {primary: teal}, features: [navigation.top]}",
        ),
        encoding="utf-8",
    )
    code, _, err = run_cli("build", str(site), "-d", str(out))
    assert code == 0, err
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'data-md-color-primary="teal"' in html and "md-tabs" not in html


def test_participants_more_than_present_is_an_error(good_site: Path) -> None:
    act = _branch(good_site) / "activities/2024-01-10-zhiweihui.md"
    act.write_text(
        act.read_text(encoding="utf-8").replace(
            "attendance:", "participants: [王强, 张明, 李华]\nattendance:"
        ),
        encoding="utf-8",
    )
    code, _, err = run_cli("check", str(good_site))
    assert code == 1
    assert (
        "branches/demo/activities/2024-01-10-zhiweihui.md:5: 参加人 3 人，多于 attendance 的实到人数 present: 2"
        in err
    )


def test_one_unit_spelled_two_ways_is_an_error_naming_both(good_site: Path) -> None:
    """A stray (full-width) space would split the unit's statistics in two."""
    demo = _branch(good_site)
    for copy, unit in (
        ("erchejian", "测试厂　党委"),
        ("sanchejian", "测试厂党委"),
        ("other", "测试二厂党委"),
    ):
        shutil.copytree(demo, good_site / "branches" / copy)
        profile = good_site / "branches" / copy / "branch.yml"
        profile.write_text(
            profile.read_text(encoding="utf-8").replace("unit: 测试厂党委", f"unit: {unit}"),
            encoding="utf-8",
        )
    code, _, err = run_cli("check", str(good_site))
    assert code == 1, err
    assert (
        "branches/erchejian/branch.yml:2: 上级党组织写作「测试厂　党委」，另有 2 个支部写作「测试厂党委」"
        "（如 branches/demo/branch.yml）" in err
    )
    assert "共 1 处错误" in err  # a different unit (测试二厂党委) is not a spelling of this one


def test_unit_spellings_that_differ_in_width_or_spaces_are_one_unit() -> None:
    assert unit_key("江城机械厂（本部）党委") == unit_key("江城机械厂(本部) 党委")
    assert unit_key("ＡＢ公司党委") == unit_key("AB公司党委")
    assert unit_key("江城机械厂党委") != unit_key("江城机械二厂党委")


def test_date_unlike_file_name_and_future_dates_are_warnings(good_site: Path) -> None:
    act = _branch(good_site) / "activities/2024-01-10-zhiweihui.md"
    act.write_text(
        act.read_text(encoding="utf-8").replace("date: 2024-01-10", "date: 2024-01-11"),
        encoding="utf-8",
    )
    later = _branch(good_site) / "activities/2042-03-01-dangke.md"
    later.write_text("---\ndate: 2042-03-01\ntype: 党课\ntitle: 党课\n---\n", encoding="utf-8")
    code, out, err = run_cli("check", str(good_site))
    assert code == 0, err  # warnings do not fail the check
    assert (
        "提示: branches/demo/activities/2024-01-10-zhiweihui.md:2: date: 2024-01-11 与文件名中的日期 2024-01-10 不一致"
        in out
    )
    assert (
        "提示: branches/demo/activities/2042-03-01-dangke.md:2: 活动日期 2042-03-01 晚于评定基准日 2025-01-01"
        in out
    )


def test_what_is_dated_on_as_of_itself_is_said_to_count_from_the_next_day(
    good_site: Path,
) -> None:
    """The rating counts activities and fulfilled commitments dated before as_of: one dated
    on as_of (the officer who writes today's activity and builds today) is told, not left
    silently uncounted; a day earlier is nothing to say. (The running year's last day: the
    site rates 2023 and shows 2024 as progress.)"""
    cfg = good_site / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace(
            "      year: 2024\n      as_of: 2025-01-01", "      as_of: 2024-12-31"
        ),
        encoding="utf-8",
    )
    (_branch(good_site) / "activities/2024-12-31-zuzhishenghuo.md").write_text(
        "---\ndate: 2024-12-31\ntype: 党课\ntitle: 岁末党课\n---\n", encoding="utf-8"
    )
    (_branch(good_site) / "activities/2024-12-30-xuexi.md").write_text(
        "---\ndate: 2024-12-30\ntype: 党课\ntitle: 岁末学习\n---\n", encoding="utf-8"
    )
    book = _branch(good_site) / "commitments.yml"
    book.write_text(
        book.read_text(encoding="utf-8").replace("done: 2024-11-20", "done: 2024-12-31"),
        encoding="utf-8",
    )
    code, out, err = run_cli("check", str(good_site))
    assert code == 0, err
    assert (
        "提示: branches/demo/activities/2024-12-31-zuzhishenghuo.md:2: 活动日期 2024-12-31 "
        "就是评定基准日：评定只计基准日之前的活动，本条次日起才计入" in out
    )
    assert "2024-12-30-xuexi.md" not in out
    done_line = book.read_text(encoding="utf-8").splitlines().index("    done: 2024-12-31") + 1
    assert (
        f"提示: branches/demo/commitments.yml:{done_line}: 践诺日期 2024-12-31 就是评定基准日："
        "评定只计基准日之前的践诺，本条次日起才计入" in out
    )


def test_did_you_mean_for_names_groups_types_and_ids(good_site: Path) -> None:
    act = _branch(good_site) / "activities/2024-03-05-zhutidangri.md"
    text = (
        act.read_text(encoding="utf-8")
        .replace("type: 主题党日", "type: 主题党曰")
        .replace("group: yizu", "group: 一组党小组")
    )
    act.write_text(text.replace("participants: [", "participants: [王墙, "), encoding="utf-8")
    com = _branch(good_site) / "commitments.yml"
    com.write_text(
        com.read_text(encoding="utf-8").replace(
            "[2024-03-05-zhutidangri]", "[2024-03-05-zhutidangr]"
        ),
        encoding="utf-8",
    )
    code, _, err = run_cli("check", str(good_site))
    assert code == 1
    assert '活动类型 "主题党曰" 不在标准的 activity_types 中，是不是 "主题党日"？' in err
    assert (
        '党小组 "一组党小组" 不在 groups.yml 中（"一组党小组" 是党小组名称，这里应写编号 "yizu"）'
        in err
    )
    assert '参加人 "王墙" 不在 members.yml 中，是不是 "王强"？' in err
    assert (
        '佐证活动 "2024-03-05-zhutidangr" 不存在（应为 activities/ 下的文件名，不含 .md），是不是 "2024-03-05-zhutidangri"？'
        in err
    )


def test_activity_type_alias_counts_as_the_canonical_type(good_site: Path) -> None:
    act = _branch(good_site) / "activities/2024-01-10-zhiweihui.md"
    act.write_text(
        act.read_text(encoding="utf-8").replace("type: 支委会", "type: 支部委员会"),
        encoding="utf-8",
    )
    code, _, err = run_cli("check", str(good_site))
    assert code == 0, err
    project = load_project(good_site, good_site / "branches")
    assert project.branches[0].activity("2024-01-10-zhiweihui").type == "支委会"


def test_alias_to_an_unknown_type_is_a_rulebook_error(good_site: Path) -> None:
    from generator.load.standard import DEFAULT_STANDARD

    rulebook = good_site / "rules.yml"
    text = DEFAULT_STANDARD.read_text(encoding="utf-8").replace(
        "  支部委员会: 支委会\n", "  支部委员会: 支委\n  支委会: 支委会\n"
    )
    rulebook.write_text(text, encoding="utf-8")
    cfg = good_site / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace(
            "  - showcase:\n", "  - showcase:\n      standard: rules.yml\n"
        ),
        encoding="utf-8",
    )
    code, _, err = run_cli("check", str(good_site))
    assert code == 1
    assert "rules.yml:" in err and '别名 "支部委员会" 指向的 "支委" 不在 activity_types 中' in err
    assert '别名 "支委会" 本身就是 activity_types 中的类型' in err


def test_advice_for_many_branches_is_the_same_from_a_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `check` after a build advises every branch (the build writes no advice): then the
    branches are advised on every core, with the very warnings one process finds."""
    import datetime as dt

    from generator import parallel
    from generator.bench_data import write_site
    from generator.load import advice

    root = tmp_path / "p"
    write_site(root, 10, photos=0, seed=11)
    acts = sorted((root / "branches" / "zb0003" / "activities").glob("*.md"))
    acts[0].write_text(acts[0].read_text(encoding="utf-8") + "\n在此填写活动内容。\n", "utf-8")
    text = acts[1].read_text(encoding="utf-8")
    acts[1].write_text(text.replace("date: 2024-", "date: 2204-", 1), encoding="utf-8")
    project = load_project(root, root / "branches")
    as_of = dt.date(2025, 1, 15)
    pools: list[int] = []
    real_pool = parallel.worker_pool

    def counted(workers, context, initializer=None):  # type: ignore[no-untyped-def]
        pools.append(workers)
        return real_pool(workers, context, initializer)

    monkeypatch.setattr(parallel, "worker_pool", counted)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    pooled = advice.advise_cached(project, root, as_of, None)
    assert pools == [2]
    monkeypatch.setattr(advice, "PARALLEL_FROM", 10**6)
    alone = advice.advise_cached(project, root, as_of, None)
    assert pools == [2]
    assert pooled == alone
    by_file = {(Path(p.file).name, p.message) for p in pooled}
    assert any(f == acts[0].name and "仍是模板的占位内容" in m for f, m in by_file)
    assert any(f == acts[1].name and "晚于评定基准日" in m for f, m in by_file)


def test_an_image_in_a_write_up_keeps_its_words_and_is_explained(good_site: Path) -> None:
    """![现场照片](photos/act.jpg) in a body: the page keeps the alt text (the image itself
    was dropped, words and all), and check says photos belong in `photos:`."""
    act = _branch(good_site) / "activities/2024-03-05-zhutidangri.md"
    act.write_text(
        act.read_text(encoding="utf-8") + "\n会后合影：![全体党员在社区合影](photos/act.jpg)\n",
        encoding="utf-8",
    )
    code, out, err = run_cli("check", str(good_site))
    assert code == 0, err
    line = (
        act.read_text(encoding="utf-8")
        .splitlines()
        .index("会后合影：![全体党员在社区合影](photos/act.jpg)")
        + 1
    )
    assert (
        f"提示: branches/demo/activities/2024-03-05-zhutidangri.md:{line}: 正文中的图片不会显示"
        in out
    ), out
    code, out, err = run_cli("build", str(good_site))
    assert code == 0, err
    page = (good_site / "site/branches/demo/activities/2024/index.html").read_text("utf-8")
    assert "会后合影：全体党员在社区合影" in page
