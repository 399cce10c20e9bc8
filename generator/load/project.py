"""Load a whole site project: the rulebook and every branch folder, all problems at once."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.load.branch import BranchReader
from generator.load.cache import BranchCache, FileDigests, branch_key
from generator.load.reading import DEFAULT_LIMITS, ImageVerdicts, Limits, set_limits_in_force
from generator.load.refs import RefChecker
from generator.load.standard import DEFAULT_STANDARD, load_standard
from generator.load.unit_names import unit_spelling_problems
from generator.models import Branch, Standard
from generator.models.sharing import FieldSets, share_field_sets
from generator.parallel import forked_map
from generator.problems import Collector, Problem, shown_path

# Folders under branches/ that are never read: drafts (`_draft`), hidden ones (`.git`, `.trash`).
IGNORED_PREFIXES = ("_", ".")


@dataclass(frozen=True)
class Project:
    """Everything the later stages need; built only when the input has no problems."""

    root: Path
    standard: Standard
    branches: tuple[Branch, ...]
    keys: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    """Branch id -> the hash of every byte it was loaded from (with a cache only): what a
    branch's own pages depend on, so later stages can key their caches on it too."""
    skipped: tuple[str, ...] = ()
    """Folders under branches/ that are not read (names starting with `_` or `.`), as shown paths."""

    def skipped_note(self) -> str | None:
        """An info line naming the skipped folders, so a `_draft` with broken YAML is not a mystery."""
        if not self.skipped:
            return None
        return f"提示：未读取 {'、'.join(self.skipped)}（以 _ 或 . 开头的目录不作为支部，不校验也不发布）"

    def branch(self, bid: str) -> Branch | None:
        return next((b for b in self.branches if b.id == bid), None)


def load_project(
    root: Path,
    branches_dir: Path,
    standard_path: Path | None = None,
    cache_dir: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
    only: Callable[[Path], bool] | None = None,
) -> Project:
    """Read the rulebook and `branches_dir/*`; raise InputError listing every problem.

    With `cache_dir`, a branch folder unchanged since a clean load is taken from the cache
    (see load/cache.py) instead of being read and checked again; images that decoded once
    are remembered by content hash next to it (`images/`), so a warm check decodes none.
    `limits` bounds every file read (see load/reading.py). `only` picks the folders read (one
    unit's, for `showcase build --unit`); the others are neither read nor pruned from the cache."""
    set_limits_in_force(limits)
    problems = Collector()
    standard, std_problems = load_standard(standard_path, root, limits)
    problems.extend(std_problems)
    if not branches_dir.is_dir():
        problems.add(shown_path(branches_dir, root), 0, "找不到支部数据目录（插件选项 branches）")
        problems.raise_if_any()
    cache = BranchCache(cache_dir) if cache_dir is not None and standard is not None else None
    # The limits are part of every key: an image fine under 80 MP is an error under 50.
    standard_bytes = (
        (_read(standard_path or DEFAULT_STANDARD) + repr(limits).encode()) if cache else b""
    )
    verdicts = ImageVerdicts(cache_dir.parent / "images" if cache_dir is not None else None)
    used: set[str] = set()
    keys: dict[str, str] = {}
    digests = FileDigests(cache_dir.parent / "digests.json" if cache_dir is not None else None)
    branches = []
    folders = sorted(p for p in branches_dir.iterdir() if p.is_dir())
    skipped = tuple(
        shown_path(p, root) + "/" for p in folders if p.name.startswith(IGNORED_PREFIXES)
    )
    wanted = [
        p for p in folders if not p.name.startswith(IGNORED_PREFIXES) and (only is None or only(p))
    ]
    found_in_cache: dict[Path, Branch | None] = {}
    if cache:
        folder_keys = dict(zip(wanted, _keys(wanted, standard_bytes, digests), strict=True))
    else:
        folder_keys = dict.fromkeys(wanted, "")
    # Each branch's models share their field sets as soon as it is there, before the next
    # is decoded: the sets freed make room for the next branch (models/sharing.py).
    field_sets: FieldSets = {}
    for folder in wanted:
        found_in_cache[folder] = _shared(
            cache.get(folder_keys[folder]) if cache else None, field_sets
        )
    misses = [f for f in wanted if found_in_cache[f] is None]
    read = {
        folder: (_shared(branch, field_sets), found)
        for folder, (branch, found) in zip(
            misses, _read_all(misses, root, standard, limits, verdicts), strict=True
        )
    }
    for folder in wanted:
        key = folder_keys[folder]
        branch = found_in_cache[folder]
        if branch is None:
            branch, found = read[folder]
            problems.extend(found)
            if cache and branch is not None and not found:
                cache.put(key, branch)
        if branch is not None:
            used.add(key)
            branches.append(branch)
            if key:
                keys[branch.id] = key
    problems.extend(unit_spelling_problems(branches, root))
    problems.raise_if_any()
    assert standard is not None  # no problems means the standard loaded
    if cache and only is None:  # a unit build leaves the other units' entries alone
        cache.prune(used)
    if cache:
        digests.save(keep_known=only is not None)
    return Project(
        root=root, standard=standard, branches=tuple(branches), keys=keys, skipped=skipped
    )


