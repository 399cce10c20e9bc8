"""The rule forms DATA-FORMAT's rating section adds, and the rule registry that holds them."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from scorekit import YEAR_END, D, act, branch, ctx, item, write

from generator.load.project import load_project
from generator.models import Group
from generator.problems import InputError
from generator.rules import REGISTRY, evaluate, parse


def run(rule, b, year=2024, as_of=YEAR_END, iid="X-01"):
    it = item(rule, iid)
    return evaluate(it.rule, ctx(b, year, as_of), iid)


def group_meetings(gid: str, months) -> list:
    return [act(D(2024, m, 12), "党小组会", group=gid, attendance=(5, 6)) for m in months]


# -- per: group ------------------------------------------------------------------------------


def test_every_per_group_needs_every_group_every_month():
    acts = group_meetings("g1", range(1, 13)) + group_meetings(
        "g2", [m for m in range(1, 13) if m != 4]
    )
    b = branch(groups=["g1", "g2", "g3"], activities=acts)
    out = run({"every": "month", "type": "党小组会", "per": "group"}, b)
    assert not out.passed and out.value == "1/3 个党小组"
    assert "g2党小组（g2）" in out.explanation and "缺少 4月" in out.explanation
    assert "g3党小组（g3）" in out.explanation and "每个月都未召开党小组会" in out.explanation
    assert "g1党小组（g1）" not in out.explanation  # only the gaps are named
    # branch-wide, the same meetings cover every month
    assert run({"every": "month", "type": "党小组会"}, b).passed
    full = branch(
        groups=["g1", "g2"],
        activities=group_meetings("g1", range(1, 13)) + group_meetings("g2", range(1, 13)),
    )
    out = run({"every": "month", "type": "党小组会", "per": "group"}, full)
    assert out.passed and "2 个党小组均达标" in out.explanation


def test_per_group_without_groups_fails():
    out = run(
        {"count": "党小组会", "min": 1, "per": "group"}, branch(activities=group_meetings("x", [1]))
    )
    assert not out.passed and "本支部未设党小组" in out.explanation


def test_count_and_attendance_per_group():
    acts = group_meetings("g1", [1, 2, 3]) + [
        act(D(2024, 5, 1), "党小组会", group="g2", attendance=(3, 6))
    ]
    b = branch(groups=["g1", "g2"], activities=acts)
    count = run({"count": "党小组会", "min": 2, "per": "group"}, b)
    assert (
        not count.passed and "g2党小组（g2）" in count.explanation and "1 次" in count.explanation
    )
    att = run({"attendance": "党小组会", "min": 0.8, "per": "group"}, b)
    assert not att.passed and "50.0%" in att.explanation and "g1党小组" not in att.explanation


# -- field: distinct / every -----------------------------------------------------------------


def test_committee_distinct_names():
    same = branch(committee=[{"name": "甲", "role": r} for r in ("书记", "组织委员", "宣传委员")])
    out = run({"field": "committee", "min": 3, "distinct": "name"}, same)
    assert not out.passed and out.value == 1 and "甲 有重复" in out.explanation
    three = branch(committee=[{"name": n, "role": "委员"} for n in "甲乙丙"])
    assert run({"field": "committee", "min": 3, "distinct": "name"}, three).passed


def test_groups_every_leader_and_distinct_brand():
    b = branch(groups=["g1", "g2"])  # scorekit gives each group a leader and its own brand
    assert run({"field": "groups", "every": "leader"}, b).passed
    assert run({"field": "groups", "every": "leader", "distinct": "brand"}, b).passed
    no_leader = branch(groups=["g1", "g2"])
    first, second = no_leader.groups
    no_leader = dataclasses.replace(
        no_leader, groups=(first.model_copy(update={"leader": None}), second)
    )
    out = run({"field": "groups", "every": "leader"}, no_leader)
    assert not out.passed and "g1党小组 未填写党小组长" in out.explanation
    twins = branch(groups=["g1", "g2"])
    same = tuple(g.model_copy(update={"brand": "同名微品牌"}) for g in twins.groups)
    twins = dataclasses.replace(twins, groups=same)
    out = run({"field": "groups", "every": "leader", "distinct": "brand"}, twins)
    assert not out.passed and "微品牌重复：同名微品牌" in out.explanation
    # beside `every:`, distinct means pairwise different even with a `min`
    out = run({"field": "groups", "min": 1, "every": "leader", "distinct": "brand"}, twins)
    assert not out.passed and "微品牌重复：同名微品牌" in out.explanation
    assert not run(
        {"field": "groups", "every": "leader"}, branch()
    ).passed  # the list must not be empty


def test_commitments_by_author_kind():
    def pledges(*whos):
        return (
            2024,
            [{"who": w, "kind": "亮承诺", "text": f"承诺{i}"} for i, w in enumerate(whos)],
        )

    rule = {"commitments_by": ["branch", "group", "member"]}
    assert not run(rule, branch(groups=["g1"], commitments=pledges(*["branch"] * 5))).passed
    out = run(rule, branch(groups=["g1"], commitments=pledges("branch", "g1")))
    assert not out.passed and "缺少党员的承诺" in out.explanation and out.value == "2/3 类"
    assert run(rule, branch(groups=["g1"], commitments=pledges("branch", "g1", "王强"))).passed


# -- the registry ----------------------------------------------------------------------------


def test_registry_has_one_module_per_rule_kind():
    folder = Path(__file__).resolve().parent.parent / "generator" / "rules"
    modules = {p.stem for p in folder.glob("*.py")} - {"__init__", "outcome", "pergroup", "table"}
    assert len(modules) == len(REGISTRY)
    for kind in REGISTRY.values():
        assert kind.model.__module__.rsplit(".", 1)[-1] in modules
        assert callable(kind.evaluate) and callable(kind.describe)


def test_field_every_is_an_option_not_the_every_rule():
    assert type(parse({"field": "groups", "every": "leader"})).__name__ == "FieldRule"
    assert type(parse({"every": "month", "type": "支委会"})).__name__ == "EveryRule"
    with pytest.raises(ValueError, match="无法识别的规则"):
        parse({"tally": "支委会"})


def test_a_rule_model_without_an_evaluator_fails_at_import(tmp_path: Path):
    """A RuleSpec subclass that no module registers stops `import generator.rules`."""
    stray = tmp_path / "stray.py"
    stray.write_text(
        textwrap.dedent(
            """
            from generator.models.standard import RuleSpec

            class OrphanRule(RuleSpec):
                orphan: bool = True

            import generator.rules  # noqa: E402
            """
        ),
        encoding="utf-8",
    )
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run(
        [sys.executable, str(stray)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": root},
        check=False,
    )
    assert done.returncode != 0 and "rule models without an evaluator: OrphanRule" in done.stderr


# -- files: the multi-year commitments form and past terms -----------------------------------


BRANCH = "name: 测支部\nunit: 测党委\nbrand: {name: 测品牌}\n"


def test_commitments_yml_mapping_of_years_loads(tmp_path: Path):
    root = write(tmp_path, {
        "branches/cs/branch.yml": BRANCH + "terms: [{start: 2019-07-01, years: 3}]\nterm: {start: 2022-07-01, years: 3}\n",
        "branches/cs/commitments.yml": """
            2023:
              - {who: branch, kind: 亮承诺, text: 旧年承诺, due: 2023-06-30, done: 2023-06-01}
            2024:
              - {who: branch, kind: 亮标准, text: 新年承诺}
              - {who: branch, kind: 亮身份, text: 新年承诺二}
            """,
    })  # fmt: skip
    b = load_project(root, root / "branches").branches[0]
    assert b.commitments is not None and sorted(b.commitments.years) == [2023, 2024]
    assert [c.text for c in b.commitments.of(2024)] == ["新年承诺", "新年承诺二"]
    assert [t.start.year for t in b.profile.terms] == [2019]


def test_commitments_yml_errors_name_file_and_line(tmp_path: Path):
    root = write(tmp_path, {
        "branches/cs/branch.yml": BRANCH,
        "branches/cs/commitments.yml": """
            2024:
              - {who: branch, kind: 亮承诺, text: 好承诺}
              - {who: nobody, kind: 亮肩膀, text: 坏承诺}
            next: []
            """,
    })  # fmt: skip
    with pytest.raises(InputError) as err:
        load_project(root, root / "branches")
    said = err.value.report()
    assert "branches/cs/commitments.yml:3:" in said and "亮肩膀" in said
    assert "branches/cs/commitments.yml:4:" in said and '"next" 不是年份' in said


def test_rulebook_rule_errors_point_at_the_wrong_key(tmp_path: Path):
    from ratingkit import SiteKit, item, profile, rulebook

    std = rulebook(
        [
            item("X-01", {"all": [{"count": "支委会", "min": -1}]}),
            item("X-02", {"field": "groups", "every": "leader", "colour": 1}),
            item("X-03", {"any": []}),
        ]
    )
    kit = SiteKit(tmp_path, as_of="2025-01-15", standard=std)
    kit.branch("cuowu", profile("错误"))
    code, said = kit.check()
    lines = (tmp_path / "rulebook.yml").read_text(encoding="utf-8").splitlines()

    def line_of(text: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if text in line)

    assert code == 1
    assert f'rulebook.yml:{line_of("min: -1")}: 字段 "min" 的值 -1 不能小于 0' in said
    assert "不能为空" not in said  # the list with one bad rule is not also called empty
    assert f'rulebook.yml:{line_of("colour: 1")}: 未知字段 "colour"' in said
    assert "any 下至少要有一条规则" in said
    # once the schema is right, each rule kind's own check runs (generator/rules/field.py)
    only = rulebook([item("X-04", {"field": "groups", "every": "leaderx"})])
    (tmp_path / "rulebook.yml").write_text(only, encoding="utf-8")
    code, said = kit.check()
    fields = "、".join(Group.model_fields)  # the model is the list of what may be named
    assert code == 1 and f'"leaderx" 不是 groups 各项的字段（可用: {fields}）' in said


def test_rulebooks_that_would_rate_wrongly_are_check_errors(tmp_path: Path):
    """An empty rulebook rated every branch 5★; `min: true` / `min: "1"` counted as 1; one
    reason in both point lists took the first list's points."""
    from ratingkit import SiteKit, item, profile, rulebook

    cases = {
        "empty": (rulebook([]), "评定标准没有任何条目"),
        "min_true": (rulebook([item("X-01", {"count": "支委会", "min": True})]), '字段 "min"'),
        "min_text": (rulebook([item("X-01", {"count": "支委会", "min": "1"})]), '字段 "min"'),
        "twice": (
            rulebook(
                [item("X-01", {"count": "支委会", "min": 1})],
                point_lists={
                    "正面清单": [{"reason": "获得表彰", "points": 5}],
                    "负面清单": [{"reason": "获得表彰", "points": -5}],
                },
            ),
            "point_lists 中同一事由出现在多处：获得表彰",
        ),
    }
    for name, (std, said_here) in cases.items():
        (tmp_path / name).mkdir()
        kit = SiteKit(tmp_path / name, as_of="2025-01-15", standard=std)
        kit.branch("cuowu", profile("错误"))
        code, said = kit.check()
        assert code == 1 and said_here in said and "Traceback" not in said, (name, said)
