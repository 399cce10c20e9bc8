"""`{count: TYPE, min: N}` — at least N activities of TYPE in the year (`per: group`: each group)."""

from __future__ import annotations

from pydantic import Field

from generator.models.base import NonEmpty
from generator.models.standard import RuleSpec
from generator.rules import RuleKind, activity_type_check
from generator.rules.outcome import Outcome, activity_evidence, reached, verb
from generator.rules.pergroup import PER_WORD, Per, by_group_or_branch
from generator.score.context import Context
from generator.score.periods import year_label


class CountRule(RuleSpec):
    count: NonEmpty
    min: int = Field(1, ge=0, strict=True)  # min: true or "1" is a mistake, not the number 1
    per: Per = None


def _threshold(rule: CountRule) -> str:
    return f"全年 ≥{rule.min} 次"


def _one(rule: CountRule, ctx: Context) -> Outcome:
    acts = ctx.of_type(rule.count)
    n, ok = len(acts), len(acts) >= rule.min
    text = (
        f"{year_label(ctx.year, ctx.as_of)}共{verb(rule.count)}{rule.count} {n} 次，"
        f"{reached(ok)}全年 ≥{rule.min} 次的要求。"
    )
    return Outcome(ok, n, _threshold(rule), text, tuple(map(activity_evidence, acts)))


def describe(rule: CountRule) -> str:
    return f"本年度「{rule.count}」活动记录 ≥{rule.min} 次" + (PER_WORD if rule.per else "")


KIND = RuleKind(
    "count", CountRule, by_group_or_branch(_one, _threshold), describe, activity_type_check("count")
)
