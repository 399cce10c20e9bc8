"""The rule interpreter, one rule kind at a time, on the edge cases DATA-FORMAT.md names."""

from __future__ import annotations

from fractions import Fraction

import pytest
from scorekit import YEAR_END, D, act, assessment, att, branch, ctx, item

from generator.rules import evaluate


def run(rule, b, year=2024, as_of=YEAR_END, iid="X-01"):
    it = item(rule, iid)
    return evaluate(it.rule, ctx(b, year, as_of), iid)


# -- count -----------------------------------------------------------------------------------


def test_count_counts_only_the_year_before_as_of():
    acts = [
        act(D(2023, 12, 31), "志愿服务"),  # other year
        act(D(2024, 1, 5), "志愿服务", id="in-1"),
        act(D(2024, 3, 5), "志愿服务", id="in-2"),
        act(D(2024, 3, 6), "党课"),  # other type
        act(D(2024, 6, 30), "志愿服务"),  # on as_of: not yet known (before as_of_Y only)
        act(D(2024, 7, 1), "志愿服务"),  # after as_of
    ]
    out = run({"count": "志愿服务", "min": 2}, branch(activities=acts), as_of=D(2024, 6, 30))
    assert out.passed and out.value == 2
    assert [e.ref for e in out.evidence] == ["in-1", "in-2"]
    assert out.evidence[0].label == "2024-01-05 志愿服务"
    out3 = run({"count": "志愿服务", "min": 3}, branch(activities=acts), as_of=D(2024, 6, 30))
    assert not out3.passed and "2 次" in out3.explanation


def test_count_empty_year_fails_with_zero():
    out = run({"count": "组织生活会", "min": 1}, branch())
    assert not out.passed and out.value == 0
    assert "0 次" in out.explanation


def test_count_min_zero_passes_on_nothing():
    assert run({"count": "组织生活会", "min": 0}, branch()).passed


# -- every -----------------------------------------------------------------------------------


def monthly(kind, months, year=2024, day=10):
    return [act(D(year, m, day), kind) for m in months]


def test_every_month_full_year_passes():
    out = run(
        {"every": "month", "type": "支委会"}, branch(activities=monthly("支委会", range(1, 13)))
    )
    assert out.passed and out.value == "12/12 个月"
    assert out.threshold == "每月 ≥1 次"
    assert len(out.evidence) == 12


def test_every_month_names_missing_months():
    months = [m for m in range(1, 12) if m not in (3, 7)]
    b = branch(activities=monthly("支委会", months))
    out = run({"every": "month", "type": "支委会"}, b, as_of=D(2024, 12, 1))
    assert not out.passed
    assert out.value == "9/11 个月" and out.display == "9/11 个月"
    assert (
        out.explanation
        == "2024年1–11月中有9个月召开了支委会，缺少 3月、7月（12月尚未结束，暂不计入）。"
    )


def test_every_month_mid_year_counts_only_ended_months():
    b = branch(activities=monthly("支委会", range(1, 6)))  # Jan–May
    # as_of 30 June: June is still running (pending, never missing); Jan–May is demanded
    out = run({"every": "month", "type": "支委会"}, b, as_of=D(2024, 6, 30))
    assert out.passed and out.value == "5/5 个月" and "6月尚未结束" in out.explanation
    # as_of 1 July: June has ended before as_of, so it is due and missing
    out = run({"every": "month", "type": "支委会"}, b, as_of=D(2024, 7, 1))
    assert not out.passed and out.value == "5/6 个月" and "缺少 6月" in out.explanation


def test_every_ignores_activities_after_as_of():
    b = branch(activities=[*monthly("支委会", range(1, 6)), act(D(2024, 7, 20), "支委会")])
    out = run({"every": "month", "type": "支委会"}, b, as_of=D(2024, 7, 15))
    assert not out.passed and "缺少 6月" in out.explanation
    assert all(e.ref.startswith("2024-0") and not e.ref.startswith("2024-06") for e in out.evidence)


def test_leap_day_counts_in_february():
    acts = [act(D(2024, m, 1), "支委会") for m in (1, 3)] + [act(D(2024, 2, 29), "支委会")]
    out = run({"every": "month", "type": "支委会"}, branch(activities=acts), as_of=D(2024, 4, 1))
    assert out.passed and out.value == "3/3 个月"


def test_every_min_two_per_month():
    acts = monthly("党小组会", [1, 2]) + monthly("党小组会", [1], day=20)
    out = run(
        {"every": "month", "type": "党小组会", "min": 2},
        branch(activities=acts),
        as_of=D(2024, 3, 1),
    )
    assert not out.passed and out.value == "1/2 个月"
    assert "至少2次" in out.explanation and "2月" in out.explanation


