"""The star badge: a small SVG other intranet pages can embed, plus a JSON summary beside it."""

from __future__ import annotations

import json
from html import escape

from generator.score.labels import VETOED, star_label
from generator.score.results import Scorecard


def _width(text: str) -> int:
    """Approximate text width at 12px: CJK and ★ take a full em, the rest about half."""
    return sum(12 if ord(ch) > 0x2000 else 7 for ch in text)


def badge_svg(card: Scorecard) -> bytes:
    left = "星级评定"
    right = (
        VETOED
        if card.vetoed
        else f"{'★' * card.star} {star_label(card.star, card.star_name)}".strip()
    )
    lw, rw = _width(left) + 12, _width(right) + 12
    colour = "#6b6b6b" if card.vetoed or card.star == 0 else "#d4a017"
    title = f"{left}: {right}（{card.year}年，{card.standard_name} {card.standard_version}版）"
    svg = f"""<svg xmlns="http://www.w3.org/2000/svg" width="{lw + rw}" height="22" role="img" aria-label="{escape(title)}">
<title>{escape(title)}</title>
<rect width="{lw}" height="22" rx="3" fill="#c8161d"/>
<rect x="{lw}" width="{rw}" height="22" rx="3" fill="{colour}"/>
<rect x="{lw - 3}" width="6" height="22" fill="{colour}"/>
<g fill="#fff" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif" font-size="12">
<text x="6" y="15">{escape(left)}</text>
<text x="{lw + 6}" y="15">{escape(right)}</text>
</g>
</svg>
"""
    return svg.encode("utf-8")


def badge_json(branch_id: str, name: str, card: Scorecard) -> bytes:
    summary = {
        "id": branch_id,
        "name": name,
        "year": card.year,
        "as_of": card.as_of.isoformat(),
        "star": card.star,
        "star_name": card.star_name,  # the rulebook's tier name, as in the export
        "star_label": star_label(card.star, card.star_name),  # "四星·先进级" / 未评星
        "vetoed": card.vetoed,
        "veto_reason": card.veto_reason if card.vetoed else "",
        "standard": {"name": card.standard_name, "version": card.standard_version},
        "missing_for_next": list(card.missing_for_next),
    }
    return (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
