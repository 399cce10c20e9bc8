"""Checks of the roster additions: applicants' names stay out of every public field, and
活动感悟 are written by members of the branch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.problems import Problem

if TYPE_CHECKING:
    from generator.load.refs import RefChecker

HIDDEN = "是入党申请人/积极分子/发展对象，姓名不公开，不能出现在"


def _development_order(c: RefChecker) -> Iterator[Problem]:
    """Stage dates must follow the stages; the error points at the later stage's line."""
    located = c.reader.sources.files.get("members.yml")
    raw = located.data if located else None
    if not isinstance(raw, list):
        return
    by_name = {m.name: m for m in (*c.b.members, *c.b.applicants)}
    for i, entry in enumerate(raw):
        m = by_name.get(str(entry.get("name"))) if isinstance(entry, dict) else None
        if m is None or m.development is None:
            continue
        for s1, s2 in m.development.disorder():
            d1, d2 = m.development.began(s1), m.development.began(s2)
            yield Problem(
                *c.at("members.yml", (i, "development", s2)),
                f"{s2}（{d2.isoformat()}）早于{s1}（{d1.isoformat()}），日期应按发展阶段先后递增",
            )


def roster_problems(c: RefChecker) -> Iterator[Problem]:
    b = c.b
    yield from _development_order(c)
    hidden = {m.name for m in b.applicants}
    if hidden:
        for i, g in enumerate(b.groups):
            if g.leader in hidden:
                yield Problem(
                    *c.at("groups.yml", (i, "leader")), f'"{g.leader}" {HIDDEN}党小组长中'
                )
        for i, cm in enumerate(b.profile.committee):
            if cm.name in hidden:
                yield Problem(
                    *c.at("branch.yml", ("committee", i, "name")), f'"{cm.name}" {HIDDEN}支委会中'
                )
        book = b.commitments
        for year, items in sorted(book.years.items()) if book else ():
            for i, cm in enumerate(items):
                if cm.who in hidden:
                    yield Problem(
                        *c.at("commitments.yml", (*book.yaml_path(year, i), "who")),
                        f'"{cm.who}" {HIDDEN}公开承诺中',
                    )
        for a in b.activities:
            for j, name in enumerate(a.participants):
                if name in hidden:
                    yield Problem(
                        *c.at_activity(a.id, ("participants", j)),
                        f'"{name}" {HIDDEN}参加人名单中（可只计入应到/实到人数）',
                    )
    for a in b.activities:
        for j, r in enumerate(a.reflections):
            if r.by in hidden:
                yield Problem(
                    *c.at_activity(a.id, ("reflections", j, "by")), f'"{r.by}" {HIDDEN}活动感悟中'
                )
            elif c.readable("members.yml") and r.by not in c.members:
                yield Problem(
                    *c.at_activity(a.id, ("reflections", j, "by")),
                    f'感悟作者 "{r.by}" 不在 members.yml 中',
                )
