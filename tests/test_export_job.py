"""The site's downloads made in a new interpreter from the loader's and scorer's caches (no
activities decoded) are byte for byte those made from the loaded project."""

from __future__ import annotations

import datetime as dt
import gc
import pickle
from pathlib import Path

from generator.bench_data import write_site
from generator.load.project import load_project
from generator.render.exports import export_job, write_exports
from generator.score.cache import ScoreCache
from generator.score.results import BranchResult
from generator.score.scoring import score_project
from tests.sitefiles import unzip_json

AS_OF = dt.date(2024, 9, 30)
NAMES = {"json": "results.json.zip", "csv": "results.csv", "xlsx": "results.xlsx"}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _unpublish(root: Path, bid: str) -> None:
    yml = root / "branches" / bid / "branch.yml"
    text = yml.read_text(encoding="utf-8")
    assert "publish: true" in text
    yml.write_text(text.replace("publish: true", "publish: false"), encoding="utf-8")


def _scored(tmp_path: Path, n: int, unpublished: str = ""):  # type: ignore[no-untyped-def]
    """n generated branches loaded and scored, both through their caches (as a build does)."""
    root = tmp_path / "src"
    write_site(root, n, 0)
    if unpublished:
        _unpublish(root, unpublished)
    branch_cache, score_cache = tmp_path / "c" / "branches", tmp_path / "c" / "scores"
    project = load_project(root, root / "branches", cache_dir=branch_cache)
    results = score_project(project, None, AS_OF, ScoreCache(score_cache))
    return project, results, branch_cache, score_cache


def test_job_from_the_caches_writes_what_the_loaded_data_writes(tmp_path: Path) -> None:
    # the site's exports hold published branches only
    project, results, branch_cache, score_cache = _scored(tmp_path, 4, unpublished="zb0002")
    names = NAMES

    direct = tmp_path / "direct"
    write_exports(results, project, {f: direct / "k" / n for f, n in names.items()}, direct)
    cached = tmp_path / "cached"
    paths = {f: cached / "k" / n for f, n in names.items()}
    job = export_job(results, project, branch_cache, score_cache, paths, cached)
    assert job is not None
    job = pickle.loads(pickle.dumps(job))  # as a new interpreter gets it
    assert len(pickle.dumps(job)) < 64 * 1024  # file names and the rulebook, not the data
    job.run()
    made = _files(cached / "k")
    assert set(made) == set(names.values())
    assert made == _files(direct / "k")
    doc = unzip_json(cached / "k" / "results.json.zip")
    assert b'"star"' in doc and len(made["results.xlsx"]) > 5000
    assert b"zb0003" in doc and b"zb0002" not in doc

    # a result missing from its cache: no job (the exports are made from the loaded data)
    some = next(iter(project.branches))
    key = ScoreCache.key(project.keys[some.id], results.year, results.as_of)
    (score_cache / f"{key}.json").unlink()
    assert export_job(results, project, branch_cache, score_cache, paths, cached) is None


def test_job_holds_one_branch_at_a_time(tmp_path: Path, monkeypatch) -> None:
    """The job decodes each branch's result when its turn comes and lets it go after: at a
    thousand branches, holding them all was ~100 MB of the build's peak."""
    project, results, branch_cache, score_cache = _scored(tmp_path, 12)
    out = tmp_path / "out"
    paths = {f: out / "k" / n for f, n in NAMES.items()}
    job = export_job(results, project, branch_cache, score_cache, paths, out)
    assert job is not None
    job = pickle.loads(pickle.dumps(job))
    del project, results
    gc.collect()

    def results_alive() -> int:  # other tests' results may be alive too: counted before
        gc.collect()
        return sum(isinstance(o, BranchResult) for o in gc.get_objects())

    before, alive = results_alive(), []
    get = ScoreCache.get

    def counting(self: ScoreCache, key: str):  # type: ignore[no-untyped-def]
        alive.append(results_alive() - before)
        return get(self, key)

    monkeypatch.setattr(ScoreCache, "get", counting)
    job.run()
    assert len(alive) == 2 * 12  # two passes: the JSON and CSV, then the workbook
    assert max(alive) <= 1, alive  # at most the one before, on its way out