def test_every_quarter_past_year_needs_all_four():
    acts = [act(D(2023, 2, 1), "党课"), act(D(2023, 5, 1), "党课"), act(D(2023, 8, 1), "党课")]
    out = run(
        {"every": "quarter", "type": "党课"},
        branch(activities=acts),
        year=2023,
        as_of=D(2024, 3, 1),
    )
    assert not out.passed and out.value == "3/4 个季度"
    assert "第4季度" in out.explanation


def test_every_quarter_counts_ended_quarters():
    acts = [act(D(2024, 2, 1), "党课")]
    assert run(
        {"every": "quarter", "type": "党课"}, branch(activities=acts), as_of=D(2024, 6, 30)
    ).passed
    out = run({"every": "quarter", "type": "党课"}, branch(activities=acts), as_of=D(2024, 7, 1))
    assert not out.passed and "缺少 第2季度" in out.explanation


def test_every_with_no_ended_period_fails():
    """Decision (see rules/every.py): a year with no period ended proves nothing, so it fails."""
    out = run({"every": "month", "type": "支委会"}, branch(), year=2025, as_of=D(2024, 12, 31))
    assert not out.passed and out.value == "0/0 个月"
    assert "没有已结束的月份" in out.explanation
    out = run({"every": "month", "type": "支委会"}, branch(), year=2024, as_of=D(2024, 1, 31))
    assert not out.passed and "1月尚未结束" in out.explanation


# -- attendance ------------------------------------------------------------------------------


def test_attendance_mean_of_rates_skips_expected_zero():
    acts = [
        act(D(2024, 3, 1), "支部党员大会", attendance=(9, 10)),
        act(D(2024, 6, 1), "支部党员大会", attendance=(10, 10)),
        act(D(2024, 9, 1), "支部党员大会", attendance=(0, 0)),  # expected 0: skipped, not 0%
        act(D(2024, 12, 1), "支部党员大会"),  # no attendance recorded: skipped
    ]
    out = run({"attendance": "支部党员大会", "min": 0.95}, branch(activities=acts))
    assert out.passed and out.value == pytest.approx(0.95)
    assert len(out.evidence) == 2 and "9/10" in out.evidence[0].label
    assert "另有 2 次未记录出勤" in out.explanation


def test_attendance_exactly_on_threshold_passes():
    # 0.85 and 0.95 average to 0.9; in floats that is 0.8999999..., which must still pass
    acts = [
        act(D(2024, 3, 1), "党小组会", attendance=(17, 20)),
        act(D(2024, 4, 1), "党小组会", attendance=(19, 20)),
    ]
    assert run({"attendance": "党小组会", "min": 0.9}, branch(activities=acts)).passed
    acts.append(act(D(2024, 5, 1), "党小组会", attendance=(17, 20)))
    out = run({"attendance": "党小组会", "min": 0.9}, branch(activities=acts))
    assert not out.passed and "88.3%" in out.explanation and out.display == "88.3%"


def test_attendance_none_recorded_fails():
    acts = [
        act(D(2024, 3, 1), "支部党员大会"),
        act(D(2024, 4, 1), "支部党员大会", attendance=(0, 0)),
    ]
    out = run({"attendance": "支部党员大会", "min": 0.5}, branch(activities=acts))
    assert not out.passed and out.value is None
    assert "无法计算" in out.explanation


# -- field -----------------------------------------------------------------------------------


def test_field_present_and_blank():
    with_logo = branch(brand={"name": "品牌", "logo": "photos/logo.png"})
    out = run({"field": "brand.logo"}, with_logo)
    assert (
        out.passed and out.evidence[0].kind == "file" and out.evidence[0].ref == "photos/logo.png"
    )
    assert not run({"field": "brand.logo"}, branch()).passed
    assert not run({"field": "brand.slogan"}, branch(brand={"name": "品牌", "slogan": "  "})).passed


def test_field_list_min():
    b = branch(members=[("甲", None), ("乙", None)])
    assert run({"field": "members", "min": 2}, b).passed
    out = run({"field": "members", "min": 3}, b)
    assert not out.passed and out.value == 2 and "members.yml" in out.explanation
    assert not run({"field": "groups"}, b).passed  # an empty list is not "present"


