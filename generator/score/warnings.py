"""预警: what a branch secretary should act on now, each message naming the month, group or pledge.

Organisation-life gaps are raised only for months/quarters that are due (ended before the
year's as_of_Y), exactly the periods the `every` rule demands: a running month is pending,
never missing, on the scorecard and here alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from fractions import Fraction

from generator.models import Branch, Standard
from generator.rules.outcome import exact, percent, rate_word, verb
from generator.score.commitments import OVERDUE, statuses, who_name
from generator.score.context import Context, build_context
from generator.score.labels import WARNING_KINDS
from generator.score.periods import ended_months, ended_quarters, month_end, quarter_end, quarter_of
from generator.score.results import Progress, Warning_

KINDS = tuple(WARNING_KINDS)  # codes in display order; their Chinese names live in labels.py
MONTHLY = "支委会"
GROUP_MONTHLY = "党小组会"
QUARTERLY = ("支部党员大会", "党课")
TERM_NOTICE_DAYS = 90
LOW_ATTENDANCE = 0.8
STALE_DAYS = 60


def _months_with(ctx: Context, kind: str, group: str | None = None) -> set[int]:
    return {a.date.month for a in ctx.of_type(kind) if group is None or a.group == group}


def org_life_gaps(ctx: Context, standard: Standard) -> Iterator[Warning_]:
    """Ended months without 支委会 / 党小组会 (per group when there are groups) and ended
    quarters without 支部党员大会 / 党课; types the rulebook does not know are not demanded."""
    types = set(standard.activity_types)
    y = ctx.year
    months = ended_months(y, ctx.as_of)
    if MONTHLY in types:
        held = _months_with(ctx, MONTHLY)
        for m in months:
            if m not in held:
                text = f"{y}年{m}月未{verb(MONTHLY)}{MONTHLY}。"
                yield Warning_("org_life_gap", text, month_end(y, m), f"{y}-{m:02d}")
    if GROUP_MONTHLY in types:
        # A group-held meeting counts for that group only; without groups any meeting counts.
        groups = sorted(ctx.branch.groups, key=lambda g: g.id)
        targets: list[tuple[str | None, str]] = [(g.id, g.name) for g in groups] or [(None, "")]
        for gid, name in targets:
            held = _months_with(ctx, GROUP_MONTHLY, gid)
            who = f"{name}（{gid}）" if gid else ""
            for m in months:
                if m not in held:
                    text = f"{y}年{m}月{who}未召开{GROUP_MONTHLY}。"
                    yield Warning_("org_life_gap", text, month_end(y, m), f"{y}-{m:02d}")
    for kind in (k for k in QUARTERLY if k in types):
        held = {quarter_of(a.date) for a in ctx.of_type(kind)}
        for q in ended_quarters(y, ctx.as_of):
            if q not in held:
                text = f"{y}年第{q}季度未{verb(kind)}{kind}。"
                yield Warning_("org_life_gap", text, quarter_end(y, q), f"{y}-Q{q}")


def term_warnings(branch: Branch, as_of: dt.date) -> Iterator[Warning_]:
    """换届提醒: the term has ended, or ends within 90 days of as_of."""
    term = branch.profile.term
    if term is None:
        return
    end = term.end
    if end <= as_of:
        text = (
            f"支委会任期（{term.start.isoformat()} 起 {term.years} 年）"
            f"已于 {end.isoformat()} 届满，请及时组织换届选举。"
        )
        yield Warning_("term_expired", text, end, "term")
    elif (end - as_of).days <= TERM_NOTICE_DAYS:
        days = (end - as_of).days
        text = f"支委会任期将于 {end.isoformat()} 届满（还有 {days} 天），请提前做好换届准备。"
        yield Warning_("term_expiring", text, end, "term")


def overdue_commitments(branch: Branch, year: int, as_of: dt.date) -> Iterator[Warning_]:
    for i, (c, state) in enumerate(statuses(branch, year, as_of)):
        if state == OVERDUE and c.due is not None:
            who = who_name(branch, c.who)
            text = f"{who}的{c.kind}「{c.text}」已于 {c.due.isoformat()} 到期，尚未践诺。"
            yield Warning_("commitment_overdue", text, c.due, f"commitment:{i}")


def low_attendance(ctx: Context) -> Iterator[Warning_]:
    for a in ctx.activities:
        if a.attendance is None or a.attendance.expected == 0:
            continue
        rate = Fraction(a.attendance.present, a.attendance.expected)
        if rate < exact(LOW_ATTENDANCE):
            text = (
                f"{a.date.isoformat()} {a.type}「{a.title}」应到 {a.attendance.expected} 人、"
                f"实到 {a.attendance.present} 人，出席率 {percent(rate, LOW_ATTENDANCE, False)}，低于 {rate_word(LOW_ATTENDANCE)}。"
            )
            yield Warning_("low_attendance", text, a.date, a.id)


def stale_data(branch: Branch, as_of: dt.date) -> Iterator[Warning_]:
    """No activity logged in the 60 days up to as_of: the data (or the branch) has gone quiet."""
    dates = [a.date for a in branch.activities if a.date <= as_of]
    if not dates:
        yield Warning_("stale_data", f"截至 {as_of.isoformat()} 尚无任何活动记录。", None, "")
        return
    last = max(dates)
    if (as_of - last).days > STALE_DAYS:
        days = (as_of - last).days
        at = as_of.isoformat()
        text = f"最近一次活动记录是 {last.isoformat()}，截至 {at} 已有 {days} 天没有新记录。"
        yield Warning_("stale_data", text, last, "")


def progress_behind(progress: Progress | None) -> Iterator[Warning_]:
    """An item of the running year that has fallen behind (落后). None while its first month
    runs: the progress view still says 落后 for a full-year minimum not met yet, as the
    contract has it, but a warning for every branch on 15 January tells nobody anything."""
    if progress is None or progress.ended_months == 0:
        return
    for i in progress.behind:
        text = f"{progress.year}年第 {i.id} 条「{i.text}」进度落后：{i.explanation}"
        yield Warning_("progress_behind", text, None, i.id)


def _order(w: Warning_) -> tuple[int, dt.date, str]:
    """Kind, then date; a stable sort keeps the branch-wide gap before its groups' gaps."""
    return (KINDS.index(w.kind), w.date or dt.date.min, w.ref)


def warnings(
    branch: Branch, standard: Standard, year: int, as_of: dt.date, progress: Progress | None = None
) -> tuple[Warning_, ...]:
    """All 预警 of a branch for the evaluation year at as_of (and the running year's items
    that are behind, when its `progress` is given), sorted by kind, date, ref."""
    ctx = build_context(branch, year, as_of)
    found = [
        *term_warnings(branch, as_of),
        *org_life_gaps(ctx, standard),
        *progress_behind(progress),
        *overdue_commitments(branch, year, as_of),
        *low_attendance(ctx),
        *stale_data(branch, as_of),
    ]
    return tuple(sorted(found, key=_order))
