"""The summary a unit's shard writes and the portal reads: `showcase-shard.json`.

A shard (`showcase build --unit ID`) is a whole site of one unit. Beside its pages it writes
this summary: the public branch models (activity texts left out), their results, the
rulebook's source and the paths of the brand logos it encoded — typed dumps of the very
objects the pages and the exports are made from (pydantic, JSON: loading one runs no code).
The portal rebuilds `Project` and `Results` from the summaries of all shards and runs the
ordinary page planning and export code over them, so its dashboards and its
results.json/csv/xlsx are those of a single build over every unit — without reading any
branch folder or rendering any shard page again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from generator import __version__
from generator.load.project import Project
from generator.load.standard import load_standard
from generator.models import Branch, Member
from generator.problems import Collector, InputError, Problem
from generator.score.results import BranchResult, Results
from generator.units import unit_id

SUMMARY = "showcase-shard.json"
FORMAT = "showcase-shard/1"
_BRANCHES = TypeAdapter(tuple[Branch, ...])
_RESULTS = TypeAdapter(Results)


def summary(
    project: Project,
    results: Results,
    unit: tuple[str, str],
    standard_text: str,
    logos: dict[str, dict[str, str]],
    site_name: str,
    use_directory_urls: bool,
) -> bytes:
    """The summary of a shard: `unit` is (ID, name); `logos` maps "<branch id>/<logo path>" to
    the shard's files for that logo, {"thumb": uri, "large": uri}."""
    published = [b for b in project.branches if b.publish]
    # Activity texts are the bulk of a branch and no portal page shows them: they stay in the
    # shard. The folder becomes the branch id: the build machine's paths are nobody's business.
    slim = tuple(
        dataclasses.replace(
            b,
            folder=Path(b.id),
            activities=tuple(a.model_copy(update={"body": ""}) for a in b.activities),
            applicants=_anonymous(b.applicants),
        )
        for b in published
    )
    kept = dataclasses.replace(
        results, branches={b.id: _lean(results.branches[b.id]) for b in published}
    )
    doc = {
        "format": FORMAT,
        "generator": __version__,
        "unit": {"id": unit[0], "name": unit[1]},
        "site_name": site_name,
        "use_directory_urls": use_directory_urls,
        "standard": standard_text,
        "branches": _BRANCHES.dump_python(slim, mode="json", by_alias=True),
        "results": dataclasses.asdict(kept),  # Fractions stay Fractions (see _encode)
        "logos": logos,
    }
    return (json.dumps(doc, ensure_ascii=False, sort_keys=True, default=_encode) + "\n").encode(
        "utf-8"
    )


def _anonymous(applicants: tuple[Member, ...]) -> tuple[Member, ...]:
    """Applicants as the portal needs them: their stages and dates for the counts and 预警,
    under a stand-in name. The summary is a published file, and applicants' names are never
    published (only counts are)."""
    return tuple(
        Member(name=f"申请人{i}", group=a.group, development=a.development)
        for i, a in enumerate(applicants, start=1)
    )


def _lean(r: BranchResult) -> BranchResult:
    """Past years' scorecards without their items: pages and exports over all units show only
    each year's star (a third of a branch's summary otherwise; the shard shows the rest)."""
    history = tuple(dataclasses.replace(h, items=(), missing_for_next=()) for h in r.history)
    # 五力 is scored again from the branch where needed: its dicts' order would not survive
    # the summary's sorted keys, and the portal's exports must equal a single build's.
    return dataclasses.replace(r, history=history, wuli=None)


def _encode(value: Any) -> Any:
    """Exact rates stay exact: a Fraction is written as {"fraction": [numerator, denominator]}
    (pydantic's own JSON would write "31/32", which reads back as a string)."""
    if isinstance(value, Fraction):
        return {"fraction": [value.numerator, value.denominator]}
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__}")


def _decode(obj: dict[str, Any]) -> Any:
    if (
        obj.keys() == {"fraction"}
        and isinstance(obj["fraction"], list)
        and len(obj["fraction"]) == 2
    ):
        return Fraction(*obj["fraction"])
    return obj


@dataclass(frozen=True)
class Shard:
    folder: Path
    unit_id: str
    unit_name: str
    use_directory_urls: bool
    standard_text: str
    branches: tuple[Branch, ...]
    results: Results
    logos: dict[str, dict[str, str]]

    @property
    def searchable(self) -> bool:
        return (self.folder / "pagefind" / "pagefind.js").is_file()


