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


def _texts(obj, out: list[str]) -> list[str]:
    """Every str in a result tree: fields of the records, dict keys and values, tuple items."""
    if type(obj) is str:
        out.append(obj)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            _texts(k, out)
            _texts(v, out)
    elif isinstance(obj, tuple | list):
        for v in obj:
            _texts(v, out)
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            _texts(getattr(obj, f.name), out)
    return out


@pytest.mark.parametrize("decoded", [False, True])
def test_equal_texts_in_results_are_one_object(tmp_path: Path, decoded: bool) -> None:
    """Thresholds, labels, explanations, periods repeat across branches: one copy each, as
    scored and as decoded from the score cache (they were ~60 MB of copies at 1000)."""
    from generator.score.cache import ScoreCache

    root = tmp_path / "src"
    write_site(root, 4, 0)
    project = load_project(root, root / "branches", cache_dir=tmp_path / "cache" / "branches")
    as_of = dt.date(2025, 1, 15)
    cache = ScoreCache(tmp_path / "cache" / "scores") if decoded else None
    results = score_project(project, 2024, as_of, cache)
    if decoded:
        results = score_project(project, 2024, as_of, cache)  # every branch from the cache
    copies: dict[str, set[int]] = {}  # text -> its objects, over every branch
    most: dict[str, int] = {}  # text -> the most objects it has within one branch
    branches: dict[str, int] = {}  # text -> in how many branches
    for r in results.branches.values():
        mine: dict[str, set[int]] = {}
        for t in _texts(r, []):
            mine.setdefault(t, set()).add(id(t))
        for t, ids in mine.items():
            copies.setdefault(t, set()).update(ids)
            most[t] = max(most.get(t, 0), len(ids))
            branches[t] = branches.get(t, 0) + 1
    repeated = [t for t, n in branches.items() if len(t) > 1 and n > 1]
    assert len(repeated) > 50  # the data does repeat across branches: the test means something
    grown = [t for t in repeated if len(copies[t]) > most[t]]
    assert not grown, grown[:5]  # no text has more copies because there are more branches
