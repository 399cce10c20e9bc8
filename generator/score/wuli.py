"""五力 scores: AHP weights with their consistency ratio, and each member's and group's score.

Every indicator scores 0..100 (count / full, capped); a dimension is the weighted mean of its
indicators; a member's 五力 total is the weighted mean of the five dimensions. A group's
score is the mean of its members' totals. Pure functions; nothing from `private:` exists here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from generator.models import Branch, Member, Standard
from generator.models.wuli import Indicator, WuliModel
from generator.score.context import build_context
from generator.score.points import adjustment_points
from generator.score.ranks import shared_ranks
from generator.score.results import GroupScore, MemberScore, WuliResult

# Saaty's random consistency index by matrix order
RANDOM_INDEX = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}
CR_LIMIT = 0.1


@dataclass(frozen=True)
class Ahp:
    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    cr: float


def ahp(matrix: tuple[tuple[float, ...], ...]) -> Ahp:
    """Weights by the normalised row geometric mean; CR = CI / RI (CR < 0.1 is acceptable)."""
    n = len(matrix)
    gm = [math.prod(row) ** (1 / n) for row in matrix]
    total = sum(gm)
    w = [g / total for g in gm]
    aw = [sum(matrix[i][j] * w[j] for j in range(n)) for i in range(n)]
    lam = sum(aw[i] / w[i] for i in range(n)) / n
    ci = (lam - n) / (n - 1) if n > 1 else 0.0
    ri = RANDOM_INDEX.get(n, 1.49)
    return Ahp(tuple(w), lam, ci, ci / ri if ri else 0.0)


def dimension_weights(model: WuliModel) -> dict[str, float]:
    if model.pairwise is not None:
        return dict(zip(model.dimensions, ahp(model.pairwise).weights, strict=True))
    raw = model.weights or {}
    total = sum(raw.values()) or 1
    return {d: raw.get(d, 0) / total for d in model.dimensions}


@dataclass
class Tally:
    """One pass over the year's activities: what every indicator needs, per member name."""

    by_type: Counter
    by_tag: Counter
    reflections: Counter
    points: dict[str, list[float]]  # manual points that touched the member

    @classmethod
    def of(cls, acts, standard: Standard | None = None) -> Tally:
        by_type, by_tag, refl, points = Counter(), Counter(), Counter(), defaultdict(list)
        for a in acts:
            people = set(a.participants)
            for name in people:
                by_type[(name, a.type)] += 1
                for t in a.tags:
                    by_tag[(name, t)] += 1
                if a.points:
                    points[name].append(float(a.points))
            for r in a.reflections:
                refl[r.by] += 1
            # `adjust:` entries naming a member; points left out come from the rulebook's lists
            for adj in a.adjust:
                pts = adjustment_points(standard, adj) if standard is not None else adj.points
                if pts:
                    points[adj.who].append(float(pts))
        return cls(by_type, by_tag, refl, points)


def measure(
    ind: Indicator, m: Member, branch: Branch, tally: Tally, commitments, as_of: dt.date
) -> float:
    """The raw count of one indicator for one member."""
    s, kind = ind.source, ind.source.kind
    if kind == "type":
        return tally.by_type[(m.name, s.type)]
    if kind == "tag":
        return tally.by_tag[(m.name, s.tag)]
    if kind == "role":
        return 1 if s.role in m.roles else 0
    if kind == "zones":
        return len(m.zones)
    if kind == "leader":
        leads = any(g.leader == m.name for g in branch.groups)
        return 1 if leads or any(c.name == m.name for c in branch.profile.committee) else 0
    if kind == "reflections":
        return tally.reflections[m.name]
    if kind == "commitments":
        mine = [c for c in commitments if c.who == m.name]
        if s.commitments == "made":
            return len(mine)
        return sum(1 for c in mine if c.done_by(as_of))  # done < as_of_Y, as the rating
    if kind == "bonus":
        return sum(p for p in tally.points.get(m.name, ()) if p > 0)
    if kind == "clean":
        return 0 if any(p < 0 for p in tally.points.get(m.name, ())) else 1
    raise AssertionError(kind)  # the model admits no other kind


def _ranked(scores: list, key) -> list:
    """Rank 1 for the best; equal scores share a rank (1, 1, 3)."""
    ordered = sorted(scores, key=key)
    values = [s.total if isinstance(s, MemberScore) else s.score for s in ordered]
    return [replace(s, rank=r) for s, r in zip(ordered, shared_ranks(values), strict=True)]


def wuli_scores(
    branch: Branch, model: WuliModel, year: int, as_of: dt.date, standard: Standard | None = None
) -> WuliResult:
    """`standard`: the star rulebook, whose 正面/负面清单 price adjustments written without points."""
    ctx = build_context(branch, year, as_of)
    weights = dimension_weights(model)
    tally = Tally.of(ctx.activities, standard)
    by_dim: dict[str, list[Indicator]] = {
        d: [i for i in model.indicators if i.dimension == d] for d in model.dimensions
    }
    members = []
    for m in branch.members:
        raw = {
            i.id: measure(i, m, branch, tally, ctx.commitments, ctx.as_of) for i in model.indicators
        }
        dims = {}
        for d, inds in by_dim.items():
            wsum = sum(i.weight for i in inds) or 1
            dims[d] = round(
                sum(i.weight * min(raw[i.id] / i.full, 1.0) * 100 for i in inds) / wsum, 1
            )
        total = round(sum(weights[d] * v for d, v in dims.items()), 1)
        members.append(MemberScore(m.name, m.group or "", dims, total, raw))
    ranked = _ranked(members, key=lambda s: (-s.total, s.name))
    groups = []
    for g in branch.groups:
        mine = [s.total for s in members if s.group == g.id]
        groups.append(
            GroupScore(
                g.id,
                f"{g.brand}（{g.name}）",
                round(sum(mine) / len(mine), 1) if mine else 0.0,
                len(mine),
            )
        )
    n = len(members) or 1
    averages = {d: round(sum(s.dims[d] for s in members) / n, 1) for d in model.dimensions}
    return WuliResult(
        model.name,
        model.version,
        {d: round(w, 4) for d, w in weights.items()},
        tuple(ranked),
        tuple(_ranked(groups, key=lambda s: (-s.score, s.id))),
        averages,
    )


def wuli_json(r: WuliResult) -> dict[str, object]:
    """For the export: members and groups ranked, dimension weights and averages."""
    return {
        "model": {"name": r.model, "version": r.version},
        "weights": r.weights,
        "averages": r.averages,
        "members": [
            {"name": s.name, "group": s.group, "rank": s.rank, "total": s.total, "dims": s.dims}
            for s in r.members
        ],
        "groups": [
            {"id": g.id, "rank": g.rank, "score": g.score, "members": g.members} for g in r.groups
        ],
    }
