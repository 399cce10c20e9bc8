"""Load a whole site project: the rulebook and every branch folder, all problems at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.load.branch import BranchReader
from generator.load.refs import RefChecker
from generator.load.standard import load_standard
from generator.models import Branch, Standard
from generator.problems import Collector


@dataclass(frozen=True)
class Project:
    """Everything the later stages need; built only when the input has no problems."""

    root: Path
    standard: Standard
    branches: tuple[Branch, ...]

    def branch(self, bid: str) -> Branch | None:
        return next((b for b in self.branches if b.id == bid), None)


def load_project(root: Path, branches_dir: Path, standard_path: Path | None = None) -> Project:
    """Read the rulebook and `branches_dir/*`; raise InputError listing every problem."""
    problems = Collector()
    standard, std_problems = load_standard(standard_path, root)
    problems.extend(std_problems)
    if not branches_dir.is_dir():
        problems.add(_shown(branches_dir, root), 0, "找不到支部数据目录（插件选项 branches）")
        problems.raise_if_any()
    branches = []
    for folder in sorted(p for p in branches_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        reader = BranchReader(folder, root)
        branch = reader.read()
        problems.extend(reader.problems)
        if branch is not None and standard is not None:
            problems.extend(RefChecker(branch, reader, standard).problems())
        if branch is not None:
            branches.append(branch)
    problems.raise_if_any()
    assert standard is not None  # no problems means the standard loaded
    return Project(root=root, standard=standard, branches=tuple(branches))


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
