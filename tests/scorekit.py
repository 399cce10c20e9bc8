"""Builders for score-stage tests: branches and rulebooks as Python objects, or tiny folders."""

from __future__ import annotations

import datetime as dt
import textwrap
from itertools import count
from pathlib import Path
from typing import Any

from generator.load.standard import DEFAULT_STANDARD
from generator.models import Activity, Assessment, Attestation, Branch, BranchProfile, Veto
from generator.models.records import Commitment, CommitmentBook, Group, Member, YearAssessment
from generator.models.standard import Item, Standard
from generator.score.context import Context, build_context

D = dt.date
_ids = count(1)

TYPES = ["支部党员大会", "支委会", "党小组会", "党课", "主题党日", "组织生活会", "民主评议党员",
         "志愿服务", "结对共建", "学习培训"]  # fmt: skip


def act(date: dt.date, kind: str, **kw: Any) -> Activity:
    """An activity with a unique id; attendance may be given as a (present, expected) pair."""
    if isinstance(kw.get("attendance"), tuple):
        present, expected = kw["attendance"]
        kw["attendance"] = {"present": present, "expected": expected}
    aid = kw.pop("id", f"{date.isoformat()}-a{next(_ids)}")
    return Activity.model_validate(
        {"date": date, "type": kind, "title": kw.pop("title", kind), "id": aid, **kw}
    )


def att(**kw: Any) -> Attestation:
    """An attestation; `ok=True` is written for `pass: true`."""
    if "ok" in kw:
        kw["pass"] = kw.pop("ok")
    return Attestation.model_validate(kw)


def assessment(
    year: int, items: dict[str, Attestation] | None = None, veto: str | None = None
) -> Assessment:
    v = Veto(triggered=True, reason=veto) if veto else Veto()
    return Assessment(years={year: YearAssessment(items=items or {}, veto=v)})


def _book(commitments: Any) -> CommitmentBook | None:
    """(year, items) is the one-year form of commitments.yml; {year: items} the multi-year one."""
    if commitments is None:
        return None
    one = isinstance(commitments, tuple)
    years = dict([commitments]) if one else commitments
    parsed = {y: tuple(Commitment.model_validate(c) for c in items) for y, items in years.items()}
    return CommitmentBook(years=parsed, one_year=one)


def branch(
    bid: str = "b",
    *,
    activities: list[Activity] | tuple[Activity, ...] = (),
    groups: list[str] | tuple[str, ...] = (),
    members: list[tuple[str, str | None]] | tuple[tuple[str, str | None], ...] = (),
    commitments: tuple[int, list[dict[str, Any]]] | dict[int, list[dict[str, Any]]] | None = None,
    assessment_: Assessment | None = None,
    publish: bool = True,
    **profile: Any,
) -> Branch:
    """A Branch object; `profile` overrides branch.yml keys (brand, term, committee, ...)."""
    data: dict[str, Any] = {
        "name": f"{bid}党支部",
        "unit": "测试党委",
        "brand": {"name": "测试品牌"},
    }
    data.update(profile)
    data["publish"] = publish
    return Branch(
        id=bid,
        folder=Path("/nonexistent") / bid,
        profile=BranchProfile.model_validate(data),
        groups=tuple(
            Group(id=g, name=f"{g}党小组", brand=f"{g}微品牌", leader=f"{g}甲") for g in groups
        ),
        members=tuple(
            Member(name=n, group=g, post="岗位", joined=D(2010, 7, 1)) for n, g in members
        ),
        commitments=_book(commitments),
        assessment=assessment_ or Assessment(),
        activities=tuple(sorted(activities, key=lambda a: (a.date, a.id))),
    )


def standard(
    items: list[dict[str, Any]], min_optional: int = 0, points: dict[str, Any] | None = None
) -> Standard:
    """A tiny rulebook: tiers 3/4/5 (tier 5 needs `min_optional` 自选题) and the given items.
    With none (points and warnings tests), validated with one and then emptied: a rulebook
    file may not be empty (it would rate every branch 5★), a test's fixture may."""
    placeholder = [
        {"id": "Z-99", "category": "组织生活", "tier": 3, "text": "占位", "rule": "attested"}
    ]
    std = Standard.model_validate(
        {
            "name": "测试标准",
            "version": "t1",
            "tiers": {
                3: {"name": "达标级"},
                4: {"name": "先进级"},
                5: {"name": "标杆级", "min_optional": min_optional},
            },
            "categories": ["组织建设", "组织生活", "服务群众", "廉洁建设"],
            "activity_types": TYPES,
            "points": points or {},
            "items": items or placeholder,
        }
    )
    return std if items else std.model_copy(update={"items": ()})


def item(
    rule: Any, iid: str = "X-01", tier: int = 3, optional: bool = False, category: str = "组织生活"
) -> Item:
    return Item.model_validate(
        {
            "id": iid,
            "category": category,
            "tier": tier,
            "text": iid,
            "optional": optional,
            "rule": rule,
        }
    )


