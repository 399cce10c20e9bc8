"""docs/rulebook.md is the built-in rulebook's item → rule → what it checks, generated from it."""

from __future__ import annotations

from scorekit import default_standard

from conftest import REPO
from generator.rules import REGISTRY, describe
from generator.rules.table import markdown, rule_text

DOC = REPO / "docs" / "rulebook.md"


def test_rulebook_doc_matches_the_default_rulebook() -> None:
    # regenerate with: python -m generator.rules.table > docs/rulebook.md
    assert DOC.read_text(encoding="utf-8") == markdown(default_standard())


def test_every_item_has_a_row_with_its_rule_and_description() -> None:
    text = DOC.read_text(encoding="utf-8")
    std = default_standard()
    for it in std.items:
        row = next(line for line in text.splitlines() if line.startswith(f"| {it.id} |"))
        assert it.text in row and f"`{rule_text(it.rule)}`" in row and describe(it.rule) in row
    assert "`{every: month, type: 党小组会, min: 1, per: group}`" in text  # D-02 as written
    assert "`{field: groups, min: 2, every: leader}`" in text
    used = {rule_text(i.rule).strip("{").split(":")[0] for i in std.items}
    assert used <= set(REGISTRY) | {"attested"}
