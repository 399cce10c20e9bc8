"""Points tables, 示范党小组, 预警 and the commitment summary."""

from __future__ import annotations

import datetime as dt

import pytest
from scorekit import D, act, branch, standard, write

from generator.load.project import load_project
from generator.score import default_as_of, default_year, score_project
from generator.score.commitments import summarize
from generator.score.points import points_table, year_model_groups
from generator.score.warnings import warnings

POINTS = {"主题党日": {"member": 2, "group": 5}, "志愿服务": {"member": 3, "group": 4}}
STD = standard([], points=POINTS)


def people(groups=("a", "b", "c")):
    return {"groups": groups, "members": [("甲", "a"), ("乙", "a"), ("丙", "b"), ("丁", None)]}


# -- points ----------------------------------------------------------------------------------


def test_points_per_participant_group_and_manual_adjustment():
    acts = [
        act(D(2024, 1, 10), "主题党日", group="a", participants=["甲", "乙"]),
        act(D(2024, 2, 10), "志愿服务", group="b", participants=["丙", "丙"]),  # 丙 listed twice
        act(D(2024, 4, 10), "主题党日", group="a", participants=["甲"], points=-2),
        act(D(2024, 5, 1), "党课", participants=["丁"], points=1),  # no points rule, no group
    ]
    t = points_table(branch(activities=acts, **people()), STD, 2024, D(2024, 12, 31))
    assert t.member_total("甲", "2024") == 2 + (2 - 2)
    assert t.member_total("乙", "2024-Q1") == 2 and t.member_total("乙", "2024-Q2") == 0
    assert t.member_total("丙", "2024") == 3
    assert t.member_total("丁", "2024-05") == 1
    assert t.group_total("a", "2024-01") == 5 and t.group_total("a", "2024-04") == 3
    assert t.group_total("a", "2024") == 8 and t.group_total("b", "2024-Q1") == 4


def test_zero_rows_for_idle_groups_and_members():
    t = points_table(
        branch(activities=[act(D(2024, 1, 10), "主题党日", group="a")], **people()),
        STD,
        2024,
        D(2024, 6, 15),
    )
    assert set(t.groups) == {"a", "b", "c"} and set(t.members) == {"甲", "乙", "丙", "丁"}
    assert t.groups["c"]["2024"] == 0 and t.groups["c"]["2024-06"] == 0
    assert "2024-07" not in t.groups["c"] and "2024-Q3" not in t.groups["c"]  # not started yet
    assert t.ranking("2024") == [("a", 5), ("b", 0), ("c", 0)]


def test_points_ignore_activities_after_as_of_and_other_years():
    acts = [act(D(2023, 12, 30), "主题党日", group="a"), act(D(2024, 3, 2), "主题党日", group="a")]
    t = points_table(branch(activities=acts, **people()), STD, 2024, D(2024, 3, 1))
    assert t.group_total("a", "2024") == 0


def test_model_group_per_quarter_ties_alphabetical_and_none_without_points():
    acts = [
        act(D(2024, 1, 10), "主题党日", group="b"),
        act(D(2024, 2, 10), "主题党日", group="a"),  # Q1: a and b tie at 5 -> both named
        act(D(2024, 4, 10), "志愿服务", group="c"),
        act(D(2024, 5, 10), "主题党日", group="b"),  # Q2: b 5 beats c 4
    ]
    b = branch(activities=acts, **people())
    t = points_table(b, STD, 2024, D(2024, 12, 31))
    models = year_model_groups(t, 2024, D(2024, 12, 31))
    assert {k: v for k, v in models.items() if "Q" in k} == {
        "2024-Q1": ("a", "b"),
        "2024-Q2": ("b",),
    }  # none in Q3/Q4
    # per month: January b alone, February a alone; the year: b (10) beats a (5) and c (4)
    assert models["2024-01"] == ("b",) and models["2024-02"] == ("a",) and "2024-03" not in models
    assert models["2024"] == ("b",)


def test_negative_points_only_name_no_model_group():
    b = branch(activities=[act(D(2024, 1, 10), "党课", group="a", points=-3)], **people())
    t = points_table(b, STD, 2024, D(2024, 3, 31))
    assert year_model_groups(t, 2024, D(2024, 3, 31)) == {}


