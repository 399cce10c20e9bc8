"""`{count: TYPE, min: N}` — at least N activities of TYPE in the year (`per: group`: each group)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import Field

from generator.models.base import NonEmpty
from generator.models.standard import RuleSpec
from generator.rules import RuleKind
from generator.rules.outcome import Outcome, activity_evidence, reached, verb
from generator.rules.pergroup import PER_WORD, Per, per_group
from generator.score.context import Context
from generator.score.periods import year_label


class CountRule(RuleSpec):
    count: NonEmpty
    min: int = Field(1, ge=0)
    per: Per = None


def _one(rule: CountRule, ctx: Context) -> Outcome:
    acts = ctx.of_type(rule.count)
    n, ok = len(acts), len(acts) >= rule.min
    text = (
        f"{year_label(ctx.year, ctx.as_of)}共{verb(rule.count)}{rule.count} {n} 次，"
        f"{reached(ok)}全年 ≥{rule.min} 次的要求。"
    )
    return Outcome(ok, n, f"全年 ≥{rule.min} 次", text, tuple(map(activity_evidence, acts)))


def evaluate(rule: CountRule, ctx: Context, item_id: str) -> Outcome:
    if rule.per == "group":
        return per_group(rule, ctx, _one, f"全年 ≥{rule.min} 次")
    return _one(rule, ctx)


def describe(rule: CountRule) -> str:
    return f"本年度「{rule.count}」活动记录 ≥{rule.min} 次" + (PER_WORD if rule.per else "")


def check(rule: CountRule, standard: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    if rule.count not in standard.activity_types:
        yield ("count",), f'活动类型 "{rule.count}" 不在 activity_types 中'


KIND = RuleKind("count", CountRule, evaluate, describe, check)
