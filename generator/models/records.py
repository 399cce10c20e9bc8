"""groups.yml, members.yml, commitments.yml, assessment.yml and activity front matter."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from generator.models.base import MAX_ID_LENGTH, NonEmpty, RelPath, Strict, Text, Year
from generator.models.notices import Reflection
from generator.models.roster import Development, Zone

COMMITMENT_KINDS = ("亮标准", "亮身份", "亮承诺")


class Group(Strict):
    """党小组 with its micro-brand (微品牌)."""

    id: str = Field(pattern=r"^[a-z0-9-]+$", max_length=MAX_ID_LENGTH)
    name: NonEmpty
    brand: NonEmpty
    meaning: Text = ""
    leader: Text | None = None
    kind: Text = ""
    zones: tuple[Zone, ...] = ()  # 党员责任区 the group answers for


class Member(Strict):
    name: NonEmpty
    group: Text | None = None
    post: Text = ""
    roles: tuple[NonEmpty, ...] = ()
    joined: dt.date | None = None
    photo: RelPath | None = None
    development: Development | None = None  # 发展党员 stages; applicants are never published
    zones: tuple[Zone, ...] = ()  # 党员责任区


class Commitment(Strict):
    who: NonEmpty
    kind: Literal["亮标准", "亮身份", "亮承诺"]
    text: NonEmpty
    due: dt.date | None = None
    done: dt.date | None = None
    evidence: tuple[NonEmpty, ...] = ()

    def done_by(self, as_of: dt.date) -> bool:
        """Fulfilled at as_of: a `done` date on or after as_of is not yet known then."""
        return self.done is not None and self.done < as_of

    def due_by(self, as_of: dt.date) -> bool:
        """Due at as_of: the due date itself is still in time (DATA-FORMAT, rating)."""
        return self.due is not None and self.due < as_of

    def status(self, as_of: dt.date) -> str:
        """已践诺 / 进行中 / 逾期 at as_of (the year's as_of_Y when judging a year)."""
        if self.done_by(as_of):
            return "已践诺"
        if self.due_by(as_of):
            return "逾期"
        return "进行中"


class Commitments(Strict):
    """The one-year form of commitments.yml: `{year: 2024, items: [...]}`."""

    year: Year
    items: tuple[Commitment, ...] = ()


class CommitmentBook(Strict):
    """commitments.yml as loaded: each year's commitments, from either form of the file.

    `one_year` remembers the `{year, items}` form so problems point at `items[i]` rather
    than at `2024[i]`."""

    years: dict[Year, tuple[Commitment, ...]] = {}
    one_year: bool = False

    def of(self, year: int) -> tuple[Commitment, ...]:
        return self.years.get(year, ())

    @property
    def latest(self) -> int | None:
        """The most recent year on file (the commitments page shows it)."""
        return max(self.years) if self.years else None

    def yaml_path(self, year: int, index: int) -> tuple[str | int, ...]:
        """Where commitment `index` of `year` sits in the YAML, for file:line messages."""
        return ("items", index) if self.one_year else (year, index)


class Attendance(Strict):
    expected: int = Field(ge=0)
    present: int = Field(ge=0)

    @model_validator(mode="after")
    def _present_le_expected(self) -> Attendance:
        if self.present > self.expected:
            raise ValueError(f"实到人数 {self.present} 大于应到人数 {self.expected}")
        return self


class Adjustment(Strict):
    """A bonus or deduction for one member or group at an activity (`adjust:`).

    `points` may be left out when the rulebook's point_lists give the reason's points."""

    who: NonEmpty
    points: int | float | None = None
    reason: NonEmpty


class ActivityMeta(Strict):
    """The YAML front matter of an activity file."""

    date: dt.date
    type: NonEmpty
    title: NonEmpty
    group: Text | None = None
    attendance: Attendance | None = None
    participants: tuple[NonEmpty, ...] = ()
    photos: tuple[RelPath, ...] = ()
    points: int | float | None = None
    adjust: tuple[Adjustment, ...] = ()
    tags: tuple[NonEmpty, ...] = ()
    reflections: tuple[Reflection, ...] = ()  # 活动感悟, by member


class Activity(ActivityMeta):
    """An activity: its front matter plus id (file stem), Markdown body and source line map."""

    id: str
    body: str = ""
    source: str = Field("", exclude=True)

    @property
    def attendance_rate(self) -> float | None:
        a = self.attendance
        if a is None or a.expected == 0:
            return None
        return a.present / a.expected


class Attestation(Strict):
    """A reviewer's word on an attested item; `na` marks it 不适用 with a public reason."""

    pass_: bool | None = Field(None, alias="pass")
    by: Text = ""
    note: Text = ""
    evidence: tuple[RelPath, ...] = ()
    na: bool = False
    reason: Text = ""
    until: dt.date | None = None

    model_config = Strict.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _one_verdict(self) -> Attestation:
        """Either a verdict (pass, with by / note / evidence) or 不适用 (na, with reason and
        until): "anything else in assessment.yml is a check error" (DATA-FORMAT, rating)."""
        if self.na and self.pass_ is not None:
            raise ValueError(
                "pass 与 na: true 不能同时填写：评定通过或不通过写 pass，不适用写 na: true 与 reason"
            )
        if self.na and not self.reason:
            raise ValueError("不适用（na: true）必须填写 reason")
        if not self.na and self.pass_ is None:
            raise ValueError("必须填写 pass: true/false，或 na: true")
        if not self.na and self.until is not None:
            raise ValueError("until 只用于不适用（na: true）：写明不适用到哪一天")
        if not self.na and self.reason:
            raise ValueError("reason 只用于不适用（na: true）；评定通过或不通过的说明请写在 note")
        return self


class Veto(Strict):
    """一票否决: when triggered, no star whatever else passes."""

    triggered: bool = False
    reason: Text = ""
    by: Text = ""

    @model_validator(mode="after")
    def _triggered_needs_reason(self) -> Veto:
        if self.triggered and not self.reason:
            raise ValueError("一票否决（triggered: true）必须填写 reason")
        return self


class YearAssessment(Strict):
    items: dict[str, Attestation] = {}
    veto: Veto = Veto()


class Assessment(Strict):
    years: dict[int, YearAssessment] = {}

    def year(self, year: int) -> YearAssessment:
        return self.years.get(year, YearAssessment())
