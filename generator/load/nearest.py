""" "Did you mean" for names, ids and activity types: the closest known spelling, if any."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, known: Iterable[str]) -> str | None:
    """The known value closest to `word` (a typo, a missing or extra character), or None."""
    choices = [k for k in dict.fromkeys(known) if k]
    if not word or not choices:
        return None
    # Chinese names are 2–4 characters: one wrong character is a ratio of 0.5–0.75.
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return found[0] if found else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """`（是否应为 "王强"？）` or an empty string."""
    found = nearest(word, known)
    return f'（是否应为 "{found}"？）' if found else ""
