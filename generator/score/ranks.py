"""Places in a ranking: rank 1 for the best, equal scores share a place (1, 1, 3)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence


def shared_ranks(scores: Sequence[Hashable]) -> list[int]:
    """The place of each score in a list already sorted best first: a tie shares the place
    of its first holder, and the next score's place counts everyone above it."""
    ranks: list[int] = []
    for i, score in enumerate(scores):
        ranks.append(ranks[-1] if i and score == scores[i - 1] else i + 1)
    return ranks
