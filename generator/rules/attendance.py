"""`{attendance: TYPE, min: 0.9}` — mean present/expected over the year's TYPE activities
that record attendance; none recorded fails (`per: group`: each group's own activities)."""

from __future__ import annotations

from fractions import Fraction

from pydantic import Field

from generator.models.base import NonEmpty
from generator.models.standard import RuleSpec
from generator.rules import RuleKind, activity_type_check
from generator.rules.outcome import Outcome, activity_evidence, exact, percent, rate_word, reached
from generator.rules.pergroup import PER_WORD, Per, by_group_or_branch
from generator.score.context import Context
from generator.score.periods import year_label


class AttendanceRule(RuleSpec):
    attendance: NonEmpty
    min: float = Field(ge=0, le=1, strict=True)  # min: "90%" or true is a mistake, not a number
    per: Per = None


def _threshold(rule: AttendanceRule) -> str:
    return f"平均出席率 ≥{rate_word(rule.min)}"


def _one(rule: AttendanceRule, ctx: Context) -> Outcome:
    kind = rule.attendance
    acts = ctx.of_type(kind)
    recs = [a for a in acts if a.attendance is not None and a.attendance.expected > 0]
    label = year_label(ctx.year, ctx.as_of)
    if not recs:
        text = f"{label}没有记录出勤人数的{kind}，无法计算出席率。"
        return Outcome(False, None, _threshold(rule), text)
    # Exact fractions: 9/10 against 0.9 is a pass, never lost to binary rounding.
    rates = [Fraction(a.attendance.present, a.attendance.expected) for a in recs if a.attendance]
    mean = sum(rates, Fraction(0)) / len(rates)
    ok = mean >= exact(rule.min)
    shown = percent(mean, rule.min, ok)
    skipped = len(acts) - len(recs)
    note = f"（另有 {skipped} 次未记录出勤，不计入）" if skipped else ""
    text = (
        f"{label}记录出勤的 {len(recs)} 次{kind}平均出席率为 {shown}{note}，"
        f"{reached(ok)} ≥{rate_word(rule.min)} 的要求。"
    )
    evidence = tuple(
        activity_evidence(a, f"（出席 {a.attendance.present}/{a.attendance.expected}）")
        for a in recs
        if a.attendance
    )
    return Outcome(ok, mean, _threshold(rule), text, evidence, display=shown)


def describe(rule: AttendanceRule) -> str:
    return f"本年度「{rule.attendance}」平均出席率 ≥{rate_word(rule.min)}" + (
        PER_WORD if rule.per else ""
    )


KIND = RuleKind(
    "attendance",
    AttendanceRule,
    by_group_or_branch(_one, _threshold),
    describe,
    activity_type_check("attendance"),
)
