"""Stars, categories, the gap to the next star, history; plus properties over random branches."""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scorekit import (
    TYPES,
    D,
    act,
    assessment,
    att,
    attested_ids,
    branch,
    default_standard,
    full_branch,
    standard,
)

from generator.score import history, score_branch
from generator.score.stars import scorecard

AS_OF = D(2025, 1, 1)  # as_of_2024: the whole year, December included

TINY = [
    {"id": "A-01", "category": "组织建设", "tier": 3, "text": "支委会3人", "rule": {"field": "committee", "min": 3}},
    {"id": "D-01", "category": "组织生活", "tier": 3, "text": "每季度党课", "rule": {"every": "quarter", "type": "党课"}},
    {"id": "E-01", "category": "廉洁建设", "tier": 3, "text": "廉洁教育", "rule": "attested"},
    {"id": "V-01", "category": "廉洁建设", "tier": 3, "text": "一票否决", "rule": {"no_veto": True}},
    {"id": "D-02", "category": "组织生活", "tier": 4, "text": "大会出席", "rule": {"attendance": "支部党员大会", "min": 0.9}},
    {"id": "F-01", "category": "服务群众", "tier": 4, "text": "志愿服务", "rule": {"count": "志愿服务", "min": 2}},
    {"id": "F-02", "category": "服务群众", "tier": 5, "text": "结对单位", "rule": {"field": "partners", "min": 1}},
    {"id": "F-11", "category": "服务群众", "tier": 5, "optional": True, "text": "共建活动", "rule": {"count": "结对共建", "min": 1}},
    {"id": "F-12", "category": "服务群众", "tier": 5, "optional": True, "text": "创新", "rule": "attested"},
]  # fmt: skip


def tiny_branch(assembly=((9, 10), (8, 10)), partners=(), extra=(), f12=None, veto=None):
    acts = [act(D(2024, m, 5), "党课") for m in (2, 5, 8, 11)]
    acts += [
        act(D(2024, 3 * i + 3, 9), "支部党员大会", attendance=a) for i, a in enumerate(assembly)
    ]
    acts += [act(D(2024, 4, 1), "志愿服务"), act(D(2024, 9, 1), "志愿服务"), *extra]
    items = {"E-01": att(ok=True)}
    items["F-12"] = f12 or att(na=True, reason="本支部不涉及")
    return branch(
        committee=[{"name": n, "role": "委员"} for n in "甲乙丙"],
        partners=list(partners),
        activities=acts,
        assessment_=assessment(2024, items, veto),
    )


def test_hand_computed_scorecard():
    """3★: tier 3 all pass; D-02 fails (mean of 0.9 and 0.8 is 0.85 < 0.9)."""
    card = scorecard(tiny_branch(), standard(TINY, min_optional=1), 2024, AS_OF)
    assert card.star == 3 and card.star_name == "达标级"
    assert card.next_star == 4
    assert card.missing_for_next == ("D-02",)
    assert card.missing_optional_for_next == 0
    assert not card.vetoed and card.veto_reason == ""
    counts = {
        c.name: (c.passed, c.total, c.optional_passed, c.optional_total) for c in card.categories
    }
    assert counts == {
        "组织建设": (1, 1, 0, 0),
        "组织生活": (1, 2, 0, 0),
        "服务群众": (1, 2, 0, 2),  # F-12 passes as N/A but is not earned
        "廉洁建设": (1, 1, 0, 0),  # the veto item is shown apart
    }
    by_id = {r.id: r for r in card.items}
    assert by_id["F-12"].passed and by_id["F-12"].na
    assert by_id["V-01"].veto and by_id["V-01"].passed
    assert by_id["D-02"].value == Fraction(17, 20) and by_id["D-02"].display == "85.0%"


