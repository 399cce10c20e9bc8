"""The running year (进度): where each item stands in the year that contains as_of.

The official star is given only for a year that has ended; for the year in progress an
officer needs to know, item by item, whether the branch is on course. Each item gets
已达标 (the full-year requirement is already met), 按进度 (the pro-rated requirement is met),
落后 (it is not) or 待评定 (an `attested` item a reviewer has not judged yet).

Nothing is re-implemented here: the star's own evaluators (rules.evaluate, stars.item_result)
judge the running year's context, a `count` once more with its `min` pro-rated to
ceil(min × e / 12) for e ended months (DATA-FORMAT "Progress (running year)").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.models import Branch, Item, Standard
from generator.rules import evaluate, kind_of
from generator.rules.outcome import rate_word
from generator.score.context import Context, build_context
from generator.score.labels import BEHIND, MET, ON_TRACK, PENDING, PROGRESS_STATUSES
from generator.score.periods import ended_months, span
from generator.score.results import ItemProgress, Progress
from generator.score.stars import item_result

# With no attendance recorded yet, a type held quarterly may simply not have come round:
# only once a whole quarter has ended does "no record" count as behind.
ATTENDANCE_GRACE_MONTHS = 3


# A full-year verdict already at hand: an Outcome or an ItemResult (same field names), or None.
Judged = Any


@dataclass(frozen=True)
class Step:
    """The progress of one rule: status, what was measured, the pro-rated need, a sentence,
    and both numbers as a person reads them ("3 次", "88.8%", "≥2 次")."""

    status: str
    value: Any
    required: Any
    explanation: str
    display: str = ""
    required_display: str = ""


def running_year(as_of: dt.date) -> int:
    """The year in progress at as_of (DATA-FORMAT: the year that contains as_of)."""
    return as_of.year


def pro_rated(minimum: int, ended: int) -> int:
    """ceil(min × e / 12) in integers: 12 a year after 5 ended months needs 5, 1 a year needs 1."""
    return -(-minimum * ended // 12)


def _worse(a: str, b: str) -> str:
    return max(a, b, key=PROGRESS_STATUSES.index)


def _sentence(text: str) -> str:
    return text.rstrip("。") + "。"


def _scaled(
    rule: Any, key: str, ctx: Context, item_id: str, e: int, unit: str, known: Judged = None
) -> Step:
    """A "at least N in the year" rule: met in full, or measured against N pro-rated."""
    full = known or evaluate(rule, ctx, item_id)
    need = pro_rated(getattr(rule, key), e)
    # a per-group count measures groups ("1/3 个党小组"), not a number of times
    shown = f"{full.value} {unit}" if isinstance(full.value, int) else full.display
    need_shown = f"≥{need} {unit}"
    if full.passed:
        return Step(
            MET, full.value, need, full.explanation, shown, f"全年 ≥{getattr(rule, key)} {unit}"
        )
    part = evaluate(rule.model_copy(update={key: need}), ctx, item_id)
    status = ON_TRACK if part.passed else BEHIND
    text = (
        f"{full.explanation.rstrip('。')}；按已结束的 {e} 个月折算应 ≥{need} {unit}，"
        f"{'已' if part.passed else '未'}达到进度要求。"
    )
    return Step(status, full.value, need, text, shown, need_shown)


def _count(rule: Any, ctx: Context, item_id: str, e: int, known: Judged = None) -> Step:
    return _scaled(rule, "min", ctx, item_id, e, "次", known)


def _every(rule: Any, ctx: Context, item_id: str, e: int, known: Judged = None) -> Step:
    """Only ended months/quarters are due (the star's own evaluator judges exactly those); with
    none ended yet there is nothing to be behind on."""
    monthly = rule.every == "month"
    unit = "月" if monthly else "季度"
    due = e if monthly else e // 3
    need = (
        f"{span(tuple(range(1, due + 1)), unit)}每{unit} ≥{rule.min} 次"
        if due
        else "暂无已结束的" + unit
    )
    if not due:
        text = f"{ctx.year}年截至 {ctx.as_of.isoformat()} 尚无已结束的{'月份' if monthly else '季度'}，暂不考核。"
        return Step(ON_TRACK, f"0/0 个{unit}", need, text, f"0/0 个{unit}", need)
    out = known or evaluate(rule, ctx, item_id)
    return Step(
        ON_TRACK if out.passed else BEHIND, out.value, need, out.explanation, str(out.value), need
    )


def _attendance(rule: Any, ctx: Context, item_id: str, e: int, known: Judged = None) -> Step:
    """The mean so far against the full-year threshold; never 已达标 while the year runs."""
    out = known or evaluate(rule, ctx, item_id)
    need = f"≥{rate_word(rule.min)}"
    if out.value is None:
        status = BEHIND if e >= ATTENDANCE_GRACE_MONTHS else ON_TRACK
        return Step(status, None, rule.min, out.explanation, "无出勤记录", need)
    # the evaluator's display is rounded toward the verdict: below the threshold never reads as it
    return Step(
        ON_TRACK if out.passed else BEHIND, out.value, rule.min, out.explanation, out.display, need
    )


def _attested(rule: Any, ctx: Context, item_id: str, e: int, known: Judged = None) -> Step:
    if item_id not in ctx.assessment.items:
        text = f"考核组尚未对 {ctx.year} 年第 {item_id} 条作出评定。"
        return Step(PENDING, "未评定", "考核组评定通过", text, "未评定", "考核组评定通过")
    return _as_for_a_star(rule, ctx, item_id, e, known)


def _combined(rule: Any, ctx: Context, item_id: str, e: int, known: Judged = None) -> Step:
    """all: the worst part decides; any: the best part decides."""
    kind = kind_of(rule)
    parts = [rule_progress(r, ctx, item_id, e) for r in kind.children(rule)]
    statuses = [p.status for p in parts]
    if kind.key == "all":
        status = statuses[0]
        for s in statuses[1:]:
            status = _worse(status, s)
    else:
        status = min(statuses, key=PROGRESS_STATUSES.index)
    fine = sum(s in (MET, ON_TRACK) for s in statuses)
    text = "；".join(p.explanation.rstrip("。") for p in parts) + "。"
    need = "全部满足" if kind.key == "all" else "满足其一"
    return Step(
        status, f"{fine}/{len(parts)} 项", need, text, f"{fine}/{len(parts)} 项达到进度", need
    )


def _as_for_a_star(rule: Any, ctx: Context, item_id: str, e: int, known: Judged = None) -> Step:
    """Profile, term, commitments, veto and any later rule form: judged as for a star at as_of."""
    out = known or evaluate(rule, ctx, item_id)
    shown = out.display
    return Step(
        MET if out.passed else BEHIND,
        out.value,
        out.threshold,
        out.explanation,
        shown,
        out.threshold,
    )


# by rule key (generator/rules/); any other kind is judged as for a star
PROGRESS: dict[str, Callable[[Any, Context, str, int, Judged], Step]] = {
    "count": _count,
    "every": _every,
    "attendance": _attendance,
    "attested": _attested,
    "all": _combined,
    "any": _combined,
}


def rule_progress(rule: Any, ctx: Context, item_id: str, e: int, known: Judged = None) -> Step:
    """`known`: the rule's full-year verdict when the caller has it already (saves evaluating
    every item twice)."""
    return PROGRESS.get(kind_of(rule).key, _as_for_a_star)(rule, ctx, item_id, e, known)


def item_progress(item: Item, ctx: Context, e: int) -> ItemProgress:
    """One item; a valid 不适用 (as the star would accept it) counts as 已达标."""
    full = item_result(item, ctx)
    if full.na:
        step = Step(MET, full.value, full.threshold, full.explanation, "不适用", full.threshold)
    else:
        step = rule_progress(item.rule, ctx, item.id, e, full)
    return ItemProgress(
        id=item.id,
        category=item.category,
        tier=item.tier,
        optional=item.optional,
        text=item.text,
        status=step.status,
        value=step.value,
        required_so_far=step.required,
        explanation=_sentence(step.explanation),
        display=step.display,
        required_display=step.required_display,
        veto=item.is_veto,
    )


def progress(branch: Branch, standard: Standard, as_of: dt.date) -> Progress:
    """Every item of the rulebook for the running year of `branch` at as_of."""
    year = running_year(as_of)
    ctx = build_context(branch, year, as_of)
    e = len(ended_months(year, as_of))
    items = tuple(item_progress(item, ctx, e) for item in standard.items)
    return Progress(year=year, as_of=as_of, ended_months=e, items=items)
