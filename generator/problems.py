"""Problems found in user input, reported all together with file and line."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


def shown_path(path: Path, root: Path) -> str:
    """A path as a problem names it: relative to the project root, forward slashes (as it
    is when it lies outside the project)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located for a person to fix it."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.message}"
            if self.line
            else f"{self.file}: {self.message}"
        )


# Heads the message of a build stopped by bad input (the report follows, one problem a line).
INPUT_ERROR_HEAD = "输入数据有误:"


class InputError(Exception):
    """Raised with every problem of a run; the CLI prints them and exits 1, no traceback."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"共 {len(self.problems)} 处错误。")
        return "\n".join(lines)

    def as_json(self) -> str:
        return json.dumps(
            {"ok": False, "errors": [asdict(p) for p in self.problems]},
            ensure_ascii=False,
            indent=2,
        )


class Collector:
    """Accumulates problems so one run reports them all, sorted by file and line."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


def shown(value: Any) -> str:
    """A value as the user wrote it in YAML, for messages: "2024" (quoted text), true, 2024,
    [1, 2], 2025-03-05 10:00 — never Python's repr (None, True, datetime.datetime(…))."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "空值"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (dt.date, int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)
