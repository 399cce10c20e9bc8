"""`{every: month|quarter, type: TYPE, min: N}` — N of TYPE in every month/quarter that is due.

A period is due once its last day is before as_of_Y; the running one is pending, never
missing. With no period due (a year judged on its first days) the rule fails: a star must
rest on records, and "every month" over no month proves nothing."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.base import NonEmpty
from generator.models.standard import RuleSpec
from generator.rules import RuleKind, activity_type_check
from generator.rules.outcome import Outcome, activity_evidence, last_day, verb
from generator.rules.pergroup import PER_WORD, Per, by_group_or_branch
from generator.score.context import Context
from generator.score.periods import (
    due_months,
    due_quarters,
    pending_period,
    period_name,
    quarter_of,
    span,
)


class EveryRule(RuleSpec):
    every: Literal["month", "quarter"]
    type: NonEmpty
    min: int = Field(1, ge=0, strict=True)  # min: true or "1" is a mistake, not the number 1
    per: Per = None


def _threshold(rule: EveryRule) -> str:
    return f"每{'月' if rule.every == 'month' else '季度'} ≥{rule.min} 次"


def _one(rule: EveryRule, ctx: Context) -> Outcome:
    monthly = rule.every == "month"
    unit = "月" if monthly else "季度"
    periods = (due_months if monthly else due_quarters)(ctx.year, ctx.as_of)
    pending = pending_period(ctx.year, ctx.as_of, unit)
    wait = f"（{period_name(pending, unit)}尚未结束，暂不计入）" if pending else ""
    threshold = _threshold(rule)
    acts = ctx.of_type(rule.type)
    evidence = tuple(map(activity_evidence, acts))
    if not periods:
        what = "月份" if monthly else "季度"
        text = f"截至 {last_day(ctx.as_of)}，{ctx.year}年还没有已结束的{what}可评定{wait}。"
        return Outcome(False, f"0/0 个{unit}", threshold, text, evidence)
    tally = dict.fromkeys(periods, 0)
    for a in acts:
        p = a.date.month if monthly else quarter_of(a.date)
        if p in tally:
            tally[p] += 1
    ok = [p for p in periods if tally[p] >= rule.min]
    missing = [p for p in periods if tally[p] < rule.min]
    times = f"至少{rule.min}次" if rule.min > 1 else ""
    did = f"{verb(rule.type)}了{times}{rule.type}"
    head = f"{ctx.year}年{span(periods, unit)}"
    short = (
        f"{verb(rule.type)}{rule.type}不足{rule.min}次"
        if rule.min > 1
        else f"未{verb(rule.type)}{rule.type}"
    )
    if len(periods) == 1:  # "2024年1月每个月都…" would read oddly
        text = f"{head}{short}" if missing else f"{head}{did}"
    elif not ok:
        text = f"{head}每个{unit}都{short}"
    elif missing:
        gaps = "、".join(period_name(p, unit) for p in missing)
        text = f"{head}中有{len(ok)}个{unit}{did}，缺少 {gaps}"
    else:
        text = f"{head}每个{unit}都{did}"
    return Outcome(
        not missing, f"{len(ok)}/{len(periods)} 个{unit}", threshold, f"{text}{wait}。", evidence
    )


def describe(rule: EveryRule) -> str:
    unit = "月" if rule.every == "month" else "季度"
    return f"每个已结束的{unit}都有「{rule.type}」记录 ≥{rule.min} 次" + (
        PER_WORD if rule.per else ""
    )


KIND = RuleKind(
    "every", EveryRule, by_group_or_branch(_one, _threshold), describe, activity_type_check("type")
)
