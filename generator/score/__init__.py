"""Score stage: pure functions from loaded data and a rulebook to results (no I/O, no MkDocs).

The package's names are loaded on first use: the rule registry (generator/rules/) imports
the score modules it builds on (context, periods, results), and `scoring` imports the rules,
so an eager import here would be circular.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "default_as_of",
    "default_year",
    "history",
    "history_years",
    "score_branch",
    "score_project",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("generator.score.scoring"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