def read_shard(folder: Path) -> Shard:
    """One shard folder's summary, or an InputError naming the file and what is wrong."""
    path = folder / SUMMARY
    shown = path.as_posix()
    try:
        doc = json.loads(path.read_bytes(), object_hook=_decode)
    except FileNotFoundError:
        raise InputError(
            [
                Problem(
                    shown,
                    0,
                    f"不是分片目录：缺少 {SUMMARY}（请先用 showcase build --unit ID -d 该目录 生成）",
                )
            ]
        ) from None
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "不是有效的 JSON"
        if isinstance(exc, NotADirectoryError):
            why = f"{folder.as_posix()} 不是目录"
        raise InputError([Problem(shown, 0, f"分片摘要无法读取：{why}")]) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else None
        raise InputError(
            [
                Problem(
                    shown,
                    0,
                    f"分片摘要格式为 {found!r}，本程序需要 {FORMAT!r}：请用同一版本重新生成分片",
                )
            ]
        )
    try:
        unit = doc["unit"]
        # The id names the shard's folder in the portal (units/<ID>/): only what unit_id()
        # makes of the unit's name, so an edited summary cannot copy a shard out of the site.
        if str(unit["id"]) != unit_id(str(unit["name"])):
            raise InputError(
                [
                    Problem(
                        shown,
                        0,
                        f"分片摘要中的单位编号 {str(unit['id'])[:40]!s} 与单位名称不符（应为 "
                        f"{unit_id(str(unit['name']))}）：摘要被改动过，请用 showcase build --unit 重新生成分片",
                    )
                ]
            )
        return Shard(
            folder=folder,
            unit_id=str(unit["id"]),
            unit_name=str(unit["name"]),
            use_directory_urls=bool(doc["use_directory_urls"]),
            standard_text=str(doc["standard"]),
            branches=_BRANCHES.validate_python(doc["branches"]),
            results=_RESULTS.validate_python(doc["results"]),
            logos={str(k): dict(v) for k, v in doc["logos"].items()},
        )
    except (KeyError, TypeError, AttributeError, ValidationError) as exc:
        raise InputError(
            [Problem(shown, 0, f"分片摘要内容不完整或已损坏：{str(exc).splitlines()[0]}")]
        ) from None


@dataclass(frozen=True)
class Merged:
    project: Project
    results: Results
    shards: tuple[Shard, ...]
    home_of: dict[str, str]  # branch id -> the shard's unit ID


def merge(shards: list[Shard], root: Path) -> Merged:
    """All shards as one project: same rulebook, year, as_of and URL style, no branch or unit twice."""
    problems = Collector()
    first = shards[0]
    home_of: dict[str, str] = {}
    units: dict[str, Path] = {}
    for s in shards:
        where = (s.folder / SUMMARY).as_posix()
        if s.unit_id in units:
            problems.add(
                where,
                0,
                f"单位 {s.unit_name}（{s.unit_id}）已由 {units[s.unit_id].as_posix()} 提供，同一单位只能有一个分片",
            )
        units.setdefault(s.unit_id, s.folder)
        if s.standard_text != first.standard_text:
            problems.add(
                where,
                0,
                f"评定标准与 {first.folder.as_posix()} 的不同：所有分片须用同一评定标准生成",
            )
        r, f = s.results, first.results
        if (r.year, r.as_of) != (f.year, f.as_of):
            problems.add(
                where,
                0,
                f"评定年度/基准日期为 {r.year}/{r.as_of}，与 {first.folder.as_posix()} 的 {f.year}/{f.as_of} 不同：请在 mkdocs.yml 设定 as_of（或 SOURCE_DATE_EPOCH）后重新生成",
            )
        if s.use_directory_urls != first.use_directory_urls:
            problems.add(where, 0, "use_directory_urls 与其他分片不同")
        for b in s.branches:
            if b.id in home_of:
                problems.add(where, 0, f"支部 {b.id} 也出现在单位 {home_of[b.id]} 的分片中")
            home_of.setdefault(b.id, s.unit_id)
    problems.raise_if_any()
    with tempfile.TemporaryDirectory() as tmp:
        rulebook = Path(tmp) / "standard.yml"
        rulebook.write_text(first.standard_text, encoding="utf-8")
        standard, found = load_standard(rulebook, Path(tmp))
    if standard is None:
        raise InputError(
            [
                Problem(
                    (first.folder / SUMMARY).as_posix(), 0, f"分片中的评定标准无法读取：{p.message}"
                )
                for p in found
            ]
        )
    branches = tuple(sorted((b for s in shards for b in s.branches), key=lambda b: b.id))
    merged: dict[str, Any] = {bid: r for s in shards for bid, r in s.results.branches.items()}
    results = dataclasses.replace(first.results, branches=dict(sorted(merged.items())))
    project = Project(root=root, standard=standard, branches=branches)
    return Merged(project, results, tuple(sorted(shards, key=lambda s: s.unit_id)), home_of)