def test_field_brand_lists_and_profile_lists():
    b = branch(
        brand={"name": "品牌", "practices": [{"title": "一"}, {"title": "二"}, {"title": "三"}]},
        partners=[{"name": "社区党委"}],
        committee=[{"name": "甲", "role": "书记"}],
    )
    assert run({"field": "brand.practices", "min": 3}, b).passed
    assert not run({"field": "brand.honors", "min": 1}, b).passed
    assert run({"field": "partners", "min": 1}, b).passed
    assert not run({"field": "committee", "min": 3}, b).passed


def test_field_commitments_and_activities_are_the_years():
    b = branch(
        commitments=(2023, [{"who": "branch", "kind": "亮承诺", "text": "旧承诺"}]),
        activities=[act(D(2023, 5, 1), "党课"), act(D(2024, 5, 1), "党课")],
    )
    assert not run({"field": "commitments"}, b, year=2024).passed
    assert run({"field": "commitments"}, b, year=2023).passed
    assert run({"field": "activities", "min": 1}, b).value == 1


def test_field_unknown_fails_instead_of_crashing():
    out = run({"field": "brand.colour"}, branch())
    assert not out.passed and "无法识别" in out.explanation


# -- term_current ----------------------------------------------------------------------------


def test_term_current_boundaries():
    b = branch(term={"start": D(2021, 7, 1), "years": 3})  # ends 2024-07-01
    # current while start <= as_of_Y < end: on its end day the term "has ended at as_of"
    assert run({"term_current": True}, b, as_of=D(2024, 6, 30)).passed
    out = run({"term_current": True}, b, as_of=D(2024, 7, 1))
    assert not out.passed and "已于 2024-07-01 届满" in out.explanation
    assert run({"term_current": True}, b, year=2021, as_of=D(2021, 7, 1)).passed  # its first day


def test_term_missing_fails():
    out = run({"term_current": True}, branch())
    assert not out.passed and "term" in out.explanation


def test_term_started_on_leap_day():
    b = branch(term={"start": D(2020, 2, 29), "years": 3})  # ends 2023-02-28
    assert run({"term_current": True}, b, year=2023, as_of=D(2023, 2, 27)).passed
    assert not run({"term_current": True}, b, year=2023, as_of=D(2023, 2, 28)).passed


# -- commitments_fulfilled -------------------------------------------------------------------


def pledges(*specs):
    return [{"who": "branch", "kind": "亮承诺", "text": f"承诺{i}", "due": due, "done": done}
            for i, (due, done) in enumerate(specs)]  # fmt: skip


def test_commitments_none_due_passes():
    b = branch(commitments=(2024, pledges((D(2024, 12, 31), None))))
    out = run({"commitments_fulfilled": 0.8}, b, as_of=D(2024, 6, 30))
    assert out.passed and "没有到期" in out.explanation


def test_commitments_share_of_due():
    specs = [(D(2024, 3, 1), D(2024, 2, 1))] * 4 + [(D(2024, 4, 1), None), (D(2024, 12, 31), None)]
    b = branch(commitments=(2024, pledges(*specs)))
    out = run({"commitments_fulfilled": 0.8}, b, as_of=D(2024, 6, 30))  # 4 of 5 due are done
    assert out.passed and out.value == Fraction(4, 5) and out.display == "80.0%"
    assert not run({"commitments_fulfilled": 0.81}, b, as_of=D(2024, 6, 30)).passed
    assert "支部「承诺4」" in out.explanation  # the unfulfilled one is named, as a reader says it
    assert "branch" not in out.explanation and all("branch" not in e.label for e in out.evidence)
    assert len(out.evidence) == 4


def test_commitments_of_another_year_do_not_count():
    # 2023's overdue pledge does not touch 2024; a year with none on record fails (rating)
    b = branch(commitments=(2023, pledges((D(2023, 3, 1), None))))
    out = run({"commitments_fulfilled": 1.0}, b, year=2024)
    assert not out.passed and "本年度没有公开承诺记录" in out.explanation
    b = branch(
        commitments={
            2023: pledges((D(2023, 3, 1), None)),
            2024: pledges((D(2024, 3, 1), D(2024, 2, 1))),
        }
    )
    assert run({"commitments_fulfilled": 1.0}, b, year=2024).passed
    assert not run({"commitments_fulfilled": 1.0}, b, year=2023).passed


# -- attested --------------------------------------------------------------------------------


def test_attested_missing_pass_fail():
    assert not run("attested", branch(), iid="B-03").passed
    ok = branch(
        assessment_=assessment(
            2024, {"B-03": att(ok=True, note="档案齐全", evidence=["photos/a.jpg"])}
        )
    )
    out = run("attested", ok, iid="B-03")
    assert out.passed and "档案齐全" in out.explanation
    assert out.evidence[0].kind == "file" and out.evidence[0].ref == "photos/a.jpg"
    bad = branch(assessment_=assessment(2024, {"B-04": att(ok=False, note="缺2023年党费台账")}))
    out = run("attested", bad, iid="B-04")
    assert not out.passed and "缺2023年党费台账" in out.explanation


