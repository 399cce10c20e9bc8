"""The rule interpreter: each rule of the closed vocabulary in DATA-FORMAT.md, evaluated as data.

Pure functions of (rule, Context). Every outcome carries what was measured, the threshold in
words, one Chinese sentence a reviewer can check against the records, and the evidence.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from generator.models import Activity
from generator.models.records import Attestation
from generator.models.standard import (
    AllRule,
    AnyRule,
    AttendanceRule,
    AttestedRule,
    CommitmentsRule,
    CountRule,
    EveryRule,
    FieldRule,
    TermRule,
    VetoRule,
)
from generator.score import fields
from generator.score.context import Context
from generator.score.periods import (
    period_name,
    quarter_of,
    span,
    started_months,
    started_quarters,
    year_label,
)
from generator.score.results import Evidence


@dataclass(frozen=True)
class Outcome:
    """The result of one rule before it is attached to an item."""

    passed: bool
    value: float | int | str | None
    threshold: str
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    na: bool = False
    na_reason: str = ""


# -- wording ---------------------------------------------------------------------------------


def verb(kind: str) -> str:
    """The verb a Chinese sentence uses for an activity type: 召开支委会, 上党课, 开展志愿服务."""
    if kind.endswith("会"):
        return "召开"
    if kind == "党课":
        return "上"
    return "开展"


def pct(x: Fraction | float, below: Fraction | float | None = None) -> str:
    """A rate as "93.3%", rounded; a rate under `below` never prints as `below` itself
    (89.96% against a 90% threshold shows 89.9%, not 90%)."""
    shown = math.floor(float(x) * 1000 + 0.5)
    if below is not None and x < below:
        shown = min(shown, math.floor(float(below) * 1000 + 0.5) - 1)
    return f"{shown / 10:g}%"


def activity_evidence(a: Activity, extra: str = "") -> Evidence:
    return Evidence(kind="activity", ref=a.id, label=f"{a.date.isoformat()} {a.type}{extra}")


def _reached(ok: bool) -> str:
    return "达到" if ok else "未达到"


def _dedup(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(evidence))


# -- activity rules --------------------------------------------------------------------------


def count(rule: CountRule, ctx: Context, item_id: str) -> Outcome:
    """At least N activities of a type in the year (up to as_of)."""
    acts = ctx.of_type(rule.count)
    n, ok = len(acts), len(acts) >= rule.min
    text = (
        f"{year_label(ctx.year, ctx.as_of)}共{verb(rule.count)}{rule.count} {n} 次，"
        f"{_reached(ok)}全年 ≥{rule.min} 次的要求。"
    )
    return Outcome(ok, n, f"全年 ≥{rule.min} 次", text, tuple(map(activity_evidence, acts)))


def every(rule: EveryRule, ctx: Context, item_id: str) -> Outcome:
    """N of a type in every started month/quarter of the year.

    With no started period (the year lies wholly after as_of) the rule FAILS: a star must
    rest on records, and "every month" over no month proves nothing.
    """
    monthly = rule.every == "month"
    unit = "月" if monthly else "季度"
    started = started_months if monthly else started_quarters
    periods = started(ctx.year, ctx.as_of)
    threshold = f"每{'月' if monthly else '季度'} ≥{rule.min} 次"
    acts = ctx.of_type(rule.type)
    evidence = tuple(map(activity_evidence, acts))
    if not periods:
        what = "月份" if monthly else "季度"
        text = f"{ctx.year}年在 {ctx.as_of.isoformat()} 时尚未开始，没有可评定的{what}。"
        return Outcome(False, f"0/0 个{unit}", threshold, text, evidence)
    tally = dict.fromkeys(periods, 0)
    for a in acts:
        p = a.date.month if monthly else quarter_of(a.date)
        if p in tally:
            tally[p] += 1
    ok = [p for p in periods if tally[p] >= rule.min]
    missing = [p for p in periods if tally[p] < rule.min]
    times = f"至少{rule.min}次" if rule.min > 1 else ""
    did = f"{verb(rule.type)}了{times}{rule.type}"
    head = f"{ctx.year}年{span(periods, unit)}"
    short = f"{verb(rule.type)}{rule.type}不足{rule.min}次" if rule.min > 1 else f"未{verb(rule.type)}{rule.type}"
    if len(periods) == 1:  # "2024年1月每个月都…" would read oddly
        text = f"{head}{short}。" if missing else f"{head}{did}。"
    elif not ok:
        text = f"{head}每个{unit}都{short}。"
    elif missing:
        gaps = "、".join(period_name(p, unit) for p in missing)
        text = f"{head}中有{len(ok)}个{unit}{did}，缺少 {gaps}。"
    else:
        text = f"{head}每个{unit}都{did}。"
    return Outcome(not missing, f"{len(ok)}/{len(periods)} 个{unit}", threshold, text, evidence)


def attendance(rule: AttendanceRule, ctx: Context, item_id: str) -> Outcome:
    """Mean present/expected over the year's activities of a type that record attendance."""
    kind = rule.attendance
    acts = ctx.of_type(kind)
    recs = [a for a in acts if a.attendance is not None and a.attendance.expected > 0]
    threshold = f"平均出席率 ≥{pct(rule.min)}"
    label = year_label(ctx.year, ctx.as_of)
    if not recs:
        text = f"{label}没有记录出勤人数的{kind}，无法计算出席率。"
        return Outcome(False, None, threshold, text)
    # Fractions keep 0.9 == 9/10 exact, so a rate on the threshold never fails by rounding.
    rates = [Fraction(a.attendance.present, a.attendance.expected) for a in recs]
    mean = sum(rates, Fraction(0)) / len(rates)
    ok = mean >= Fraction(str(rule.min))
    skipped = len(acts) - len(recs)
    note = f"（另有 {skipped} 次未记录出勤，不计入）" if skipped else ""
    text = (
        f"{label}记录出勤的 {len(recs)} 次{kind}平均出席率为 {pct(mean, rule.min)}{note}，"
        f"{_reached(ok)} ≥{pct(rule.min)} 的要求。"
    )
    evidence = tuple(
        activity_evidence(a, f"（出席 {a.attendance.present}/{a.attendance.expected}）")
        for a in recs
    )
    return Outcome(ok, round(float(mean), 4), threshold, text, evidence)


