"""Branch results cached between builds: equal to fresh scoring, keyed by content, never trusted blindly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.bench_data import write_site
from generator.load.project import load_project
from generator.options import cache_dir
from generator.score import score_project
from generator.score.cache import ScoreCache, decode, encode

AS_OF = dt.date(2025, 3, 10)


@pytest.fixture
def project_root(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    write_site(root, 3, 1)
    return root


def _load(root: Path):
    return load_project(root, root / "branches", None, cache_dir(root, "branches"))


def test_cached_results_equal_fresh_ones_and_an_edit_rescores_only_its_branch(
    project_root: Path,
) -> None:
    project = _load(project_root)
    fresh = score_project(project, 2024, AS_OF)
    cache = ScoreCache(cache_dir(project_root, "scores"))
    assert score_project(project, 2024, AS_OF, cache) == fresh and cache.hits == 0
    again = ScoreCache(cache.folder)
    assert score_project(project, 2024, AS_OF, again) == fresh and again.hits == 3
    # every kind of value survives the round trip with its type (a Fraction stays one)
    for r in fresh.branches.values():
        back = decode(json.dumps(encode(r)))
        assert back == r
        values = [i.value for c in r.history for i in c.items]
        assert [type(v) for v in values] == [type(i.value) for c in back.history for i in c.items]

    # a 支委会 of zb0001 is deleted: only that branch is scored again, and its result follows
    sorted((project_root / "branches" / "zb0001" / "activities").glob("*zhiweihui.md"))[3].unlink()
    edited = _load(project_root)
    third = ScoreCache(cache.folder)
    result = score_project(edited, 2024, AS_OF, third)
    assert third.hits == 2
    assert result == score_project(edited, 2024, AS_OF)
    assert result.branches["zb0001"] != fresh.branches["zb0001"]

    # another as_of is another result
    other = ScoreCache(cache.folder)
    score_project(edited, 2024, dt.date(2025, 6, 1), other)
    assert other.hits == 0


def test_a_damaged_or_foreign_entry_is_a_miss_not_a_result(project_root: Path) -> None:
    project = _load(project_root)
    cache = ScoreCache(cache_dir(project_root, "scores"))
    fresh = score_project(project, 2024, AS_OF, cache)
    entries = sorted(cache.folder.glob("*.json"))
    assert len(entries) == 3
    entries[0].write_text("{not json", encoding="utf-8")
    # a class outside the result types (e.g. one that could do something on construction)
    entries[1].write_text(json.dumps({"#Path": ["/"]}), encoding="utf-8")
    # a result type with fields that are not its own
    entries[2].write_text(json.dumps({"#BranchResult": ["zb", {"#t": [1, 2]}]}), encoding="utf-8")
    again = ScoreCache(cache.folder)
    assert score_project(project, 2024, AS_OF, again) == fresh
    assert again.hits == 0


def test_prune_keeps_only_what_the_build_used(project_root: Path) -> None:
    project = _load(project_root)
    cache = ScoreCache(cache_dir(project_root, "scores"))
    score_project(project, 2024, AS_OF, cache)
    later = ScoreCache(cache.folder)
    score_project(project, 2024, dt.date(2025, 4, 1), later)
    later.prune()
    assert len(list(cache.folder.glob("*.json"))) == 3
    assert {p.stem for p in cache.folder.glob("*.json")} == later.used