# The as_of that judges the whole of 2024: as_of_2024 = 2025-01-01 (DATA-FORMAT, rating), so
# December has ended and counts.
YEAR_END = D(2025, 1, 1)


def ctx(b: Branch, year: int = 2024, as_of: dt.date = YEAR_END) -> Context:
    return build_context(b, year, as_of)


def default_standard() -> Standard:
    """The built-in rulebook, loaded the way the plugin loads it."""
    from generator.load.standard import load_standard

    std, problems = load_standard(DEFAULT_STANDARD, DEFAULT_STANDARD.parent)
    assert std is not None, problems
    return std


def write(root: Path, files: dict[str, str]) -> Path:
    """Write a small site project (paths relative to `root`, text dedented) and return root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def activity_md(date: str, kind: str, title: str = "活动", extra: str = "") -> str:
    return f"---\ndate: {date}\ntype: {kind}\ntitle: {title}\n{extra}---\n正文。\n"


def attested_ids(std: Standard) -> list[str]:
    from generator.rules.attested import AttestedRule

    return [i.id for i in std.items if isinstance(i.rule, AttestedRule)]


def full_activities(
    year: int = 2024, groups: tuple[str, ...] = ("g1", "g2", "g3")
) -> list[Activity]:
    """A year of complete organisation life: 三会一课, monthly 主题党日, service, study."""
    acts: list[Activity] = []
    for m in range(1, 13):
        acts.append(act(D(year, m, 3), "支委会", id=f"{year}-{m:02d}-zwh"))
        acts.append(act(D(year, m, 8), "主题党日", id=f"{year}-{m:02d}-ztdr", attendance=(20, 20)))
        for g in groups:
            acts.append(act(D(year, m, 12), "党小组会", id=f"{year}-{m:02d}-xzh-{g}", group=g,
                            attendance=(5, 5), participants=[f"{g}甲", f"{g}乙"]))  # fmt: skip
    for q in range(1, 5):
        m = 3 * q - 1
        acts.append(act(D(year, m, 15), "支部党员大会", id=f"{year}-q{q}-dh", attendance=(20, 20)))
        acts.append(act(D(year, m, 16), "党课", id=f"{year}-q{q}-dk"))
        acts.append(act(D(year, m, 17), "学习培训", id=f"{year}-q{q}-px"))
    acts += [act(D(year, m, 20), "学习培训", id=f"{year}-{m:02d}-px2") for m in (1, 10)]
    acts += [act(D(year, m, 22), "志愿服务", id=f"{year}-{m:02d}-zy") for m in range(1, 11)]
    acts += [act(D(year, m, 24), "结对共建", id=f"{year}-{m:02d}-gj") for m in (4, 9)]
    # held early in the year, as most branches do, so mid-year scorecards can hold stars
    acts.append(act(D(year, 1, 25), "组织生活会", id=f"{year}-shh"))
    acts.append(act(D(year, 1, 26), "民主评议党员", id=f"{year}-py"))
    return acts


def full_branch(std: Standard, year: int = 2024, **overrides: Any) -> Branch:
    """A branch meeting every item of the default standard (5★ with all four 自选题)."""
    groups = ("g1", "g2", "g3")
    kw: dict[str, Any] = {
        "founded": D(2010, 7, 1),
        "term": {"start": D(year - 1, 1, 1), "years": 3},
        "committee": [
            {"name": "g1甲", "role": "书记"},
            {"name": "g2甲", "role": "组织委员"},
            {"name": "g3甲", "role": "宣传委员"},
        ],  # fmt: skip
        "brand": {
            "name": "品牌",
            "slogan": "口号",
            "logo": "photos/logo.png",
            "meaning": "内涵",
            "practices": [{"title": t} for t in "一二三"],
            "results": [{"label": t, "value": 1} for t in "一二三四五"],
            "honors": [{"year": year - 1, "title": "优秀案例"}],
        },  # fmt: skip
        "partners": [{"name": "社区党委"}, {"name": "学校党支部"}],
        "groups": groups,
        "members": [(f"{g}{n}", g) for g in groups for n in "甲乙"],
        # five pledges of all three kinds, by the branch, a group and members (F-01, F-08)
        "commitments": (
            year,
            [
                {
                    "who": who,
                    "kind": kind,
                    "text": f"承诺{i}",
                    "due": D(year, 6, 30),
                    "done": D(year, 6, 1),
                }
                for i, (who, kind) in enumerate(
                    [
                        ("branch", "亮承诺"),
                        ("g1", "亮标准"),
                        ("g1甲", "亮身份"),
                        ("g2甲", "亮承诺"),
                        ("branch", "亮标准"),
                    ]
                )
            ],
        ),  # fmt: skip
        "assessment_": assessment(year, {i: att(ok=True) for i in attested_ids(std)}),
        "activities": full_activities(year, groups),
    }
    kw.update(overrides)
    return branch("full", **kw)