# -- warnings --------------------------------------------------------------------------------

WSTD = standard([])


def kinds(ws):
    return [(w.kind, w.ref) for w in ws]


def test_committee_gaps_only_for_ended_months():
    acts = [act(D(2024, m, 5), "支委会") for m in (1, 2, 4)] + [act(D(2024, 5, 20), "党小组会")]
    ws = warnings(branch(activities=acts), WSTD, 2024, D(2024, 5, 15))
    gaps = [w for w in ws if w.kind == "org_life_gap" and "支委会" in w.message]
    assert [w.ref for w in gaps] == ["2024-03"]  # May is still running
    assert gaps[0].message == "2024年3月未召开支委会。" and gaps[0].date == D(2024, 3, 31)


def test_group_meeting_gaps_per_group():
    acts = [act(D(2024, m, 5), "党小组会", group="a") for m in (1, 2)] + [
        act(D(2024, 1, 9), "党小组会", group="b")
    ]
    acts += [act(D(2024, m, 3), "支委会") for m in (1, 2)]
    ws = warnings(branch(activities=acts, groups=("a", "b", "c")), WSTD, 2024, D(2024, 3, 1))
    group_gaps = [w.message for w in ws if "党小组会" in w.message]
    assert group_gaps == [
        "2024年1月c党小组（c）未召开党小组会。",  # a group with no activities at all
        "2024年2月b党小组（b）未召开党小组会。",
        "2024年2月c党小组（c）未召开党小组会。",
    ]


def test_ungrouped_branch_any_group_meeting_counts():
    acts = [act(D(2024, 1, 5), "党小组会"), act(D(2024, 1, 6), "支委会")]
    ws = warnings(branch(activities=acts), WSTD, 2024, D(2024, 2, 10))
    assert not [w for w in ws if w.kind == "org_life_gap"]


def test_quarter_gaps_for_assembly_and_lecture():
    acts = [act(D(2024, 2, 1), "支部党员大会"), act(D(2024, 5, 1), "党课")]
    ws = warnings(branch(activities=acts), WSTD, 2024, D(2024, 7, 1))
    quarter = sorted(w.message for w in ws if "季度" in w.message)
    assert quarter == ["2024年第1季度未上党课。", "2024年第2季度未召开支部党员大会。"]


def test_types_unknown_to_the_rulebook_are_not_demanded():
    std = standard([]).model_copy(update={"activity_types": ("主题党日",)})
    ws = warnings(branch(activities=[act(D(2024, 6, 1), "主题党日")]), std, 2024, D(2024, 7, 1))
    assert not [w for w in ws if w.kind == "org_life_gap"]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2025, 4, 1), []),  # 91 days left
        (D(2025, 4, 2), ["term_expiring"]),  # 90 days left
        (D(2025, 6, 30), ["term_expiring"]),
        (D(2025, 7, 1), ["term_expired"]),
    ],
)
def test_term_warnings(as_of, expected):
    b = branch(term={"start": D(2022, 7, 1), "years": 3}, activities=[act(as_of, "主题党日")])
    ws = warnings(b, WSTD, as_of.year, as_of)
    assert [w.kind for w in ws if w.kind.startswith("term")] == expected
    if expected:
        assert "2025-07-01" in next(w.message for w in ws if w.kind.startswith("term"))


def test_overdue_commitments_are_named():
    items = [
        {"who": "branch", "kind": "亮承诺", "text": "创建示范岗", "due": D(2024, 3, 1)},
        {
            "who": "a",
            "kind": "亮标准",
            "text": "零差错",
            "due": D(2024, 3, 1),
            "done": D(2024, 2, 1),
        },
        {"who": "a", "kind": "亮身份", "text": "佩戴党徽", "due": D(2024, 2, 1)},
        {"who": "甲", "kind": "亮承诺", "text": "年底完成", "due": D(2024, 12, 31)},
    ]
    b = branch(commitments=(2024, items), **people())
    ws = [w for w in warnings(b, WSTD, 2024, D(2024, 6, 1)) if w.kind == "commitment_overdue"]
    assert [w.message for w in ws] == [
        "a党小组的亮身份「佩戴党徽」已于 2024-02-01 到期，尚未践诺。",
        "支部的亮承诺「创建示范岗」已于 2024-03-01 到期，尚未践诺。",
    ]
    assert [w.ref for w in ws] == ["commitment:2", "commitment:0"]
    s = summarize(b, 2024, D(2024, 6, 1))
    assert (s.total, s.fulfilled, s.overdue, s.in_progress) == (4, 1, 2, 1)
    assert s.rate == 0.25
    assert summarize(b, 2023, D(2024, 6, 1)).total == 0


