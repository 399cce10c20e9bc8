"""Loaded data held lean: pydantic's per-instance field sets shared (models/sharing.py), result
records without a __dict__ each (slots). Both matter at a thousand branches: ~110 MB and ~45 MB
of a build's memory, and a forked child's copy of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import pytest

from generator.bench_data import write_site
from generator.load.project import load_project
from generator.models.sharing import share_field_sets
from generator.score import results as R
from generator.score.scoring import score_project


def _set_bytes(project) -> int:
    """Bytes of distinct field-set objects over every activity and member of the project."""
    sets = {
        id(m.__pydantic_fields_set__): sys.getsizeof(m.__pydantic_fields_set__)
        for b in project.branches
        for m in (*b.activities, *b.members, *(a.attendance for a in b.activities if a.attendance))
    }
    return sum(sets.values())


@pytest.mark.parametrize("cached", [False, True])
def test_loaded_branches_share_their_field_sets(tmp_path: Path, cached: bool) -> None:
    root = tmp_path / "src"
    write_site(root, 3, 0)
    cache = tmp_path / "cache" / "branches"
    if cached:
        load_project(root, root / "branches", cache_dir=cache)  # fills the cache
    project = load_project(root, root / "branches", cache_dir=cache)
    first, second = project.branches[0], project.branches[2]
    a, b = first.activities[0], second.activities[-1]
    assert a.__pydantic_fields_set__ == b.__pydantic_fields_set__
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__  # one object, all branches
    # equal sets are one object, whatever branch or class of record
    every = [
        m.__pydantic_fields_set__
        for br in project.branches
        for m in (*br.activities, *br.members, *br.groups, br.profile)
    ]
    assert len({id(s) for s in every}) == len({frozenset(s) for s in every}) < 12
    # a few sets for hundreds of instances
    instances = sum(len(br.activities) + len(br.members) for br in project.branches)
    assert instances > 200
    assert _set_bytes(project) < 20 * 1024

    # a copy with a change gets a set of its own; the shared one is left as it was
    before = set(a.__pydantic_fields_set__)
    changed = a.model_copy(update={"title": "改过的标题"})
    assert changed.title == "改过的标题" and a.title != "改过的标题"
    assert a.__pydantic_fields_set__ == before
    assert changed.__pydantic_fields_set__ is not a.__pydantic_fields_set__
    with pytest.raises(Exception, match="frozen"):
        a.title = "不可改"  # frozen: pydantic never adds to a shared set in place


def test_sharing_keeps_sets_of_different_classes_or_fields_apart(tmp_path: Path) -> None:
    root = tmp_path / "src"
    write_site(root, 1, 0)
    branch = load_project(root, root / "branches").branches[0]
    act = branch.activities[0]
    fewer = type(act).model_validate(
        {"date": act.date, "type": act.type, "title": "只有必填项", "id": "x"}
    )
    shared: dict = {}
    share_field_sets(fewer, shared)
    share_field_sets(branch, shared)
    assert fewer.__pydantic_fields_set__ == {"date", "type", "title", "id"}
    assert act.__pydantic_fields_set__ != fewer.__pydantic_fields_set__
    assert branch.members[0].__pydantic_fields_set__ is not act.__pydantic_fields_set__


def test_results_are_slotted_and_equal_to_themselves_after_replace(tmp_path: Path) -> None:
    root = tmp_path / "src"
    write_site(root, 2, 0)
    project = load_project(root, root / "branches")
    results = score_project(project, 2024, dt.date(2024, 12, 31))
    r = results.branches[project.branches[0].id]
    for cls in (R.Evidence, R.ItemResult, R.ItemProgress, R.BranchResult, R.MemberScore):
        assert "__slots__" in cls.__dict__, cls
    item = r.scorecard.items[0]
    assert not hasattr(item, "__dict__")  # no per-record dict
    ranked = r.wuli.members if r.wuli else ()
    assert ranked and all(m.rank >= 1 for m in ranked)
    assert dataclasses.replace(item, id=item.id) == item
