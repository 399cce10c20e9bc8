"""Units (branch.yml `unit:`, the 上级党组织) named by a stable ID for builds past one machine.

`showcase build --unit ID` builds one unit's branches into a shard served at `units/<ID>/`
under the portal. The ID is `u` + the first 8 hex digits of the SHA-256 of the unit's name
(UTF-8, surrounding spaces removed): ASCII, so it suits folder names, URLs and CI job names,
and stable as long as the name is. `--unit` also accepts the name itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

from generator.load.project import IGNORED_PREFIXES

SHARDS_PREFIX = "units"  # a shard lives at <portal>/units/<ID>/
_SCAN_LIMIT = 2 * 1024 * 1024  # a larger branch.yml is left to the real loader to report


def unit_id(name: str) -> str:
    return "u" + hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:8]


def scan_units(branches_dir: Path) -> dict[Path, str | None]:
    """Each branch folder's unit, read cheaply from branch.yml's top level; None when it
    cannot be read this way (the full loader then reads that folder and reports why)."""
    found: dict[Path, str | None] = {}
    if not branches_dir.is_dir():
        return found
    for folder in sorted(p for p in branches_dir.iterdir() if p.is_dir()):
        if folder.name.startswith(IGNORED_PREFIXES):
            continue
        found[folder] = _unit_of(folder / "branch.yml")
    return found


def _unit_of(path: Path) -> str | None:
    try:
        if path.is_symlink() or path.stat().st_size > _SCAN_LIMIT:
            return None
        data = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError, ValueError):
        return None
    unit = data.get("unit") if isinstance(data, dict) else None
    return unit.strip() if isinstance(unit, str) and unit.strip() else None


def resolve_unit(wanted: str, names: Iterable[str]) -> str | None:
    """The unit name `wanted` designates (its ID or the name itself), or None."""
    wanted = wanted.strip()
    for name in sorted(set(names)):
        if wanted in (name, unit_id(name)):
            return name
    return None


def listing(counts: dict[str, int]) -> str:
    """One line per unit: ID, name, number of branches — for errors and `showcase units`."""
    return "\n".join(
        f"  {unit_id(n)}  {n}（{k} 个支部）"
        for n, k in sorted(counts.items(), key=lambda nk: unit_id(nk[0]))
    )


class UnknownUnit(ValueError):
    """`--unit` names no unit of the data; the message lists those there are."""


def select_unit(branches_dir: Path, wanted: str) -> tuple[Callable[[Path], bool], str, str]:
    """For `build --unit`: which folders to read — the unit's, and those whose unit cannot be
    read cheaply, so their errors show — and the unit's ID and name."""
    units = scan_units(branches_dir)
    names = [n for n in units.values() if n]
    name = resolve_unit(wanted, names)
    if name is None:
        known = (
            listing({n: names.count(n) for n in names})
            or "  （没有找到任何单位：支部数据目录为空？）"
        )
        raise UnknownUnit(f"找不到单位 {wanted!r}。可用的单位（ID  名称）：\n{known}")
    return (lambda folder: units.get(folder) in (name, None)), unit_id(name), name
