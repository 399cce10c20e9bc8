"""The rulebook (星级标准): tiers, categories, activity types, points, items and their rules.

Rules are data in a small, closed vocabulary (DATA-FORMAT.md); each kind of rule is one
module of `generator.rules` (model, evaluator, check). Nothing is ever evaluated as code.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator
from pydantic.functional_validators import BeforeValidator

from generator.models.base import NonEmpty, Strict, Text


class RuleSpec(Strict):
    """Base of every rule model. Each rule kind is one module of `generator.rules`, which
    gives the model its YAML key, evaluator, rulebook check and description."""


def _parse_rule(value: Any) -> Any:
    """Pick the rule kind by its key (the bare word `attested` too); unknown kinds fail here."""
    from generator.rules import parse  # deferred: the rule modules import these models

    return parse(value)


Rule = Annotated[RuleSpec, BeforeValidator(_parse_rule)]


class Tier(Strict):
    name: NonEmpty
    min_optional: int = Field(0, ge=0, strict=True)


class PointRule(Strict):
    """Points per activity of a type: each participant gets `member`, the group `group`."""

    member: int | float = 0
    group: int | float = 0


class PointListEntry(Strict):
    """One line of a 正面清单 / 负面清单: a reason and the points it gives (negative = deduction)."""

    reason: NonEmpty
    points: int | float


class Item(Strict):
    id: NonEmpty
    category: NonEmpty
    tier: Literal[3, 4, 5]
    text: NonEmpty
    optional: bool = False
    # a reviewer may mark this automatic item 不适用 in assessment.yml (e.g. no retired members)
    na_allowed: bool = False
    rule: Rule
    how: Text = ""  # how a reviewer checks it (考核方式), shown on the scorecard

    @property
    def is_veto(self) -> bool:
        from generator.rules import kind_of

        return kind_of(self.rule).key == "no_veto"

    @property
    def is_attested(self) -> bool:
        """Judged by a reviewer: `attested` itself, or a combination that contains it."""
        from generator.rules import contains_attested

        return contains_attested(self.rule)


class Standard(Strict):
    name: NonEmpty
    version: NonEmpty
    tiers: dict[Literal[3, 4, 5], Tier]
    categories: tuple[NonEmpty, ...] = Field(min_length=1)
    activity_types: tuple[NonEmpty, ...] = Field(min_length=1)
    # Officers' usual words for a type (支部委员会 → 支委会): accepted in activity files and
    # ledgers and counted as the canonical type.
    aliases: dict[str, NonEmpty] = {}
    points: dict[str, PointRule] = {}
    # 正面清单 / 负面清单: when given, every activity `adjust:` reason must be one of them
    point_lists: dict[NonEmpty, tuple[PointListEntry, ...]] = {}
    items: tuple[Item, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _has_items(cls, data: Any) -> Any:
        """A rulebook without items would rate every branch 5★ (an empty or forgotten
        `items:`). Judged on the file as written: items that fail their own checks are
        reported as such, not as "no items"."""
        if isinstance(data, dict) and not data.get("items"):
            raise ValueError("评定标准没有任何条目（items 为空或缺失），否则每个支部都会被评为五星")
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Standard:
        if set(self.tiers) != {3, 4, 5}:
            raise ValueError("tiers 必须恰好是 3、4、5 三级")
        reasons = [e.reason for entries in self.point_lists.values() for e in entries]
        twice = sorted({r for r in reasons if reasons.count(r) > 1})
        if twice:  # the first list would silently win
            raise ValueError(f"point_lists 中同一事由出现在多处：{'、'.join(twice)}")
        return self

    @property
    def stamp(self) -> str:
        """Name and version, stamped on every result so versions are never mixed silently."""
        return f"{self.name}（{self.version}版）"

    def canonical_type(self, name: str) -> str:
        """The rulebook's own name for an activity type written with one of its aliases."""
        return self.aliases.get(name, name)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def listed_points(self, reason: str) -> int | float | None:
        """Points the point_lists give a reason, or None when the reason is not listed."""
        for entries in self.point_lists.values():
            for e in entries:
                if e.reason == reason:
                    return e.points
        return None
