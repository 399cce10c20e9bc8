"""`per: group`: judge an activity rule once per 党小组 and pass only when every group passes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from generator.rules.outcome import Outcome, dedup
from generator.score.context import Context

Per = Literal["group"] | None
PER_WORD = "（每个党小组分别计）"


def by_group_or_branch(
    one: Callable[[Any, Context], Outcome], threshold: Callable[[Any], str]
) -> Callable[[Any, Context, str], Outcome]:
    """The evaluator of an activity rule judged by `one`: over the whole branch, or with
    `per: group` over each group (`threshold(rule)` is the requirement one group must meet)."""

    def evaluate(rule: Any, ctx: Context, item_id: str) -> Outcome:
        if rule.per == "group":
            return per_group(rule, ctx, one, threshold(rule))
        return one(rule, ctx)

    return evaluate


def per_group(
    rule: Any, ctx: Context, one: Callable[[Any, Context], Outcome], threshold: str
) -> Outcome:
    """Each group is judged on the activities whose `group` is its id; the explanation names
    every failing group and its gap. A branch without groups cannot meet a per-group rule."""
    threshold = f"每个党小组{threshold}"
    groups = sorted(ctx.branch.groups, key=lambda g: g.id)
    if not groups:
        return Outcome(False, "0 个党小组", threshold, "本支部未设党小组，无法按党小组评定。")
    subs = [(g, one(rule, ctx.for_group(g.id))) for g in groups]
    good = [g for g, o in subs if o.passed]
    bad = [(g, o) for g, o in subs if not o.passed]
    value = f"{len(good)}/{len(groups)} 个党小组"
    if not bad:
        names = "、".join(g.name for g in good)
        text = f"{len(groups)} 个党小组均达标（{names}）。"
    else:
        gaps = "；".join(f"{g.name}（{g.id}）：{o.explanation.rstrip('。')}" for g, o in bad)
        head = f"{len(groups)} 个党小组中 {len(good)} 个达标，未达标的 {len(bad)} 个——"
        text = f"{head}{gaps}。"
    evidence = dedup([e for _, o in subs for e in o.evidence])
    return Outcome(not bad, value, threshold, text, evidence)
