"""`{term_current: true}` — a committee term runs at the year's as_of_Y.

Terms are branch.yml's `term` (the current one) and `terms` (past ones). For year Y the
branch is current when some term has begun and not ended at as_of_Y (start <= as_of_Y < end,
DATA-FORMAT: "has not ended at as_of"; a term ending on as_of_Y has ended, as the 换届
warning says, and one starting on it counts). A term starting after as_of_Y does not count
("任期尚未开始"); a year that no recorded term overlaps fails with "无该年任期记录"."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from generator.models.profile import Term, recorded_terms
from generator.models.standard import RuleSpec
from generator.rules import RuleKind
from generator.rules.outcome import Outcome
from generator.score.context import Context
from generator.score.results import Evidence

THRESHOLD = "任期未届满"


class TermRule(RuleSpec):
    term_current: Literal[True]


def _said(t: Term) -> str:
    return f"支委会任期自 {t.start.isoformat()} 起 {t.years} 年"


def _evidence(t: Term) -> tuple[Evidence, ...]:
    return (
        Evidence(
            kind="field",
            ref="term",
            label=f"支委会任期 {t.start.isoformat()} 至 {t.end.isoformat()}",
        ),
    )


def evaluate(rule: TermRule, ctx: Context, item_id: str) -> Outcome:
    terms = recorded_terms(ctx.branch.profile)
    at = ctx.as_of
    shown_at = f"评定基准日 {at.isoformat()}"
    if not terms:
        text = "branch.yml 未填写支委会任期（term），无法判断是否按期换届。"
        return Outcome(False, None, THRESHOLD, text)
    current = [t for t in terms if t.start <= at < t.end]
    if current:
        t = current[-1]
        text = f"{_said(t)}，至 {t.end.isoformat()} 届满，{shown_at} 仍在任期内。"
        return Outcome(True, f"至 {t.end.isoformat()}", THRESHOLD, text, _evidence(t))
    year_start = dt.date(ctx.year, 1, 1)
    lapsed = [t for t in terms if t.start <= at and t.end > year_start]
    future = [t for t in terms if t.start > at]
    if lapsed:
        t = lapsed[-1]
        text = f"{_said(t)}，已于 {t.end.isoformat()} 届满，至{shown_at} 未按期换届。"
        return Outcome(False, f"至 {t.end.isoformat()}", THRESHOLD, text, _evidence(t))
    parts = []
    if future:
        t = future[0]
        parts.append(f"{_said(t)}，{shown_at} 任期尚未开始")
    parts.append(f"branch.yml 的 term/terms 中无该年任期记录（{ctx.year}年）")
    value = "任期尚未开始" if future else "无该年任期记录"
    return Outcome(False, value, THRESHOLD, "；".join(parts) + "。")


def describe(rule: Any) -> str:
    return "branch.yml 的 term/terms 中有一届任期在评定日仍未届满"


KIND = RuleKind("term_current", TermRule, evaluate, describe)
