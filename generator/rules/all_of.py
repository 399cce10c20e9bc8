"""`{all: [RULE, ...]}` — every sub-rule passes."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from generator.models.standard import Rule, RuleSpec
from generator.rules import RuleKind
from generator.rules import describe as describe_rule
from generator.rules import evaluate as evaluate_rule
from generator.rules.outcome import Outcome, dedup
from generator.score.context import Context


class AllRule(RuleSpec):
    all: tuple[Rule, ...]

    @model_validator(mode="after")
    def _not_empty(self) -> AllRule:
        # checked here, not with min_length: pydantic would also call a list whose one
        # rule is invalid "empty", beside that rule's own error
        if not self.all:
            raise ValueError("all 下至少要有一条规则")
        return self


def join(outcomes: list[Outcome]) -> str:
    return "；".join(o.explanation.rstrip("。") for o in outcomes) + "。"


def combined(subs: list[Outcome], ok: bool, na: bool, label: str, shown: list[Outcome]) -> Outcome:
    """The outcome of a rule made of sub-rules (all / any): `label` heads the threshold,
    the evidence is that of the `shown` parts, the explanation every part's."""
    threshold = label + "；".join(s.threshold for s in subs)
    value = f"{sum(s.passed for s in subs)}/{len(subs)} 项"
    evidence = dedup([e for s in shown for e in s.evidence])
    reason = "；".join(s.na_reason for s in subs if s.na)
    return Outcome(ok, value, threshold, join(subs), evidence, na, reason if na else "")


def evaluate(rule: AllRule, ctx: Context, item_id: str) -> Outcome:
    """N/A if any passing part was waived, so the whole never counts as earned."""
    subs = [evaluate_rule(r, ctx, item_id) for r in rule.all]
    ok = all(s.passed for s in subs)
    return combined(subs, ok, ok and any(s.na for s in subs), "全部满足：", subs)


def describe(rule: AllRule) -> str:
    return "全部满足：" + "；".join(describe_rule(r) for r in rule.all)


def children(rule: Any) -> tuple[Any, ...]:
    return tuple(rule.all)


KIND = RuleKind("all", AllRule, evaluate, describe, children=children)
