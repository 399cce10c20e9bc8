"""Roster facts for the secretary: 政治生日, the 发展党员 pipeline and its 预警, 换届 dates,
and 党员责任区/示范岗/先锋岗. Pure functions; applicants appear only as counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.models import Branch, Member
from generator.models.roster import DEV_STAGES
from generator.score.portrait import POST_ROLES
from generator.score.results import Warning_

PROBATION_DUE_DAYS = 30  # 预备期满前 30 天提醒讨论转正
ACTIVIST_MIN_YEARS = 1  # 入党积极分子须经一年以上培养教育方可列为发展对象
TERM_NOTICE_DAYS = 90
POST_ROLES_SHOWN = POST_ROLES  # 示范岗 / 先锋岗 / 责任区, listed by name on the portrait
BIRTHDAY_TYPE = "政治生日"  # the activity type of the ceremony, in the default rulebook


def add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


@dataclass(frozen=True)
class Birthday:
    member: Member
    years: int  # 党龄 reached on this anniversary
    day: dt.date  # the anniversary in the month asked for


def birthdays_in(branch: Branch, year: int, month: int) -> tuple[Birthday, ...]:
    """Members whose `joined` anniversary falls in that month (and who had joined by then)."""
    out = []
    for m in branch.members:
        j = m.joined
        if j is None or j.month != month or j.year >= year:
            continue
        day = add_years(j, year - j.year)
        out.append(Birthday(m, year - j.year, day))
    return tuple(sorted(out, key=lambda b: (b.day, b.member.name)))


def birthday_calendar(
    branch: Branch, as_of: dt.date
) -> tuple[tuple[int, int, tuple[Birthday, ...], bool], ...]:
    """The twelve months from as_of's month on: (year, month, birthdays, ceremony held) for
    the secretary; "held" is a 政治生日 activity logged in that month."""
    out = []
    y, m = as_of.year, as_of.month
    for _ in range(12):
        out.append((y, m, birthdays_in(branch, y, m), birthday_held(branch, y, m)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def birthday_held(branch: Branch, year: int, month: int) -> bool:
    """Whether a 政治生日 activity was logged in that month."""
    return any(
        a.type == BIRTHDAY_TYPE and (a.date.year, a.date.month) == (year, month)
        for a in branch.activities
    )


@dataclass(frozen=True)
class Pipeline:
    """发展党员 counts by current stage; 正式党员 counts every full member on the roster."""

    counts: tuple[tuple[str, int], ...]

    @property
    def applicants(self) -> int:
        return sum(n for s, n in self.counts[:3])

    def get(self, stage: str) -> int:
        return dict(self.counts).get(stage, 0)


def pipeline(branch: Branch) -> Pipeline:
    stage = {s: 0 for s in DEV_STAGES}
    for m in branch.applicants:
        if m.development is not None:
            stage[m.development.stage] += 1
    for m in branch.members:
        s = m.development.stage if m.development is not None else "正式党员"
        stage[s if s in ("预备党员", "正式党员") else "正式党员"] += 1
    return Pipeline(tuple(stage.items()))


def development_warnings(branch: Branch, as_of: dt.date) -> Iterator[Warning_]:
    """转正 due within 30 days or overdue; 积极分子 trained under a year before 发展对象.
    Counts only: names of applicants (and of who is on probation) are not published."""
    due, overdue, first_due, first_over = 0, 0, None, None
    for m in branch.members:
        d = m.development
        if d is None or d.stage != "预备党员":
            continue
        end = add_years(d.since, 1)
        if end < as_of:
            overdue += 1
            first_over = min(first_over or end, end)
        elif (end - as_of).days <= PROBATION_DUE_DAYS:
            due += 1
            first_due = min(first_due or end, end)
    if overdue:
        text = f"{overdue} 名预备党员预备期已满（最早于 {first_over.isoformat()}）仍未办理转正，请尽快召开支部党员大会讨论。"
        yield Warning_("probation_overdue", text, first_over, "development")
    if due:
        text = f"{due} 名预备党员预备期将于 {PROBATION_DUE_DAYS} 天内届满（最早 {first_due.isoformat()}），请准备转正材料并提交支部党员大会讨论。"
        yield Warning_("probation_due", text, first_due, "development")
    short = 0
    for m in (*branch.applicants, *branch.members):
        d = m.development
        if d is None:
            continue
        activist, candidate = d.began("入党积极分子"), d.began("发展对象")
        if activist and candidate and candidate < add_years(activist, ACTIVIST_MIN_YEARS):
            short += 1
    if short:
        text = f"{short} 名发展对象被列为入党积极分子后培养教育不满一年即确定为发展对象，请核查发展程序。"
        yield Warning_("activist_short", text, None, "development")


@dataclass(frozen=True)
class TermInfo:
    start: dt.date
    end: dt.date
    years: int
    days_left: int  # negative once ended
    status: str  # "在任" | "即将届满" | "已届满"

    @property
    def month_label(self) -> str:
        return f"{self.end.year}年{self.end.month}月"


def term_info(branch: Branch, as_of: dt.date) -> TermInfo | None:
    """The committee term and its re-election (换届) month, judged at as_of."""
    t = branch.profile.term
    if t is None:
        return None
    days = (t.end - as_of).days
    status = "已届满" if days <= 0 else "即将届满" if days <= TERM_NOTICE_DAYS else "在任"
    return TermInfo(t.start, t.end, t.years, days, status)


@dataclass(frozen=True)
class ZoneRow:
    name: str
    covers: str
    who: str  # member name or group micro-brand
    group_id: str  # the group's board to link, "" when none


def zones(branch: Branch) -> tuple[ZoneRow, ...]:
    """党员责任区 of the branch: those of groups first, then of members, in file order."""
    rows = [
        ZoneRow(z.name, z.covers, f"{g.brand}（{g.name}）", g.id)
        for g in branch.groups
        for z in g.zones
    ]
    rows += [
        ZoneRow(z.name, z.covers, m.name, m.group or "") for m in branch.members for z in m.zones
    ]
    return tuple(rows)


def posts_of(branch: Branch, role: str) -> tuple[Member, ...]:
    """Members holding a post role (党员示范岗, 党员先锋岗, 党员责任区)."""
    return tuple(m for m in branch.members if role in m.roles)


def zone_count(branch: Branch) -> int:
    """责任区 count for the brand page: listed zones, or members holding the role without one."""
    listed = zones(branch)
    listed_members = {z.who for z in listed}
    unlisted = sum(
        1 for m in branch.members if "党员责任区" in m.roles and m.name not in listed_members
    )
    return len(listed) + unlisted


def roster_summary(branch: Branch, as_of: dt.date) -> dict[str, object]:
    """For the export: counts only (no applicant's name), the 换届 month and 责任区 count."""
    t = term_info(branch, as_of)
    return {
        "development": dict(pipeline(branch).counts),
        "applicants": pipeline(branch).applicants,
        "political_birthdays_this_month": len(birthdays_in(branch, as_of.year, as_of.month)),
        "zones": zone_count(branch),
        "posts": {r: len(posts_of(branch, r)) for r in POST_ROLES_SHOWN},
        "term": {
            "end": t.end.isoformat(),
            "reelection_month": f"{t.end.year}-{t.end.month:02d}",
            "status": t.status,
        }
        if t
        else None,
    }
