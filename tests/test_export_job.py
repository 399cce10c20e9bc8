"""The site's downloads made in a new interpreter from the loader's and scorer's caches (no
activities decoded) are byte for byte those made from the loaded project."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

from generator.bench_data import write_site
from generator.load.project import load_project
from generator.render.exports import export_job, write_exports
from generator.score.cache import ScoreCache
from generator.score.scoring import score_project

AS_OF = dt.date(2024, 9, 30)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_job_from_the_caches_writes_what_the_loaded_data_writes(tmp_path: Path) -> None:
    root = tmp_path / "src"
    write_site(root, 4, 0)
    branch_cache, score_cache = tmp_path / "c" / "branches", tmp_path / "c" / "scores"
    project = load_project(root, root / "branches", cache_dir=branch_cache)
    results = score_project(project, None, AS_OF, ScoreCache(score_cache))
    names = {"json": "results.json", "csv": "results.csv", "xlsx": "results.xlsx"}

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
    assert b'"star"' in made["results.json"] and len(made["results.xlsx"]) > 5000

    # a result missing from its cache: no job (the exports are made from the loaded data)
    some = next(iter(project.branches))
    key = ScoreCache.key(project.keys[some.id], results.year, results.as_of)
    (score_cache / f"{key}.json").unlink()
    assert export_job(results, project, branch_cache, score_cache, paths, cached) is None
