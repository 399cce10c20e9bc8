"""Item results, star level, category counts and the gap to the next star (星级评定)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.models import Branch, Item, Standard
from generator.rules import evaluate
from generator.rules.attested import na_outcome, na_valid
from generator.score.context import Context, build_context
from generator.score.results import CategoryCount, ItemResult, Scorecard

TIERS = (3, 4, 5)


def item_result(item: Item, ctx: Context) -> ItemResult:
    """Evaluate one item. A reviewer's valid N/A excuses a failing automatic item only when the
    rulebook marks it `na_allowed` (e.g. no retired members); a real pass wins over N/A.
    `check` refuses N/A anywhere else, so it can never hide a gap."""
    out = evaluate(item.rule, ctx, item.id)
    att = ctx.assessment.items.get(item.id)
    if item.na_allowed and not out.passed and att is not None and na_valid(att, ctx):
        out = na_outcome(att, out.threshold)
    return ItemResult(
        id=item.id,
        category=item.category,
        tier=item.tier,
        optional=item.optional,
        text=item.text,
        passed=out.passed,
        na=out.na,
        na_reason=out.na_reason,
        value=out.value,
        display=out.display,
        threshold=out.threshold,
        explanation=out.explanation,
        evidence=out.evidence,
        veto=item.is_veto,
        how=item.how,
    )


def optional_earned(items: Sequence[ItemResult], tier: int) -> int:
    """Passing optional items of exactly this tier; N/A ones are excused, not earned."""
    return sum(1 for r in items if r.optional and r.tier == tier and r.passed and not r.na)


def optional_short(items: Sequence[ItemResult], standard: Standard, upto: int) -> int:
    """How many more passing optional items the tiers <= `upto` still need."""
    need = {t: standard.tiers[t].min_optional for t in TIERS if t <= upto}
    return sum(max(0, n - optional_earned(items, t)) for t, n in need.items())


def failing_required(items: Sequence[ItemResult], upto: int) -> tuple[str, ...]:
    return tuple(r.id for r in items if not r.optional and r.tier <= upto and not r.passed)


def holds(items: Sequence[ItemResult], standard: Standard, tier: int) -> bool:
    """Star `tier` held: required items of tiers <= tier pass, each tier's min_optional met."""
    return not failing_required(items, tier) and optional_short(items, standard, tier) == 0


def star_of(items: Sequence[ItemResult], standard: Standard, vetoed: bool) -> int:
    """The highest tier held, or 0; a triggered veto removes any star."""
    if vetoed:
        return 0
    return max((t for t in TIERS if holds(items, standard, t)), default=0)


def next_star(star: int, vetoed: bool) -> int | None:
    if vetoed or star >= 5:
        return None
    return 3 if star < 3 else star + 1


def categories(items: Sequence[ItemResult], standard: Standard) -> tuple[CategoryCount, ...]:
    """Per category: hard items passed/total (veto item apart), optional items alongside."""
    out = []
    for name in standard.categories:
        hard = [r for r in items if r.category == name and not r.optional and not r.veto]
        soft = [r for r in items if r.category == name and r.optional]
        out.append(
            CategoryCount(
                name=name,
                passed=sum(r.passed for r in hard),
                total=len(hard),
                optional_passed=sum(r.passed and not r.na for r in soft),
                optional_total=len(soft),
            )
        )
    return tuple(out)


def scorecard(branch: Branch, standard: Standard, year: int, as_of: dt.date) -> Scorecard:
    """One branch, one year judged at its as_of_Y: every item explained, the star, and what
    the next star needs. Scorecard.as_of is as_of_Y."""
    ctx = build_context(branch, year, as_of)
    items = tuple(item_result(item, ctx) for item in standard.items)
    veto = ctx.assessment.veto
    star = star_of(items, standard, veto.triggered)
    nxt = next_star(star, veto.triggered)
    return Scorecard(
        branch_id=branch.id,
        year=year,
        as_of=ctx.as_of,
        standard_name=standard.name,
        standard_version=standard.version,
        star=star,
        vetoed=veto.triggered,
        veto_reason=veto.reason if veto.triggered else "",
        items=items,
        categories=categories(items, standard),
        next_star=nxt,
        missing_for_next=failing_required(items, nxt) if nxt else (),
        missing_optional_for_next=optional_short(items, standard, nxt) if nxt else 0,
        star_name=standard.tiers[star].name if star else "",
    )
