"""The 五力 points model (精益党建): five dimensions weighted by an AHP pairwise matrix (or
plain weights), 22 indicators measured from activities, roles, zones and commitments."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from generator.models.base import NonEmpty, Strict, Text


def _ratio(value: object) -> float:
    """A pairwise entry: a number or a fraction written as text ("1/3")."""
    if isinstance(value, bool):
        raise ValueError(f"判断矩阵的元素应为正数或分数（如 1/3），实际是 {value!r}")
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(Fraction(value.strip()))
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"判断矩阵的元素应为正数或分数（如 1/3），实际是 {value!r}") from None
    else:
        raise ValueError(f"判断矩阵的元素应为正数或分数（如 1/3），实际是 {value!r}")
    if not 1 / 9 - 1e-9 <= number <= 9 + 1e-9:
        raise ValueError(f"判断矩阵的元素应在 1/9 到 9 之间（Saaty 标度），实际是 {value!r}")
    return number


Ratio = Annotated[float, BeforeValidator(_ratio)]


class Source(Strict):
    """What an indicator counts for a member in the year (exactly one key)."""

    type: NonEmpty | None = None  # participations in activities of this type
    tag: NonEmpty | None = None  # participations in activities with this tag
    role: NonEmpty | None = None  # 1 when the member holds this role
    zones: Literal[True] | None = None  # 党员责任区 the member answers for
    leader: Literal[True] | None = None  # 1 when group leader or committee member
    reflections: Literal[True] | None = None  # 活动感悟 written
    commitments: Literal["made", "done"] | None = None  # the member's own commitments of the year
    bonus: Literal[True] | None = None  # positive manual points on the member's activities
    clean: Literal[True] | None = None  # 1 when no deduction (负面清单) touched the member

    @model_validator(mode="after")
    def _one(self) -> Source:
        set_keys = [k for k, v in self.model_dump().items() if v is not None]
        if len(set_keys) != 1:
            raise ValueError(
                "source 须恰好写一种来源：type、tag、role、zones、leader、reflections、commitments、bonus 或 clean"
            )
        return self

    @property
    def kind(self) -> str:
        # read per member and indicator while scoring: no model_dump here (it copies everything)
        return next(k for k in type(self).model_fields if getattr(self, k) is not None)


class Indicator(Strict):
    id: NonEmpty
    dimension: NonEmpty
    name: NonEmpty
    weight: float = Field(1, gt=0)  # within its dimension
    full: float = Field(1, gt=0)  # the count that earns the full 100
    source: Source
    note: Text = ""


class WuliModel(Strict):
    name: NonEmpty
    version: NonEmpty
    dimensions: tuple[NonEmpty, ...] = Field(min_length=2)
    pairwise: tuple[tuple[Ratio, ...], ...] | None = None  # AHP: row dimension vs column
    weights: dict[str, float] | None = None  # or plain weights per dimension
    indicators: tuple[Indicator, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _weighting(self) -> WuliModel:
        if (self.pairwise is None) == (self.weights is None):
            raise ValueError("pairwise（AHP 判断矩阵）与 weights（直接权重）须二选一")
        return self