# -- profile rules ---------------------------------------------------------------------------


def field(rule: FieldRule, ctx: Context, item_id: str) -> Outcome:
    """A profile field present and not empty, or a list with at least `min` entries."""
    fv = fields.resolve(ctx, rule.field)
    if rule.field == "commitments" and ctx.commitments_superseded:
        return not_on_record(ctx, "已填写" if rule.min is None else f"≥{rule.min} {fv.unit}")
    if not fv.known:
        return Outcome(False, None, "已填写", f"无法识别的字段 {rule.field}，请检查评定标准。")
    evidence: tuple[Evidence, ...] = ()
    if rule.field == "brand.logo" and fv.present:
        evidence = (Evidence(kind="file", ref=str(fv.value), label=fv.label),)
    elif fv.present:
        shown = f"{fv.size} {fv.unit}" if fv.is_list else "已填写"
        evidence = (Evidence(kind="field", ref=rule.field, label=f"{fv.label}：{shown}"),)
    if rule.min is None:
        ok = fv.present
        text = f"{fv.file} 中{'已' if ok else '未'}填写{fv.label}。"
        value: int | str = fv.size if fv.is_list else ("已填写" if ok else "未填写")
        return Outcome(ok, value, "已填写", text, evidence)
    n = fv.size
    ok = n >= rule.min
    text = f"{fv.file} 中{fv.label}共 {n} {fv.unit}，{_reached(ok)} ≥{rule.min} {fv.unit}的要求。"
    return Outcome(ok, n, f"≥{rule.min} {fv.unit}", text, evidence)


