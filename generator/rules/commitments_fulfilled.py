"""`{commitments_fulfilled: 0.8}` — share of the year's due commitments that are done.

Due means `due < as_of_Y`; `done` counts only when `done < as_of_Y`. A year with no
commitments at all fails ("本年度没有公开承诺记录"); one with none due yet passes."""

from __future__ import annotations

from fractions import Fraction

from pydantic import Field

from generator.models.standard import RuleSpec
from generator.rules import RuleKind
from generator.rules.outcome import Outcome, exact, last_day, percent, rate_word, reached
from generator.score.commitments import who_name
from generator.score.context import Context
from generator.score.results import Evidence


class CommitmentsRule(RuleSpec):
    commitments_fulfilled: float = Field(ge=0, le=1, strict=True)


def evaluate(rule: CommitmentsRule, ctx: Context, item_id: str) -> Outcome:
    need = rule.commitments_fulfilled
    threshold = f"践诺率 ≥{rate_word(need)}"
    at = last_day(ctx.as_of)
    if not ctx.commitments:
        text = f"commitments.yml 中{ctx.year}年没有公开承诺记录（本年度没有公开承诺记录），按未通过计。"
        return Outcome(False, None, threshold, text)
    due = [(i, c) for i, c in enumerate(ctx.commitments) if c.due_by(ctx.as_of)]
    if not due:
        text = (
            f"截至 {at}，{ctx.year}年的 {len(ctx.commitments)} 项公开承诺都还没有到期，视为达标。"
        )
        return Outcome(True, None, threshold, text)
    done = [(i, c) for i, c in due if c.done_by(ctx.as_of)]
    share = Fraction(len(done), len(due))
    ok = share >= exact(need)
    shown = percent(share, need, ok)
    open_ = [c for _, c in due if not c.done_by(ctx.as_of)]
    who = lambda c: who_name(ctx.branch, c.who)  # noqa: E731
    names = "、".join(f"{who(c)}「{c.text}」" for c in open_[:3]) + ("等" if len(open_) > 3 else "")
    tail = f"，未践诺的有 {names}" if open_ else ""
    text = (
        f"截至 {at}，{ctx.year}年已到期的 {len(due)} 项公开承诺中"
        f"已践诺 {len(done)} 项（{shown}）{tail}，{reached(ok)} ≥{rate_word(need)} 的要求。"
    )
    evidence = tuple(
        Evidence("note", f"commitment:{i}", f"{who(c)}：{c.text}（{c.done.isoformat()} 践诺）")
        for i, c in done
        if c.done is not None
    )
    return Outcome(ok, share, threshold, text, evidence, display=shown)


def describe(rule: CommitmentsRule) -> str:
    return f"本年度到期的公开承诺中已践诺的 ≥{rate_word(rule.commitments_fulfilled)}（无承诺记录不通过）"


KIND = RuleKind("commitments_fulfilled", CommitmentsRule, evaluate, describe)