def test_attested_for_another_year_does_not_count():
    b = branch(assessment_=assessment(2023, {"B-03": att(ok=True)}))
    assert not run("attested", b, iid="B-03").passed


def test_attested_na_valid_until_and_expired():
    na = att(na=True, reason="本支部无离退休党员", until=D(2024, 6, 30))
    b = branch(assessment_=assessment(2024, {"F-02": na}))
    on_day = run("attested", b, as_of=D(2024, 6, 30), iid="F-02")
    assert on_day.passed and on_day.na and on_day.na_reason == "本支部无离退休党员"
    expired = run("attested", b, as_of=D(2024, 7, 1), iid="F-02")  # until < as_of_Y
    assert not expired.passed and not expired.na and "到期" in expired.explanation
    forever = branch(assessment_=assessment(2024, {"F-02": att(na=True, reason="无")}))
    assert run("attested", forever, iid="F-02").na


# -- veto and combinators --------------------------------------------------------------------


def test_no_veto():
    assert run({"no_veto": True}, branch()).passed
    out = run({"no_veto": True}, branch(assessment_=assessment(2024, veto="发生违纪案件")))
    assert not out.passed and "发生违纪案件" in out.explanation


def test_all_and_any():
    b = branch(name="支部", unit="党委")
    both = {"all": [{"field": "name"}, {"field": "founded"}]}
    out = run(both, b)
    assert not out.passed and out.value == "1/2 项"
    assert run({"any": [{"field": "name"}, {"field": "founded"}]}, b).passed
    assert not run({"any": [{"field": "founded"}, {"field": "term"}]}, b).passed


def test_combinators_carry_na_so_waivers_are_not_earned():
    b = branch(assessment_=assessment(2024, {"X-01": att(na=True, reason="不适用")}))
    all_rule = {"all": ["attested", {"field": "name"}]}
    out = run(all_rule, b)
    assert out.passed and out.na
    any_rule = {"any": ["attested", {"field": "name"}]}
    out = run(any_rule, b)
    assert out.passed and not out.na  # it also passes on its own merit
    only_waiver = {"any": ["attested", {"field": "founded"}]}
    assert run(only_waiver, b).na


def test_every_single_ended_month_reads_naturally():
    out = run({"every": "month", "type": "支委会"}, branch(), as_of=D(2024, 2, 20))
    assert out.explanation == "2024年1月未召开支委会（2月尚未结束，暂不计入）。"
    b = branch(activities=[act(D(2024, 1, 5), "支委会")])
    said = run({"every": "month", "type": "支委会"}, b, as_of=D(2024, 2, 20)).explanation
    assert said == "2024年1月召开了支委会（2月尚未结束，暂不计入）。"


def test_every_with_nothing_held_says_so():
    out = run({"every": "quarter", "type": "党课"}, branch())
    assert out.explanation == "2024年第1–4季度每个季度都未上党课。"


def test_commitments_of_a_year_not_on_record_fail():
    """Years are kept now (commitments.yml may hold several): a year without commitments is
    judged as having none, never waived as N/A (issue 9, item 1)."""
    b = branch(commitments=(2024, pledges((D(2024, 3, 1), None))))
    for rule in ({"field": "commitments", "min": 1}, {"commitments_fulfilled": 0.9}):
        out = run(rule, b, year=2023)
        assert not out.passed and not out.na
    assert not run({"commitments_fulfilled": 0.9}, b, year=2024).passed  # the current year counts
    assert not run({"field": "commitments"}, branch(), year=2023).passed  # no file at all: fails


def test_percentages_round_but_never_reach_a_missed_threshold():
    from generator.rules.outcome import percent as pct

    assert pct(Fraction(2, 3)) == "66.7%"
    assert pct(0.89996, 0.9) == "89.9%"
    assert pct(0.9) == "90.0%" and pct(0.93749, 0.9) == "93.7%"
    assert pct(Fraction(9, 10), 0.9) == "90.0%"  # exactly on the threshold: passes, shows 90.0%
    assert pct(Fraction(8999, 10000), 0.9) == "89.9%"  # fails: never shown as 90.0%
    assert pct(Fraction(9125, 10000), Fraction(9125, 10000)) == "91.3%"  # pass rounds up to it
    assert pct(Fraction(9124, 10000), Fraction(9125, 10000)) == "91.2%"