def term_current(rule: TermRule, ctx: Context, item_id: str) -> Outcome:
    """The committee term (start + years) has not ended at as_of."""
    term = ctx.branch.profile.term
    if term is None:
        text = "branch.yml 未填写支委会任期（term），无法判断是否按期换届。"
        return Outcome(False, None, "任期未届满", text)
    ok = term.end > ctx.as_of
    head = f"支委会任期自 {term.start.isoformat()} 起 {term.years} 年"
    end, at = term.end.isoformat(), ctx.as_of.isoformat()
    if ok:
        text = f"{head}，至 {end} 届满，截至 {at} 仍在任期内。"
    else:
        text = f"{head}，已于 {end} 届满，截至 {at} 未按期换届。"
    evidence = (Evidence(kind="field", ref="term", label=f"支委会任期至 {term.end.isoformat()}"),)
    return Outcome(ok, f"至 {term.end.isoformat()}", "任期未届满", text, evidence)


def not_on_record(ctx: Context, threshold: str) -> Outcome:
    """A past year whose commitments commitments.yml no longer holds: 不适用, not a failure.

    The file keeps a single year, so history would otherwise fail every commitment item of
    every past year; as N/A it passes but never counts toward min_optional."""
    reason = f"commitments.yml 已更新为 {ctx.commitments_on_file} 年，{ctx.year} 年的承诺不再留存"
    return Outcome(True, "无记录", threshold, f"{reason}，本条不作评定。", na=True, na_reason=reason)


def commitments_fulfilled(rule: CommitmentsRule, ctx: Context, item_id: str) -> Outcome:
    """Share of the year's commitments due by as_of that are done; none due passes."""
    threshold = f"践诺率 ≥{pct(rule.commitments_fulfilled)}"
    if ctx.commitments_superseded:
        return not_on_record(ctx, threshold)
    due = [
        (i, c) for i, c in enumerate(ctx.commitments) if c.due is not None and c.due <= ctx.as_of
    ]
    if not due:
        text = f"截至 {ctx.as_of.isoformat()}，{ctx.year}年没有到期的公开承诺，视为达标。"
        return Outcome(True, None, threshold, text)
    done = [(i, c) for i, c in due if c.done is not None]
    share = Fraction(len(done), len(due))
    ok = share >= Fraction(str(rule.commitments_fulfilled))
    open_ = [c for _, c in due if c.done is None]
    names = "、".join(f"{c.who}「{c.text}」" for c in open_[:3]) + ("等" if len(open_) > 3 else "")
    tail = f"，未践诺的有 {names}" if open_ else ""
    text = (
        f"截至 {ctx.as_of.isoformat()}，{ctx.year}年到期的 {len(due)} 项公开承诺中"
        f"已践诺 {len(done)} 项（{pct(share, rule.commitments_fulfilled)}）{tail}，"
        f"{_reached(ok)} ≥{pct(rule.commitments_fulfilled)} 的要求。"
    )
    evidence = tuple(
        Evidence("note", f"commitment:{i}", f"{c.who}：{c.text}（{c.done.isoformat()} 践诺）")
        for i, c in done
        if c.done is not None
    )
    return Outcome(ok, round(float(share), 4), threshold, text, evidence)


# -- reviewer rules --------------------------------------------------------------------------


def na_valid(att: Attestation, ctx: Context) -> bool:
    """不适用 holds while `until` is absent or not yet passed."""
    return att.na and (att.until is None or att.until >= ctx.as_of)


def na_outcome(att: Attestation, ctx: Context) -> Outcome:
    by = att.by or "考核组"
    until = f"（有效期至 {att.until.isoformat()}）" if att.until else ""
    text = f"经{by}认定本条不适用：{att.reason}{until}。"
    evidence = _att_evidence(att)
    return Outcome(True, "不适用", "考核组评定通过", text, evidence, na=True, na_reason=att.reason)


def _att_evidence(att: Attestation) -> tuple[Evidence, ...]:
    files = [Evidence(kind="file", ref=p, label=p.rsplit("/", 1)[-1]) for p in att.evidence]
    return tuple(files)


