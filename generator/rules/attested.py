"""`attested` — a reviewer's `pass: true` in assessment.yml for the year and item.

Missing fails. `na: true` passes while `until` is absent or >= as_of_Y (and never counts
toward min_optional); an expired N/A fails."""

from __future__ import annotations

from typing import Any, Literal

from generator.models import Attestation
from generator.models.standard import RuleSpec
from generator.rules import RuleKind
from generator.rules.outcome import Outcome
from generator.score.context import Context
from generator.score.results import Evidence

THRESHOLD = "考核组评定通过"


class AttestedRule(RuleSpec):
    """Written as the bare word `attested`."""

    attested: Literal[True] = True


def na_valid(att: Attestation, ctx: Context) -> bool:
    """不适用 holds while `until` is absent or not before as_of_Y."""
    return att.na and (att.until is None or att.until >= ctx.as_of)


def evidence_of(att: Attestation) -> tuple[Evidence, ...]:
    return tuple(Evidence(kind="file", ref=p, label=p.rsplit("/", 1)[-1]) for p in att.evidence)


def na_outcome(att: Attestation, threshold: str = THRESHOLD) -> Outcome:
    by = att.by or "考核组"
    until = f"（有效期至 {att.until.isoformat()}）" if att.until else ""
    text = f"经{by}认定本条不适用：{att.reason}{until}。"
    return Outcome(True, "不适用", threshold, text, evidence_of(att), na=True, na_reason=att.reason)


def evaluate(rule: AttestedRule, ctx: Context, item_id: str) -> Outcome:
    att = ctx.assessment.items.get(item_id)
    if att is None:
        text = f"assessment.yml 中没有 {ctx.year} 年第 {item_id} 条的评定记录，按未通过计。"
        return Outcome(False, "未评定", THRESHOLD, text)
    if att.na:
        if na_valid(att, ctx):
            return na_outcome(att)
        until = att.until.isoformat() if att.until else ""
        text = f"本条的不适用认定（{att.reason}）已于 {until} 到期，需重新评定，按未通过计。"
        return Outcome(False, "不适用已过期", THRESHOLD, text)
    by = att.by or "考核组"
    note = f"：{att.note}" if att.note else ""
    ok = bool(att.pass_)
    text = f"{by}评定{'通过' if ok else '未通过'}{note}。"
    return Outcome(ok, "通过" if ok else "未通过", THRESHOLD, text, evidence_of(att))


def describe(rule: Any) -> str:
    return "考核组在 assessment.yml 中评定通过"


KIND = RuleKind("attested", AttestedRule, evaluate, describe)