def test_na_does_not_count_toward_min_optional():
    b = tiny_branch(assembly=((10, 10), (9, 10)))
    card = scorecard(b, standard(TINY, min_optional=1), 2024, AS_OF)
    assert card.star == 4 and card.next_star == 5
    assert card.missing_for_next == ("F-02",)
    assert card.missing_optional_for_next == 1
    with_partner = tiny_branch(assembly=((10, 10), (9, 10)), partners=[{"name": "社区"}])
    card = scorecard(with_partner, standard(TINY, min_optional=1), 2024, AS_OF)
    assert card.star == 4 and card.missing_for_next == () and card.missing_optional_for_next == 1
    earned = tiny_branch(
        assembly=((10, 10), (9, 10)), partners=[{"name": "社区"}], f12=att(ok=True)
    )
    card = scorecard(earned, standard(TINY, min_optional=1), 2024, AS_OF)
    assert card.star == 5 and card.next_star is None and card.missing_for_next == ()


def test_optional_of_a_real_activity_counts():
    b = tiny_branch(
        assembly=((10, 10),), partners=[{"name": "社区"}], extra=[act(D(2024, 6, 1), "结对共建")]
    )
    assert scorecard(b, standard(TINY, min_optional=1), 2024, AS_OF).star == 5


def test_veto_removes_every_star():
    b = tiny_branch(
        assembly=((10, 10),), partners=[{"name": "社区"}], f12=att(ok=True), veto="发生违纪案件"
    )
    card = scorecard(b, standard(TINY, min_optional=1), 2024, AS_OF)
    assert card.star == 0 and card.vetoed and card.veto_reason == "发生违纪案件"
    assert card.next_star is None and card.missing_for_next == () and card.star_name == ""
    v = next(r for r in card.items if r.veto)
    assert not v.passed and "发生违纪案件" in v.explanation


def test_veto_without_a_veto_item_still_removes_stars():
    items = [i for i in TINY if i["id"] != "V-01"]
    b = tiny_branch(assembly=((10, 10),), veto="严重违纪")
    assert scorecard(b, standard(items), 2024, AS_OF).star == 0


def test_no_star_lists_tier_three_gaps():
    card = scorecard(branch(), standard(TINY), 2024, AS_OF)
    assert card.star == 0 and card.next_star == 3
    assert card.missing_for_next == ("A-01", "D-01", "E-01")


def test_history_has_a_card_per_year_from_the_first_activity():
    std = standard(TINY)
    acts = [act(D(2022, 5, 1), "党课"), act(D(2024, 5, 1), "党课"), act(D(2025, 1, 2), "党课")]
    cards = history(branch(activities=acts), std, 2024, D(2025, 3, 1))
    # every year from the first with an activity (2023 has none but is listed); 2025 is after
    assert [c.year for c in cards] == [2022, 2023, 2024]
    assert cards[0].as_of == D(2023, 1, 1)  # each year at its as_of_Y = min(as_of, Y+1-01-01)
    assert cards[2].as_of == D(2025, 1, 1)
    # the evaluation year is always there, even without activities of its own
    assert [c.year for c in history(branch(activities=acts[:1]), std, 2023, D(2023, 6, 1))] == [
        2022,
        2023,
    ]


def test_score_branch_scorecard_is_last_history_entry():
    std = default_standard()
    res = score_branch(full_branch(std), std, 2024, D(2025, 1, 15))
    assert res.scorecard == res.history[-1]
    assert res.scorecard.as_of == D(2025, 1, 1)


# -- properties over the default standard ----------------------------------------------------

STD = default_standard()
BASE = full_branch(STD)
ATTESTED = attested_ids(STD)

verdicts = st.sampled_from(["pass", "fail", "na", "na_expired", "missing"])


def _verdict(v: str):
    return {
        "pass": att(ok=True),
        "fail": att(ok=False),
        "na": att(na=True, reason="不适用"),
        "na_expired": att(na=True, reason="不适用", until=D(2024, 1, 31)),
    }.get(v)