def attested(rule: AttestedRule, ctx: Context, item_id: str) -> Outcome:
    """A reviewer's `pass: true` in assessment.yml for the year; missing or expired N/A fails."""
    threshold = "考核组评定通过"
    att = ctx.assessment.items.get(item_id)
    if att is None:
        text = f"assessment.yml 中没有 {ctx.year} 年第 {item_id} 条的评定记录，按未通过计。"
        return Outcome(False, "未评定", threshold, text)
    if att.na:
        if na_valid(att, ctx):
            return na_outcome(att, ctx)
        until = att.until.isoformat() if att.until else ""
        text = f"本条的不适用认定（{att.reason}）已于 {until} 到期，需重新评定，按未通过计。"
        return Outcome(False, "不适用已过期", threshold, text)
    by = att.by or "考核组"
    note = f"：{att.note}" if att.note else ""
    ok = bool(att.pass_)
    text = f"{by}评定{'通过' if ok else '未通过'}{note}。"
    return Outcome(ok, "通过" if ok else "未通过", threshold, text, _att_evidence(att))


def no_veto(rule: VetoRule, ctx: Context, item_id: str) -> Outcome:
    """一票否决 not triggered for the year."""
    veto = ctx.assessment.veto
    if not veto.triggered:
        return Outcome(True, "未触发", "未触发一票否决", f"{ctx.year}年未触发一票否决。")
    by = f"（{veto.by}认定）" if veto.by else ""
    text = f"{ctx.year}年触发一票否决{by}：{veto.reason}。"
    evidence = (Evidence(kind="note", ref="assessment.yml", label=f"一票否决：{veto.reason}"),)
    return Outcome(False, "已触发", "未触发一票否决", text, evidence)


# -- combinators -----------------------------------------------------------------------------


def _join(outcomes: list[Outcome]) -> str:
    return "；".join(o.explanation.rstrip("。") for o in outcomes) + "。"


def all_of(rule: AllRule, ctx: Context, item_id: str) -> Outcome:
    """Every sub-rule passes; N/A if any passing part was waived (so it never counts as earned)."""
    subs = [evaluate(r, ctx, item_id) for r in rule.all]
    ok = all(s.passed for s in subs)
    na = ok and any(s.na for s in subs)
    threshold = "全部满足：" + "；".join(s.threshold for s in subs)
    value = f"{sum(s.passed for s in subs)}/{len(subs)} 项"
    evidence = _dedup([e for s in subs for e in s.evidence])
    reason = "；".join(s.na_reason for s in subs if s.na)
    return Outcome(ok, value, threshold, _join(subs), evidence, na, reason if na else "")


def any_of(rule: AnyRule, ctx: Context, item_id: str) -> Outcome:
    """At least one sub-rule passes; N/A only when nothing passes except by waiver."""
    subs = [evaluate(r, ctx, item_id) for r in rule.any]
    ok = any(s.passed for s in subs)
    na = ok and not any(s.passed and not s.na for s in subs)
    threshold = "满足其一：" + "；".join(s.threshold for s in subs)
    value = f"{sum(s.passed for s in subs)}/{len(subs)} 项"
    shown = [s for s in subs if s.passed] or subs
    evidence = _dedup([e for s in shown for e in s.evidence])
    reason = "；".join(s.na_reason for s in subs if s.na)
    return Outcome(ok, value, threshold, _join(subs), evidence, na, reason if na else "")


EVALUATORS: dict[type, Callable[[Any, Context, str], Outcome]] = {
    CountRule: count,
    EveryRule: every,
    AttendanceRule: attendance,
    FieldRule: field,
    TermRule: term_current,
    CommitmentsRule: commitments_fulfilled,
    AttestedRule: attested,
    VetoRule: no_veto,
    AllRule: all_of,
    AnyRule: any_of,
}


def evaluate(rule: Any, ctx: Context, item_id: str) -> Outcome:
    """Dispatch on the rule's class; `item_id` lets `attested` find its line in assessment.yml."""
    return EVALUATORS[type(rule)](rule, ctx, item_id)
