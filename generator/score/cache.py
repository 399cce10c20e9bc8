"""Branch results kept between builds, keyed by everything that made them.

`score_branch` is a pure function of the branch, the rulebook, the year and as_of. The
loader's content key of a branch already covers its files and the rulebook; with the year,
as_of and the scoring code it names one result exactly. An edit in one branch of a thousand
then scores one branch, not a thousand.

Stored as JSON with tags for the few non-JSON types (JSON, not pickle: a cache file cannot
run code). Decoding builds only the result dataclasses listed here; anything else in a file
makes it a miss and the branch is scored afresh.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from sys import intern
from typing import Any

from generator.score import results as R
from generator.writes import drop_unused, write_bytes

_PACKAGE = Path(__file__).resolve().parent.parent
_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        R.Evidence,
        R.ItemResult,
        R.CategoryCount,
        R.Scorecard,
        R.Warning_,
        R.PointsTable,
        R.CommitmentSummary,
        R.BranchResult,
        R.ItemProgress,
        R.Progress,
        R.MemberScore,
        R.GroupScore,
        R.WuliResult,
    )
}
_FORMAT = 2  # 2: dataclasses by position


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Scoring code and the models it reads: a change to either re-scores every branch."""
    h = hashlib.sha256(f"format {_FORMAT}".encode())
    for sub in ("score", "rules", "models", "load", "standards"):
        for path in sorted((_PACKAGE / sub).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
                h.update(path.read_bytes())
    return h.hexdigest()


_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _CLASSES.values()}


def encode(obj: Any) -> Any:
    """A result as JSON-able data. Tags start with "#", which no field name can: tuples,
    dates, fractions, dicts (as pairs, so no user key is ever read as a tag), dataclasses
    ("#ItemResult": their fields in order; the scoring code, fields included, is in the key).

    The common types by identity first: a cold build of a thousand branches encodes ~570,000
    result objects, and the isinstance ladder below took as long as the scoring itself."""
    t = type(obj)
    if t is str or t is int or t is float or t is bool or obj is None:
        return obj
    if t is tuple:
        return {"#t": [encode(v) for v in obj]}
    if t is list:
        return [encode(v) for v in obj]
    names = _FIELDS.get(t)
    if names is not None:
        # Fields by position, without their names: a warm build of a thousand branches
        # decodes ~570,000 of these, and JSON's time goes by the tokens it reads.
        return {"#" + t.__name__: [encode(getattr(obj, n)) for n in names]}
    return _encode_other(obj)


def _encode_other(obj: Any) -> Any:
    """Everything else encode() accepts, subclasses included."""
    if isinstance(obj, bool | int | float | str):
        return obj
    if isinstance(obj, Fraction):
        return {"#f": [obj.numerator, obj.denominator]}
    if isinstance(obj, dt.date):
        return {"#d": obj.isoformat()}
    if isinstance(obj, tuple):
        return {"#t": [encode(v) for v in obj]}
    if isinstance(obj, list):
        return [encode(v) for v in obj]
    if isinstance(obj, dict):
        return {"#m": [[encode(k), encode(v)] for k, v in obj.items()]}
    if dataclasses.is_dataclass(obj) and type(obj).__name__ in _CLASSES:
        fields = [encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)]
        return {"#" + type(obj).__name__: fields}
    raise TypeError(f"cannot cache {type(obj).__name__}")


_BY_TAG = {"#" + name: cls for name, cls in _CLASSES.items()}


def _hook(d: dict[str, Any]) -> Any:
    """json's object_hook: called innermost first, so values arrive decoded. Called ~570,000
    times in a warm build of a thousand branches: the tag is looked up whole, once."""
    if len(d) == 1:
        for tag, value in d.items():
            cls = _BY_TAG.get(tag)
            if cls is not None:
                # Rule texts, thresholds and labels repeat in every branch and year: one copy
                # each (a thousand decoded branches would otherwise hold a thousand rulebooks).
                return cls(*[intern(v) if type(v) is str else v for v in value])
            # keys and tuples of text too: periods ("2024-03"), 五力 names, member names
            if tag == "#t":
                if value and type(value[0]) is str:
                    return tuple([intern(v) if type(v) is str else v for v in value])
                return tuple(value)
            if tag == "#m":
                return {
                    (tuple(k) if type(k) is list else intern(k) if type(k) is str else k): v
                    for k, v in value
                }
            if tag == "#f":
                return Fraction(value[0], value[1])
            if tag == "#d":
                return dt.date.fromisoformat(value)
    raise ValueError("not a cached result")


def decode(text: str | bytes) -> Any:
    return json.loads(text, object_hook=_hook)


class ScoreCache:
    """`.cache/showcase/scores/<key>.json`; entries this build did not use are dropped by prune."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()
        self.hits = 0

    @staticmethod
    def key(branch_key: str, year: int, as_of: dt.date) -> str:
        raw = f"{code_digest()}\0{branch_key}\0{year}\0{as_of.isoformat()}"
        return hashlib.sha256(raw.encode()).hexdigest()[:40]

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> R.BranchResult | None:
        self.used.add(key)
        try:
            found = decode(self._path(key).read_bytes())
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not isinstance(found, R.BranchResult):
            return None
        if found.history and found.history[-1] is None:
            # the year's scorecard closes its history: stored once (see put)
            history = (*found.history[:-1], found.scorecard)
            found = dataclasses.replace(found, history=history)
        self.hits += 1
        return found

    def put(self, key: str, result: R.BranchResult) -> None:
        self.used.add(key)
        if result.history and result.history[-1] is result.scorecard:
            # the largest part of a result, twice: keep one, mark its place with null
            result = dataclasses.replace(result, history=(*result.history[:-1], None))
        data = json.dumps(encode(result), ensure_ascii=False).encode("utf-8")
        with contextlib.suppress(OSError):  # a read-only project still builds, without the cache
            self.folder.mkdir(parents=True, exist_ok=True)
            write_bytes(self._path(key), data)

    def prune(self) -> None:
        """Keep the entries this build used (the cache stays one site big)."""
        drop_unused(self.folder, "*.json", self.used)
