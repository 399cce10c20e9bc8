"""Shared model settings: unknown keys are errors, instances are immutable."""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

BRANCH_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
GROUP_ID = re.compile(r"[a-z0-9-]+")
# Ids become folder and file names in the site; a file system refuses names past 255 bytes,
# and no officer types an id this long on purpose.
MAX_ID_LENGTH = 64
# Years an officer means; -5 or 99999 would otherwise reach date arithmetic and crash a build.
MIN_YEAR, MAX_YEAR = 1900, 2999


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation may hold (through Optional, unions, tuples, lists, dicts)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):  # () for anything not generic nor a union
        found += models_in(arg)
    return found


class Strict(BaseModel):
    """Base of every input model: `extra="forbid"` so a typo is an error, frozen data."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _dates_in_range(cls, value: Any) -> Any:
        """Every date field, however written (a quoted "9999-12-31" bypasses the YAML reader's
        check): later date arithmetic (a term's end, the next year's 1 January) must not fail."""
        if isinstance(value, dt.date) and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise ValueError(
                f"日期 {value.isoformat()} 超出范围（应在 {MIN_YEAR}–{MAX_YEAR} 年之间）"
            )
        return value


Text = Annotated[str, StringConstraints(strip_whitespace=True)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# A Windows-style path (photos\\wu.jpg, as Explorer copies it) means the same file: `check`
# (load/refs.safe_photo) and the build must read it the same way.
RelPath = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(lambda path: path.replace("\\", "/")),
]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
