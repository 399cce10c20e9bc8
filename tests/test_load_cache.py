"""The branch cache (load/cache.py): a hit gives exactly what a fresh load gives, any change
to a folder misses, problems are always found afresh, and nothing private is stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from conftest import DATA, overlay, run_cli
from generator.load.cache import BranchCache, branch_key
from generator.load.project import load_project
from generator.load.standard import DEFAULT_STANDARD
from generator.models import Branch
from generator.problems import InputError

DUMP = TypeAdapter(Branch)


def load(site: Path, cache: Path | None):
    return load_project(site, site / "branches", None, cache)


def dumped(project) -> list[bytes]:
    return [DUMP.dump_json(b, by_alias=True) for b in project.branches]


def test_a_hit_equals_a_fresh_load(good_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = load(good_site, None)
    first = load(good_site, cache)
    assert len(list(cache.glob("*.json"))) == len(fresh.branches)
    hit = load(good_site, cache)
    assert dumped(hit) == dumped(fresh) == dumped(first)
    # the hit really came from the cache: its activities lack the loader-only source path
    assert all(a.source == "" for b in hit.branches for a in b.activities)


def test_any_change_to_the_folder_misses(good_site: Path, tmp_path: Path) -> None:
    folder = good_site / "branches" / "demo"
    std = DEFAULT_STANDARD.read_bytes()
    keys = {branch_key(folder, std)}
    profile = folder / "branch.yml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("以质立身", "以质取胜"), encoding="utf-8"
    )
    keys.add(branch_key(folder, std))
    (folder / "photos" / "notes.txt").write_text("x", encoding="utf-8")
    keys.add(branch_key(folder, std))
    photo = next((folder / "photos").iterdir())
    photo.write_bytes(photo.read_bytes() + b"\0")
    keys.add(branch_key(folder, std))
    keys.add(branch_key(folder, std + b"\n# another rulebook"))
    assert len(keys) == 5
    cache = tmp_path / "cache"
    load(good_site, cache)
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("以质取胜", "以质图强"), encoding="utf-8"
    )
    assert (
        "以质图强".encode() in dumped(load(good_site, cache))[0]
    )  # the edit is seen, not the cached state


def test_a_symlink_in_place_of_a_file_misses(good_site: Path, tmp_path: Path) -> None:
    folder = good_site / "branches" / "demo"
    std = DEFAULT_STANDARD.read_bytes()
    photo = next((folder / "photos").iterdir())
    before = branch_key(folder, std)
    outside = tmp_path / "outside.jpg"
    shutil.copy(photo, outside)  # same bytes, but now behind a link out of the folder
    photo.unlink()
    photo.symlink_to(outside)
    assert branch_key(folder, std) != before
    with pytest.raises(InputError) as exc:
        load(good_site, tmp_path / "cache")
    assert "指向支部目录之外" in exc.value.report()


def test_problems_after_a_clean_cached_build_are_still_reported(good_site: Path) -> None:
    assert run_cli("build", str(good_site))[0] == 0
    assert list((good_site / ".cache/showcase/branches").glob("*.json"))
    overlay(good_site, DATA / "broken" / "dangling_group")
    code, out, err = run_cli("check", str(good_site))
    assert code == 1
    expected = (
        (DATA / "broken" / "dangling_group" / "expect.txt").read_text(encoding="utf-8").strip()
    )
    assert expected in out + err


def test_a_corrupt_entry_is_ignored(good_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = load(good_site, cache)
    for entry in cache.glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert dumped(load(good_site, cache)) == dumped(fresh)


def test_entries_of_old_folder_states_are_pruned(good_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load(good_site, cache)
    old = {p.name for p in cache.glob("*.json")}
    profile = good_site / "branches" / "demo" / "branch.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n# 修改\n", encoding="utf-8")
    load(good_site, cache)
    now = {p.name for p in cache.glob("*.json")}
    assert len(now) == len(old) and not (now & old)


def test_private_data_is_never_cached(good_site: Path) -> None:
    assert run_cli("build", str(good_site))[0] == 0
    for entry in (good_site / ".cache").rglob("*"):
        if entry.is_file():
            data = entry.read_bytes()
            assert b"SECRET-ID-0001" not in data and b"13800000000" not in data, entry


def test_unwritable_cache_still_builds(good_site: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("", encoding="utf-8")
    cache = BranchCache(blocker / "cache")  # mkdir fails: not a directory
    project = load(good_site, None)
    cache.put("k", project.branches[0])  # must not raise
    assert cache.get("k") is None
