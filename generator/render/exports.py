"""The site's results downloads (results.json.zip, .csv, .xlsx), written beside page rendering.

The JSON is offered zipped: it repeats the rulebook's wording in every branch (the export's
documented fields), ~72 KiB a branch, and deflate takes it to ~9 KiB — the site's largest
single saving. The file inside holds what `showcase export --format json` writes, unindented.

`write_exports` makes the three files from loaded results. At a thousand branches it runs in
a background child (render/background.py) for ~25 s. A child forked from the build would keep
a copy of every memory page the build writes meanwhile (~350 MB), so when every branch and
its result are in the loader's and the scorer's caches (they are, after any clean load), the
child is a new interpreter given an `ExportJob`: the cache files to decode, nothing else.
It decodes one branch and its result at a time, as the files are written (~65 MB at a
thousand branches, against ~180 MB holding them all).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import shutil
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

import generator.export
from generator.excel import results_book
from generator.export import Pair, csv_bytes, json_chunks, published, summary_sheet, to_xlsx
from generator.load.cache import BranchCache
from generator.load.project import Project
from generator.models import Standard
from generator.render.pagecache import link_or_copy
from generator.score.cache import ScoreCache
from generator.score.results import Results
from generator.writes import replacing, write_bytes


def export_code() -> bytes:
    """What writes the files: the export code and the workbook writer's version."""
    code = b"".join(Path(m.__file__ or "").read_bytes() for m in (generator.export, results_book))
    return code + metadata.version("xlsxwriter").encode()


def write_exports(
    results: Results,
    project: Project,
    paths: dict[str, Path],
    folder: Path,
    pairs: Callable[[], Iterable[Pair]] | None = None,
) -> None:
    """The three files at `paths`; the workbook kept in `folder` by what it is made from.
    `pairs`: a new pass over the published branches and their results, in id order, each
    call (an ExportJob decodes them from the caches as they are written); without it, those
    of `results` and `project`."""
    # Most edits (an activity's text) change no figure: the workbook made from the same JSON
    # and CSV is taken again instead of writing ~180,000 rows. The JSON (~70 KB a branch) is
    # written as it is made, never held whole; the CSV's rows (one a branch) are made in the
    # same pass.
    summary = summary_sheet(results, project)
    csv_rows = [summary.head]

    def tapped() -> Iterator[Pair]:
        for b, r in pairs() if pairs else published(results, project):
            csv_rows.extend(summary.rows(b, r))
            yield b, r

    same = hashlib.sha256()
    paths["json"].parent.mkdir(parents=True, exist_ok=True)
    with replacing(paths["json"]) as tmp, _zipped(tmp, JSON_NAME, results) as out:
        for chunk in json_chunks(results, project, pairs=tapped()):
            same.update(chunk)
            out.write(chunk)
    csv = csv_bytes(csv_rows)
    same.update(csv)
    write_bytes(paths["csv"], csv)
    same.update(export_code())
    workbook = folder / f"xlsx-{same.hexdigest()[:32]}.xlsx"
    if not workbook.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes(workbook, to_xlsx(results, project, pairs=pairs() if pairs else None))
    link_or_copy(workbook, paths["xlsx"])
    keep = {next(iter(paths.values())).parent, workbook}
    for old in folder.iterdir():  # the cache stays one site big
        if old not in keep:
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)


JSON_NAME = "results.json"  # the file inside the site's results.json.zip


@contextlib.contextmanager
def _zipped(path: Path, name: str, results: Results) -> Iterator[BinaryIO]:
    """A stream into `name`, the one file of a new zip archive at `path`. Dated the rating's
    as_of, so the same data gives the same bytes (zipfile would stamp the clock)."""
    day = max(results.as_of, dt.date(1980, 1, 1))  # the earliest date a zip entry can hold
    info = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with zipfile.ZipFile(path, "w") as archive, archive.open(info, "w", force_zip64=True) as out:
        yield out


@dataclass(frozen=True)
class ExportJob:
    """Everything a new interpreter needs to write the exports: small, picklable."""

    root: Path
    standard: Standard
    head: Results  # the results' rulebook, year and as_of, without branches
    branch_cache: Path
    score_cache: Path
    keys: tuple[tuple[str, str, str], ...]  # (branch id, loaded-branch key, result key), by id
    paths: dict[str, Path]
    folder: Path

    def run(self) -> None:
        """`write_exports`, a branch at a time: each branch and its result decoded from the
        caches when its turn comes and let go after (at a thousand branches ~100 MB held
        all at once). The JSON and CSV take one pass, the workbook (when not reused) another."""
        project = Project(root=self.root, standard=self.standard, branches=())
        write_exports(self.head, project, self.paths, self.folder, self._pairs)

    def _pairs(self) -> Iterator[Pair]:
        loaded, scores = BranchCache(self.branch_cache), ScoreCache(self.score_cache)
        for bid, branch_key, result_key in self.keys:
            result = scores.get(result_key)
            # the exports read a branch's activities only to score its 五力 when the result
            # lacks them (export._wuli); without them a branch is a fraction of the memory
            needs = result is None or result.wuli is None
            branch = loaded.get(branch_key, activities=needs)
            if branch is None or result is None:  # gone since the build checked: not expected
                raise RuntimeError(
                    f"缓存文件不可读：支部 {bid} 的{'装载' if branch is None else '评定'}缓存"
                )
            if branch.publish:  # as export.published: the site's exports are public
                yield branch, result


def export_job(
    results: Results,
    project: Project,
    branch_cache: Path,
    score_cache: Path,
    paths: dict[str, Path],
    folder: Path,
) -> ExportJob | None:
    """The job, or None when a branch or result is not in its cache (a cache that could not
    be written): then the exports are made from the loaded data."""
    loaded, scores = BranchCache(branch_cache), ScoreCache(score_cache)
    keys = []
    for b in sorted(project.branches, key=lambda b: b.id):  # the exports' order
        key = project.keys.get(b.id)
        if key is None or b.id not in results.branches:
            return None
        result_key = ScoreCache.key(key, results.year, results.as_of)
        if not (loaded.has(key) and scores.has(result_key)):
            return None
        keys.append((b.id, key, result_key))
    return ExportJob(
        project.root,
        project.standard,
        replace(results, branches={}),
        branch_cache,
        score_cache,
        tuple(keys),
        paths,
        folder,
    )