def _shared(branch: Branch | None, field_sets: FieldSets) -> Branch | None:
    if branch is not None:
        share_field_sets(branch, field_sets)
    return branch


PARALLEL_FROM = 8  # folders to read before worker processes pay for their start

# What the keying jobs share, set before the workers fork (not pickled with every folder:
# the remembered digests of a thousand branches are ~15 MB).
_keying: tuple[bytes, dict[str, list]] = (b"", {})


def _key_job(folder: Path) -> tuple[str, dict[str, list]]:
    """The folder's key, and the digests it used (from a worker, they go back to the parent)."""
    standard_bytes, known = _keying
    digests = FileDigests(None)
    digests.known = known
    return branch_key(folder, standard_bytes, digests), digests.used


def _keys(folders: list[Path], standard_bytes: bytes, digests: FileDigests) -> list[str]:
    """`branch_key` of each folder, in order. A cold key hashes every file (a thousand
    branches: ~90,000), most of it Python's own work per file: threads were twice as slow as
    one after another (the GIL), processes twice as fast."""
    global _keying
    _keying = (standard_bytes, digests.known)
    try:
        keyed = list(forked_map(_key_job, folders, 16, PARALLEL_FROM))
    finally:
        _keying = (b"", {})
    for _, used in keyed:
        digests.used.update(used)
    return [key for key, _ in keyed]


def _read_all(
    folders: list[Path],
    root: Path,
    standard: Standard | None,
    limits: Limits,
    verdicts: ImageVerdicts,
) -> Iterator[tuple[Branch | None, list[Problem]]]:
    """`_read_branch` for each folder, in order, as each is read (a cold load of a thousand
    branches is mostly YAML parsing and validation, which hold the GIL: processes, not threads)."""
    read = functools.partial(
        _read_branch, root=root, standard=standard, limits=limits, verdicts=verdicts
    )
    return forked_map(read, folders, 4, PARALLEL_FROM)


def _read_branch(
    folder: Path, root: Path, standard: Standard | None, limits: Limits, verdicts: ImageVerdicts
) -> tuple[Branch | None, list[Problem]]:
    """Read one folder and check its references: the branch (if readable) and every problem.
    The references of what could be read are checked even when branch.yml could not be."""
    reader = BranchReader(folder, root, limits)
    branch = reader.read()
    found = list(reader.problems)
    if branch is not None and standard is not None and standard.aliases:
        # An alias (支部委员会) counts as the rulebook's type (支委会) everywhere after loading.
        activities = tuple(
            a.model_copy(update={"type": standard.canonical_type(a.type)})
            if a.type in standard.aliases
            else a
            for a in branch.activities
        )
        branch = replace(branch, activities=activities)
    checked = branch or reader.partial
    if checked is not None and standard is not None:
        found += RefChecker(checked, reader, standard, verdicts).problems()
    return branch, found


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
