"""Roster additions to members.yml and groups.yml: party development stages (发展党员) and
responsibility zones (党员责任区). Both optional, so every older members.yml stays valid."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from generator.models.base import NonEmpty, Strict, Text

# 发展党员的五个阶段, in order. The first three are applicants: not yet party members, so
# their names are never published (only counts are).
DEV_STAGES = ("入党申请人", "入党积极分子", "发展对象", "预备党员", "正式党员")
APPLICANT_STAGES = DEV_STAGES[:3]


class Development(Strict):
    """`development: {入党申请人: 2021-03-01, 入党积极分子: 2021-09-01, ...}` — the date each
    stage began; the furthest stage present is the current one."""

    applied: dt.date | None = Field(None, alias="入党申请人")
    activist: dt.date | None = Field(None, alias="入党积极分子")
    candidate: dt.date | None = Field(None, alias="发展对象")
    probationary: dt.date | None = Field(None, alias="预备党员")
    full: dt.date | None = Field(None, alias="正式党员")

    model_config = Strict.model_config | {"populate_by_name": True}

    def dates(self) -> tuple[tuple[str, dt.date], ...]:
        """(stage, date) of the stages recorded, in stage order."""
        values = (self.applied, self.activist, self.candidate, self.probationary, self.full)
        return tuple((s, d) for s, d in zip(DEV_STAGES, values, strict=True) if d is not None)

    @property
    def stage(self) -> str:
        return self.dates()[-1][0]

    @property
    def since(self) -> dt.date:
        return self.dates()[-1][1]

    def began(self, stage: str) -> dt.date | None:
        return dict(self.dates()).get(stage)

    @model_validator(mode="after")
    def _some_stage(self) -> Development:
        if not self.dates():
            raise ValueError(f"至少填写一个阶段及其开始日期（{' / '.join(DEV_STAGES)}）")
        return self  # dates out of stage order are reported by load.roster_refs, at their line

    def disorder(self) -> tuple[tuple[str, str], ...]:
        """(earlier stage, later stage) pairs whose later stage is dated before the earlier one."""
        steps = self.dates()
        return tuple(
            (s1, s2) for (s1, d1), (s2, d2) in zip(steps, steps[1:], strict=False) if d2 < d1
        )

    @property
    def applicant(self) -> bool:
        return self.stage in APPLICANT_STAGES


class Zone(Strict):
    """党员责任区: a named area a member or group answers for, and what it covers."""

    name: NonEmpty
    covers: Text = ""
