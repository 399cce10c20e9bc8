"""A cold load reads branch folders on every core: same branches, same errors, same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import parallel as parallel_mod
from generator.bench_data import write_site
from generator.load import project as project_mod
from generator.load.project import load_project
from generator.problems import InputError


def _load(root: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool):
    monkeypatch.setattr(project_mod, "PARALLEL_FROM", 2 if parallel else 10**9)
    monkeypatch.setattr(parallel_mod, "cores", lambda: 2)
    try:
        return load_project(root, root / "branches"), None
    except InputError as exc:
        return None, exc.report()


def _count_pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker count of each process pool the loader starts, as it starts them."""
    pools: list[int] = []
    real_pool = parallel_mod.worker_pool

    def counting_pool(workers, *args, **kwargs):  # type: ignore[no-untyped-def]
        pools.append(workers)
        return real_pool(workers, *args, **kwargs)

    monkeypatch.setattr(parallel_mod, "worker_pool", counting_pool)
    return pools


def test_parallel_load_equals_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "src"
    write_site(root, 9, 1)
    pools = _count_pools(monkeypatch)
    together, _ = _load(root, monkeypatch, parallel=True)
    alone, _ = _load(root, monkeypatch, parallel=False)
    assert together is not None and alone is not None
    assert together.branches == alone.branches
    assert [b.id for b in together.branches] == [f"zb{i:04d}" for i in range(9)]
    assert pools == [2]  # the first load used two worker processes, the second none

    # broken folders: the same report, in the same order, either way
    (root / "branches" / "zb0002" / "branch.yml").write_text("name: [未闭合\n", encoding="utf-8")
    act = sorted((root / "branches" / "zb0006" / "activities").glob("*.md"))[0]
    act.write_text(act.read_text(encoding="utf-8").replace("date:", "date: 2024-13-45\nx:", 1))
    _, report_together = _load(root, monkeypatch, parallel=True)
    _, report_alone = _load(root, monkeypatch, parallel=False)
    assert report_together is not None and report_together == report_alone
    assert "zb0002/branch.yml" in report_together and "zb0006/activities" in report_together


def test_folder_keys_made_on_every_core_equal_one_by_one_and_are_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cold keying (every file hashed) runs in worker processes; the digests they used
    come back to the parent, so the next build knows each file by its stat."""
    from generator.load.cache import FileDigests

    root = tmp_path / "src"
    write_site(root, 9, 1)
    folders = sorted(p for p in (root / "branches").iterdir() if p.is_dir())
    monkeypatch.setattr(parallel_mod, "cores", lambda: 2)
    pools = _count_pools(monkeypatch)
    monkeypatch.setattr(project_mod, "PARALLEL_FROM", 10**9)
    alone_digests = FileDigests(None)
    alone = project_mod._keys(folders, b"rulebook", alone_digests)
    monkeypatch.setattr(project_mod, "PARALLEL_FROM", 2)
    together_digests = FileDigests(None)
    together = project_mod._keys(folders, b"rulebook", together_digests)
    assert pools == [2]
    assert together == alone and len(set(together)) == len(folders)
    assert together_digests.used == alone_digests.used
    assert len(together_digests.used) > 10 * len(folders)  # every file of every folder
