"""One unit, one spelling: branch.yml's `unit:` across branches.

Pages, the unit portrait, shards and exports group branches by the unit's name as written.
Two spellings that differ only in spaces or in full-width/half-width forms (江城机械厂 党委,
江城机械厂（本部）党委 vs (本部)) would silently become two units with split statistics.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from generator.models import Branch
from generator.problems import Problem, shown_path

_UNIT_LINE = re.compile(r"^unit\s*:", re.M)


def unit_key(name: str) -> str:
    """What the spellings of one unit share: NFKC forms (full-width letters, digits and
    brackets as half-width), no whitespace anywhere."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def unit_spelling_problems(branches: Iterable[Branch], root: Path) -> list[Problem]:
    """One problem per branch whose unit is spelled unlike the unit's most common spelling."""
    spellings: dict[str, dict[str, list[Branch]]] = defaultdict(lambda: defaultdict(list))
    for branch in branches:
        name = branch.profile.unit.strip()
        spellings[unit_key(name)][name].append(branch)
    problems = []
    for by_name in spellings.values():
        if len(by_name) < 2:
            continue
        # the spelling most branches use is taken as meant; ties go to the first in order
        usual = min(by_name, key=lambda n: (-len(by_name[n]), n))
        example = _shown(by_name[usual][0], root)
        for name, odd in sorted(by_name.items()):
            if name == usual:
                continue
            for branch in odd:
                problems.append(
                    Problem(
                        _shown(branch, root),
                        _unit_line(branch),
                        f"上级党组织写作「{name}」，另有 {len(by_name[usual])} 个支部写作「{usual}」"
                        f"（如 {example}），只差空格或全角/半角，会被当成两个单位分开统计；"
                        "请统一写法",
                    )
                )
    return problems


def _shown(branch: Branch, root: Path) -> str:
    return shown_path(branch.folder / "branch.yml", root)


def _unit_line(branch: Branch) -> int:
    try:
        text = (branch.folder / "branch.yml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 0
    found = _UNIT_LINE.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 0
