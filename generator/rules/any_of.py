"""`{any: [RULE, ...]}` — at least one sub-rule passes."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from generator.models.standard import Rule, RuleSpec
from generator.rules import RuleKind
from generator.rules import describe as describe_rule
from generator.rules import evaluate as evaluate_rule
from generator.rules.all_of import combined
from generator.rules.outcome import Outcome
from generator.score.context import Context


class AnyRule(RuleSpec):
    any: tuple[Rule, ...]

    @model_validator(mode="after")
    def _not_empty(self) -> AnyRule:
        # checked here, not with min_length: pydantic would also call a list whose one
        # rule is invalid "empty", beside that rule's own error
        if not self.any:
            raise ValueError("any 下至少要有一条规则")
        return self


def evaluate(rule: AnyRule, ctx: Context, item_id: str) -> Outcome:
    """N/A only when nothing passes except by waiver."""
    subs = [evaluate_rule(r, ctx, item_id) for r in rule.any]
    ok = any(s.passed for s in subs)
    na = ok and not any(s.passed and not s.na for s in subs)
    shown = [s for s in subs if s.passed] or subs  # the evidence of what passed
    return combined(subs, ok, na, "满足其一：", shown)


def describe(rule: AnyRule) -> str:
    return "满足其一：" + "；".join(describe_rule(r) for r in rule.any)


def children(rule: Any) -> tuple[Any, ...]:
    return tuple(rule.any)


KIND = RuleKind("any", AnyRule, evaluate, describe, children=children)