def test_due_today_is_not_overdue():
    items = [{"who": "branch", "kind": "亮承诺", "text": "x", "due": D(2024, 6, 1)}]
    s = summarize(branch(commitments=(2024, items)), 2024, D(2024, 6, 1))
    assert (s.overdue, s.in_progress) == (0, 1)


def test_low_attendance_below_eighty_percent():
    acts = [
        act(D(2024, 3, 1), "支部党员大会", attendance=(79, 100), title="一季度大会", id="low"),
        act(D(2024, 3, 2), "支部党员大会", attendance=(8, 10), id="ok"),
        act(D(2024, 3, 3), "党小组会", attendance=(0, 0), id="none"),
    ]
    ws = [
        w
        for w in warnings(branch(activities=acts), WSTD, 2024, D(2024, 3, 31))
        if w.kind == "low_attendance"
    ]
    assert [w.ref for w in ws] == ["low"]
    assert "一季度大会" in ws[0].message and "79.0%" in ws[0].message


def test_stale_data():
    b = branch(activities=[act(D(2024, 1, 1), "支委会")])
    assert [w.kind for w in warnings(b, WSTD, 2024, D(2024, 3, 1))].count(
        "stale_data"
    ) == 0  # 60 days
    stale = [w for w in warnings(b, WSTD, 2024, D(2024, 3, 2)) if w.kind == "stale_data"]
    assert len(stale) == 1 and "2024-01-01" in stale[0].message and "61 天" in stale[0].message
    empty = [w for w in warnings(branch(), WSTD, 2024, D(2024, 3, 2)) if w.kind == "stale_data"]
    assert len(empty) == 1 and "尚无任何活动记录" in empty[0].message


def test_warnings_sorted_by_kind_then_date():
    b = branch(term={"start": D(2021, 1, 1), "years": 3}, activities=[act(D(2024, 1, 5), "支委会")])
    ws = warnings(b, WSTD, 2024, D(2024, 6, 1))
    order = [
        "term_expired",
        "term_expiring",
        "org_life_gap",
        "commitment_overdue",
        "low_attendance",
        "stale_data",
    ]
    ranks = [order.index(w.kind) for w in ws]
    assert ranks == sorted(ranks)
    gaps = [w.date for w in ws if w.kind == "org_life_gap"]
    assert gaps == sorted(gaps)


# -- project level ---------------------------------------------------------------------------


def test_default_as_of_reads_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1736899200")  # 2025-01-15T00:00:00Z
    assert default_as_of() == D(2025, 1, 15)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert default_as_of() == dt.date.today()


def test_default_year_is_the_last_ended_year():
    # DATA-FORMAT (rating): the calendar year before as_of's, whatever the activity dates
    assert default_year(D(2025, 1, 15)) == 2024
    assert default_year(D(2025, 7, 1)) == 2024
    assert default_year(D(2025, 12, 31)) == 2024


def test_score_project_from_files(tmp_path):
    root = write(
        tmp_path,
        {
            "branches/beta/branch.yml": "name: 乙支部\nunit: 党委\nbrand: {name: 乙品牌}\n",
            "branches/alpha/branch.yml": "name: 甲支部\nunit: 党委\nbrand: {name: 甲品牌}\npublish: false\n",
            "branches/alpha/activities/2023-04-01-a.md": "---\ndate: 2023-04-01\ntype: 党课\ntitle: 党课\n---\n正文\n",
        },
    )
    project = load_project(root, root / "branches")
    res = score_project(project, None, D(2024, 2, 1))
    assert res.year == 2023 and list(res.branches) == ["alpha", "beta"]
    assert res.standard_name == "星级党支部创建标准" and res.standard_version == "2024"
    assert res.branches["alpha"].scorecard.year == 2023
    assert [c.year for c in res.branches["beta"].history] == [2023]
