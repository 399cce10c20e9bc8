"""Shared model settings: unknown keys are errors, instances are immutable."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

BRANCH_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
GROUP_ID = re.compile(r"[a-z0-9-]+")
# Ids become folder and file names in the site; a file system refuses names past 255 bytes,
# and no officer types an id this long on purpose.
MAX_ID_LENGTH = 64


class Strict(BaseModel):
    """Base of every input model: `extra="forbid"` so a typo is an error, frozen data."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Text = Annotated[str, StringConstraints(strip_whitespace=True)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
RelPath = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
