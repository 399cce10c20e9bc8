"""The rulebook as a Markdown table: item → rule → what it checks (docs/rulebook.md).

Written from the rulebook itself (`python -m generator.rules.table [RULEBOOK] > docs/rulebook.md`),
so the table cannot drift from what the engine checks; a test compares it with the file."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.models import Standard
from generator.rules import describe, kind_of
from generator.score.labels import star_word


def rule_text(rule: Any) -> str:
    """The rule as written in YAML, compact: `{every: month, type: 党小组会, per: group}`."""
    data = rule.model_dump(exclude_unset=True, by_alias=True)
    key = kind_of(rule).key
    if key == "attested":
        return "attested"
    children = kind_of(rule).children(rule)
    if children:
        return "{" + f"{key}: [" + ", ".join(rule_text(c) for c in children) + "]}"
    data = {key: data.pop(key, getattr(rule, key)), **data}
    parts = [f"{k}: {_scalar(v)}" for k, v in data.items()]
    return "{" + ", ".join(parts) + "}"


def _scalar(v: Any) -> str:
    if v is True:
        return "true"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(map(str, v)) + "]"
    return str(v) if not isinstance(v, str) or v.strip() else json.dumps(v, ensure_ascii=False)


def items_table(std: Standard, escape: Callable[[str], str]) -> list[str]:
    """The rulebook's items as Markdown table lines, header first: each item's id, star, category,
    text, rule (as code), what it checks and whether 不适用 may be granted. `escape` makes a
    text safe inside a cell (the docs file and the site's guide page escape differently)."""
    lines = [
        "| 编号 | 星级 | 类别 | 条目 | 规则 | 核验内容 | 可认定不适用 |",
        "|---|---|---|---|---|---|---|",
    ]
    for it in std.items:
        tier = star_word(it.tier) + ("自选题" if it.optional else "")
        na = "是" if it.na_allowed or it.is_attested else ""
        cells = [escape(c) for c in (it.id, tier, it.category, it.text)]
        cells += [f"`{escape(rule_text(it.rule))}`", escape(describe(it.rule)), na]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(std: Standard) -> str:
    lines = [
        f"# {std.name}（{std.version}版）：条目、规则与核验内容",
        "",
        "本表由评定标准文件生成（`python -m generator.rules.table > docs/rulebook.md`），与系统实际核验的内容一致。",
        "“可认定不适用”表示考核组可在 assessment.yml 中对该自动核验条目填写 `na: true`；",
        "考核组评定（attested）的条目均可认定不适用，其余条目填写 `na` 或 `pass` 都是错误。",
        "",
        *items_table(std, _cell),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    from generator.load.standard import DEFAULT_STANDARD, load_standard
    from generator.problems import InputError

    path = Path(argv[0]) if argv else DEFAULT_STANDARD
    std, problems = load_standard(path, path.parent)
    if std is None:
        print(InputError(problems).report(), file=sys.stderr)
        return 1
    sys.stdout.write(markdown(std))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
