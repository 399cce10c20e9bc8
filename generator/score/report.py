"""A plain-text star report (one paragraph per branch), for the terminal and quick reviews.

`python -m generator.score.report [ROOT] [AS_OF]` scores ROOT/branches with the default
standard and prints each branch's star and exactly what stands between it and the next one.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from generator.score.results import Results


def star_report(results: Results) -> str:
    """Each branch: star, veto, failing items for the next star with their explanations."""
    lines = [
        f"{results.standard_name}（{results.standard_version}版） {results.year}年，截至 {results.as_of}"
    ]
    for bid, res in results.branches.items():
        card = res.scorecard
        head = f"{bid}: {card.star}★ {card.star_name}".rstrip()
        if card.vetoed:
            lines.append(f"{head}（一票否决：{card.veto_reason}）")
            continue
        lines.append(head)
        items = {r.id: r for r in card.items}
        for iid in card.missing_for_next:
            r = items[iid]
            lines.append(f"  - {iid}（{r.tier}星）{r.text}：{r.explanation}")
        if card.missing_optional_for_next:
            lines.append(f"  - 自选题还差 {card.missing_optional_for_next} 项")
        history = "、".join(f"{h.year}年{h.star}★" for h in res.history)
        lines.append(f"  历年：{history}；预警 {len(res.warnings)} 条")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    from generator.load.project import load_project
    from generator.problems import InputError
    from generator.score import default_as_of, score_project

    root = Path(argv[0]) if argv else Path(".")
    as_of = dt.date.fromisoformat(argv[1]) if len(argv) > 1 else default_as_of()
    try:
        project = load_project(root, root / "branches")
    except InputError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(star_report(score_project(project, None, as_of)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
