"""The rulebook (星级标准): tiers, categories, activity types, points, items and their rules.

Rules are data in a small, closed vocabulary (DATA-FORMAT.md); `generator.score.rules`
interprets them. Nothing here is ever evaluated as code.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Field, model_validator
from pydantic.functional_validators import BeforeValidator

from generator.models.base import NonEmpty, Strict, Text


class CountRule(Strict):
    """{count: TYPE, min: N}: at least N activities of TYPE in the year."""

    count: NonEmpty
    min: int = Field(1, ge=0)


class EveryRule(Strict):
    """{every: month|quarter, type: TYPE, min: N}: N of TYPE in every elapsed period."""

    every: Literal["month", "quarter"]
    type: NonEmpty
    min: int = Field(1, ge=0)


class AttendanceRule(Strict):
    """{attendance: TYPE, min: 0.9}: mean attendance rate of TYPE over the year."""

    attendance: NonEmpty
    min: float = Field(ge=0, le=1)


class FieldRule(Strict):
    """{field: brand.logo} or {field: members, min: 3}."""

    field: NonEmpty
    min: int | None = Field(None, ge=0)


class TermRule(Strict):
    """{term_current: true}: the committee term has not ended at as_of."""

    term_current: Literal[True]


class CommitmentsRule(Strict):
    """{commitments_fulfilled: 0.8}: share of due commitments that are done."""

    commitments_fulfilled: float = Field(ge=0, le=1)


class AttestedRule(Strict):
    """`attested` (written as a bare word): a reviewer's pass in assessment.yml."""

    attested: Literal[True] = True


class VetoRule(Strict):
    """{no_veto: true}: 一票否决 not triggered (added to the vocabulary for the veto item)."""

    no_veto: Literal[True]


class AllRule(Strict):
    all: tuple[Rule, ...] = Field(min_length=1)


class AnyRule(Strict):
    any: tuple[Rule, ...] = Field(min_length=1)


_RULE_KEYS: dict[str, type[Strict]] = {
    "count": CountRule,
    "every": EveryRule,
    "attendance": AttendanceRule,
    "field": FieldRule,
    "term_current": TermRule,
    "commitments_fulfilled": CommitmentsRule,
    "attested": AttestedRule,
    "no_veto": VetoRule,
    "all": AllRule,
    "any": AnyRule,
}


def _pick_rule(value: Any) -> Any:
    """Turn the bare word `attested` into its mapping and refuse unknown rule kinds early."""
    if value == "attested":
        return {"attested": True}
    if isinstance(value, dict):
        kinds = [k for k in value if k in _RULE_KEYS]
        if len(kinds) != 1:
            known = "、".join(_RULE_KEYS)
            raise ValueError(f"无法识别的规则 {value!r}；规则须为以下之一: {known}")
        return _RULE_KEYS[kinds[0]].model_validate(value)
    raise ValueError(f"无法识别的规则 {value!r}")


Rule = Annotated[
    Union[  # noqa: UP007 - a forward-referenced union reads clearer this way
        CountRule,
        EveryRule,
        AttendanceRule,
        FieldRule,
        TermRule,
        CommitmentsRule,
        AttestedRule,
        VetoRule,
        AllRule,
        AnyRule,
    ],
    BeforeValidator(_pick_rule),
]
AllRule.model_rebuild()
AnyRule.model_rebuild()


class Tier(Strict):
    name: NonEmpty
    min_optional: int = Field(0, ge=0)


class PointRule(Strict):
    """Points per activity of a type: each participant gets `member`, the group `group`."""

    member: int | float = 0
    group: int | float = 0


class Item(Strict):
    id: NonEmpty
    category: NonEmpty
    tier: Literal[3, 4, 5]
    text: NonEmpty
    optional: bool = False
    rule: Rule
    how: Text = ""  # how a reviewer checks it (考核方式), shown on the scorecard

    @property
    def is_veto(self) -> bool:
        return isinstance(self.rule, VetoRule)


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
    items: tuple[Item, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Standard:
        if set(self.tiers) != {3, 4, 5}:
            raise ValueError("tiers 必须恰好是 3、4、5 三级")
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