@st.composite
def branches(draw):
    """The complete branch with a few activities dropped and a few reviewer verdicts changed,
    so every star level (and the veto) turns up."""
    n = len(BASE.activities)
    drop = draw(st.sets(st.integers(0, n - 1), max_size=2))
    acts = tuple(a for i, a in enumerate(BASE.activities) if i not in drop)
    changed = draw(st.dictionaries(st.sampled_from(ATTESTED), verdicts, max_size=2))
    items = {i: att(ok=True) for i in ATTESTED}
    for i, v in changed.items():
        if (a := _verdict(v)) is None:
            del items[i]
        else:
            items[i] = a
    vetoed = draw(st.integers(0, 9)) == 0
    return dataclasses.replace(
        BASE, activities=acts, assessment=assessment(2024, items, "违纪" if vetoed else None)
    )


new_activity = st.builds(
    lambda day, kind, full: act(
        D(2024, 1, 1) + dt.timedelta(days=day), kind, attendance=(20, 20) if full else None
    ),
    st.integers(0, 365),
    st.sampled_from(TYPES),
    st.booleans(),
)

AS_OFS = st.sampled_from([D(2024, 3, 15), D(2024, 6, 30), D(2024, 12, 31), D(2025, 2, 1)])
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(branches(), AS_OFS)
def test_star_n_implies_every_required_item_up_to_n_passes(b, as_of):
    card = scorecard(b, STD, 2024, as_of)
    for r in card.items:
        if not r.optional and r.tier <= card.star:
            assert r.passed, r.id
    if card.star:
        assert not card.vetoed
    if card.star == 5:
        assert sum(r.passed and not r.na for r in card.items if r.optional) >= 2
    if card.next_star:
        # and the next star really is not held: something required or optional is missing
        assert card.missing_for_next or card.missing_optional_for_next


@FAST
@given(branches(), new_activity, AS_OFS)
def test_adding_a_passing_activity_never_lowers_the_star(b, extra, as_of):
    before = scorecard(b, STD, 2024, as_of).star
    after = scorecard(
        dataclasses.replace(b, activities=(*b.activities, extra)), STD, 2024, as_of
    ).star
    assert after >= before


def test_reviewer_na_excuses_only_items_the_rulebook_allows():
    """N/A on an automatic item counts only with `na_allowed: true` (issue 9, item 2)."""
    strict = standard(TINY)
    na = {
        "F-01": att(na=True, reason="本年度封闭生产，无法外出服务"),
        "A-01": att(na=True, reason="x"),
    }
    b = dataclasses.replace(
        tiny_branch(), assessment=assessment(2024, {"E-01": att(ok=True), **na})
    )
    no_volunteering = dataclasses.replace(
        b, activities=tuple(a for a in b.activities if a.type != "志愿服务")
    )
    by_id = {r.id: r for r in scorecard(no_volunteering, strict, 2024, AS_OF).items}
    assert not by_id["F-01"].passed and not by_id["F-01"].na  # not allowed: the gap shows
    std = standard([{**i, "na_allowed": True} if i["id"] == "F-01" else i for i in TINY])
    by_id = {r.id: r for r in scorecard(b, std, 2024, AS_OF).items}
    assert by_id["F-01"].passed  # two volunteer days: passes on its own merit
    assert not by_id["F-01"].na
    lonely = dataclasses.replace(
        b, activities=tuple(a for a in b.activities if a.type != "志愿服务")
    )
    by_id = {r.id: r for r in scorecard(lonely, std, 2024, AS_OF).items}
    assert by_id["F-01"].passed and by_id["F-01"].na
    assert by_id["F-01"].na_reason == "本年度封闭生产，无法外出服务"
    expired = {"F-01": att(na=True, reason="旧", until=D(2024, 6, 30))}
    late = dataclasses.replace(lonely, assessment=assessment(2024, expired))
    assert not {r.id: r for r in scorecard(late, std, 2024, AS_OF).items}["F-01"].passed
