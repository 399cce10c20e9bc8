"""`{no_veto: true}` — 一票否决 not triggered for the year (assessment.yml `veto:`)."""

from __future__ import annotations

from typing import Any, Literal

from generator.models.standard import RuleSpec
from generator.rules import RuleKind
from generator.rules.outcome import Outcome
from generator.score.context import Context
from generator.score.results import Evidence

THRESHOLD = "未触发一票否决"


class VetoRule(RuleSpec):
    no_veto: Literal[True]


def evaluate(rule: VetoRule, ctx: Context, item_id: str) -> Outcome:
    veto = ctx.assessment.veto
    if not veto.triggered:
        return Outcome(True, "未触发", THRESHOLD, f"{ctx.year}年未触发一票否决。")
    by = f"（{veto.by}认定）" if veto.by else ""
    text = f"{ctx.year}年触发一票否决{by}：{veto.reason}。"
    evidence = (Evidence(kind="note", ref="assessment.yml", label=f"一票否决：{veto.reason}"),)
    return Outcome(False, "已触发", THRESHOLD, text, evidence)


def describe(rule: Any) -> str:
    return "assessment.yml 中本年度未认定一票否决"


KIND = RuleKind("no_veto", VetoRule, evaluate, describe)
