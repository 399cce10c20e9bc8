"""`{commitments_by: [branch, group, member]}` — the year's commitments include at least one
made by each kind of author: the branch (`who: branch`), a group id, a member name."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models import Branch, Commitment
from generator.models.standard import RuleSpec
from generator.rules import RuleKind
from generator.rules.outcome import Outcome, reached
from generator.score.context import Context

Author = Literal["branch", "group", "member"]
WORDS: dict[str, str] = {"branch": "支部", "group": "党小组", "member": "党员"}


class CommitmentsByRule(RuleSpec):
    commitments_by: tuple[Author, ...] = Field(min_length=1)


def author(branch: Branch, c: Commitment) -> str:
    """branch, group or member: who made a commitment, by kind."""
    if c.who == "branch":
        return "branch"
    return "group" if branch.group(c.who) is not None else "member"


def _threshold(rule: CommitmentsByRule) -> str:
    return "覆盖" + "、".join(WORDS[k] for k in rule.commitments_by)


def evaluate(rule: CommitmentsByRule, ctx: Context, item_id: str) -> Outcome:
    counts = dict.fromkeys(rule.commitments_by, 0)
    for c in ctx.commitments:
        kind = author(ctx.branch, c)
        if kind in counts:
            counts[kind] += 1
    missing = [WORDS[k] for k, n in counts.items() if n == 0]
    ok = not missing
    said = "、".join(f"{WORDS[k]} {n} 项" for k, n in counts.items())
    gap = f"，缺少{'、'.join(missing)}的承诺" if missing else ""
    text = f"{ctx.year}年公开承诺中{said}{gap}，{reached(ok)}「{_threshold(rule)}」的要求。"
    value = f"{len(counts) - len(missing)}/{len(counts)} 类"
    return Outcome(ok, value, _threshold(rule), text)


def describe(rule: CommitmentsByRule) -> str:
    return (
        "本年度公开承诺中" + "、".join(f"{WORDS[k]}" for k in rule.commitments_by) + "各至少 1 项"
    )


KIND = RuleKind("commitments_by", CommitmentsByRule, evaluate, describe)
