"""`/branches/<id>/commitments/`: 公开承诺 in three sections with computed status."""

from __future__ import annotations

from dataclasses import dataclass

from generator.models import Branch, Commitment
from generator.models.records import COMMITMENT_KINDS
from generator.render.plan import SitePlan, branch_uri
from generator.score.commitments import statuses, summarize


@dataclass(frozen=True)
class Who:
    """Who made a commitment, as a reader sees it: 支部, a group (with its board) or a member."""

    label: str
    kind: str  # "branch" | "group" | "member"
    group_id: str = ""


def who(branch: Branch, c: Commitment) -> Who:
    if c.who == "branch":
        return Who(branch.profile.name, "branch")
    group = branch.group(c.who)
    if group is not None:
        return Who(f"{group.name}（{group.brand}）", "group", group.id)
    member = next((m for m in branch.members if m.name == c.who), None)
    return Who(c.who, "member", member.group or "" if member else "")


def sections(
    branch: Branch, year: int, as_of
) -> list[tuple[str, list[tuple[Commitment, str, Who]]]]:
    rows = [(c, status, who(branch, c)) for c, status in statuses(branch, year, as_of)]
    return [(kind, [r for r in rows if r[0].kind == kind]) for kind in COMMITMENT_KINDS]


def plan(site: SitePlan) -> None:
    for b in site.published():
        book = b.commitments
        if book is None or book.latest is None:
            continue
        # the evaluation year's commitments when the file has them, else its latest year's;
        # the file's other years below them, newest first (each year's list stays on the site)
        year = site.year if site.year in book.years else book.latest
        site.add_page(
            branch_uri(b.id, "commitments"),
            "showcase/commitments.html",
            f"{b.profile.name} 公开承诺",
            branch=b,
            year=year,
            sections=sections(b, year, site.as_of),
            summary=summarize(b, year, site.as_of),
            others=[
                (y, sections(b, y, site.as_of), summarize(b, y, site.as_of))
                for y in sorted(book.years, reverse=True)
                if y != year and book.of(y)
            ],
        )
