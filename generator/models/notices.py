"""Inputs of the 党建看板 (party-building board): 党务公开 notices and 活动感悟 reflections."""

from __future__ import annotations

import datetime as dt

from pydantic import model_validator

from generator.models.base import NonEmpty, Strict, Text


class Reflection(Strict):
    """活动感悟: what one member took away from an activity (`reflections:` on the activity)."""

    by: NonEmpty  # a member name
    text: NonEmpty


class NoticeMeta(Strict):
    """Front matter of `notices/<id>.md` (党务公开): shown from `date` until `until`."""

    date: dt.date
    title: NonEmpty
    until: dt.date | None = None
    kind: Text = ""  # e.g. 党费收缴 / 发展党员公示 / 评优公示

    @model_validator(mode="after")
    def _until_after_date(self) -> NoticeMeta:
        if self.until is not None and self.until < self.date:
            raise ValueError(
                f"until（{self.until.isoformat()}）早于发布日期 date（{self.date.isoformat()}）"
            )
        return self


class Notice(NoticeMeta):
    id: str
    body: str = ""
    source: str = ""

    def shown(self, as_of: dt.date) -> bool:
        """On the board from its date through its `until` day (open-ended without one)."""
        return self.date <= as_of and (self.until is None or as_of <= self.until)
