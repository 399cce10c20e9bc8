"""The built-in rulebook: its shape (24/39/52 + veto + 自选题) and that its tiers behave."""

from __future__ import annotations

import dataclasses
from collections import Counter

from scorekit import D, assessment, att, attested_ids, default_standard, full_branch

from generator.rules.attested import AttestedRule
from generator.rules.no_veto import VetoRule
from generator.score.stars import scorecard

STD = default_standard()
AS_OF = D(2025, 1, 15)
LETTERS = {
    "A": "组织建设",
    "B": "基础资料",
    "C": "阵地建设",
    "D": "组织生活",
    "E": "廉洁建设",
    "F": "服务群众",
}
DEMO_ATTESTED = {f"B-0{i}" for i in range(1, 7)} | {
    "C-01",
    "C-02",
    "C-03",
    "E-01",
    "E-02",
    "E-03",
    "A-06",
    "A-07",
}


def test_header():
    assert STD.name == "星级党支部创建标准" and STD.version == "2024"
    assert {t: s.name for t, s in STD.tiers.items()} == {3: "达标级", 4: "先进级", 5: "标杆级"}
    assert (
        STD.tiers[5].min_optional == 2
        and STD.tiers[3].min_optional == STD.tiers[4].min_optional == 0
    )
    assert STD.categories == tuple(LETTERS.values())
    assert STD.activity_types == ("支部党员大会", "支委会", "党小组会", "党课", "主题党日", "组织生活会",
                                  "民主评议党员", "志愿服务", "结对共建", "学习培训", "政治生日")  # fmt: skip


def test_item_counts_match_the_published_standard():
    hard = [i for i in STD.items if not i.optional and not i.is_veto]
    per_tier = Counter(i.tier for i in hard)
    assert (per_tier[3], per_tier[4], per_tier[5]) == (24, 15, 13)
    assert len(hard) == 52
    veto = [i for i in STD.items if i.is_veto]
    assert [(i.id, i.category, i.tier, i.optional) for i in veto] == [
        ("V-01", "廉洁建设", 3, False)
    ]
    assert isinstance(veto[0].rule, VetoRule)
    optional = [i for i in STD.items if i.optional]
    assert len(optional) == 4 and {i.tier for i in optional} == {5}
    assert len(STD.items) == 57


def test_ids_unique_and_lettered_by_category():
    ids = [i.id for i in STD.items]
    assert len(ids) == len(set(ids))
    for i in STD.items:
        if not i.is_veto:
            assert LETTERS[i.id[0]] == i.category, i.id
        assert i.text and i.how, i.id


def test_demo_attested_ids_are_attested():
    assert set(attested_ids(STD)) >= DEMO_ATTESTED
    for iid in DEMO_ATTESTED:
        assert isinstance(STD.item(iid).rule, AttestedRule)


def test_points_only_for_known_types():
    assert set(STD.points) <= set(STD.activity_types)


def test_complete_branch_holds_five_stars():
    card = scorecard(full_branch(STD), STD, 2024, AS_OF)
    assert card.star == 5, [(r.id, r.explanation) for r in card.items if not r.passed]
    assert all(r.passed for r in card.items)


def test_a_month_without_committee_meeting_loses_every_star():
    b = full_branch(STD)
    b = dataclasses.replace(b, activities=tuple(a for a in b.activities if a.id != "2024-03-zwh"))
    card = scorecard(b, STD, 2024, AS_OF)
    assert card.star == 0 and card.missing_for_next == ("D-01",)
    assert "3月" in next(r for r in card.items if r.id == "D-01").explanation


def test_no_logo_is_a_four_star_item():
    b = full_branch(STD)
    b = dataclasses.replace(
        b,
        profile=b.profile.model_copy(
            update={"brand": b.profile.brand.model_copy(update={"logo": None})}
        ),
    )
    card = scorecard(b, STD, 2024, AS_OF)
    assert card.star == 3 and card.missing_for_next == ("C-06",)


def test_five_stars_need_two_earned_optional_items():
    b = full_branch(STD, partners=[{"name": "社区党委"}])  # F-11 (2 partners) now fails
    items = {i: att(ok=True) for i in attested_ids(STD)}
    items["F-14"] = att(na=True, reason="本年度未申报")  # N/A is not earned
    b = dataclasses.replace(b, assessment=assessment(2024, items))
    b = dataclasses.replace(
        b,
        activities=tuple(
            a for a in b.activities if not a.id.endswith(("-zy",)) or a.date.month <= 6
        ),
    )
    card = scorecard(b, STD, 2024, AS_OF)  # 6 volunteer days: F-07 passes, F-12 (10) fails
    assert card.star == 4
    assert card.missing_for_next == () and card.missing_optional_for_next == 1


def test_veto_item_is_apart_from_categories():
    card = scorecard(full_branch(STD), STD, 2024, AS_OF)
    assert sum(c.total for c in card.categories) == 52
    assert sum(c.optional_total for c in card.categories) == 4
