"""Box kinds that place other boxes: `repeat` (a grid of list items), `ring` (the 1+N
arrangement) and `stack` (bands sized by their content)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from generator.print import layout as L
from generator.print.canvas import Canvas, Frame, fill_template
from generator.print.table import natural_table_height


def repeat(c: Canvas, box: L.RepeatBox, f: Frame, ctx: dict[str, Any]) -> None:
    """One cell per list item; a short last row is centred; items past `max_items` reported."""
    items = list(ctx.get(box.bind) or [])
    if box.max_items is not None and len(items) > box.max_items:
        c.warn(box.label or box.bind, f"共 {len(items)} 项，展板只放得下前 {box.max_items} 项")
        items = items[: box.max_items]
    if not items:
        return
    cols = min(box.columns, len(items))
    rows = math.ceil(len(items) / cols)
    if box.balance:
        cols = math.ceil(len(items) / rows)
    gap = c.px(box.gap)
    width_cols = box.columns if box.fixed_width else cols
    cw = (f.w - gap * (width_cols - 1)) / width_cols
    ch = (f.h - gap * (rows - 1)) / rows
    if box.max_rows and rows < box.max_rows:
        ch = (f.h - gap * (box.max_rows - 1)) / box.max_rows
    for i, item in enumerate(items):
        r, col = divmod(i, cols)
        in_row = min(cols, len(items) - r * cols)
        offset = (f.w - in_row * cw - (in_row - 1) * gap) / 2  # centre a short row
        cell = Frame(f.x + offset + col * (cw + gap), f.y + r * (ch + gap), cw, ch)
        c.boxes(box.cell, cell, {**ctx, **item, "index": i + 1})


def _weights(total: float, gap: float, weights: Sequence[float]) -> list[tuple[float, float]]:
    """(offset, length) of each track when `total` is shared by weight, with gaps between."""
    room = total - gap * (len(weights) - 1)
    whole = sum(weights)
    out, pos = [], 0.0
    for w in weights:
        length = room * w / whole
        out.append((pos, length))
        pos += length + gap
    return out


def ring(c: Canvas, box: L.RingBox, f: Frame, ctx: dict[str, Any]) -> None:
    """The one in the centre, the N around it, as the arrangement for N (or the next larger)."""
    items = list(ctx.get(box.bind) or [])
    most = max(box.arrangements)
    if len(items) > most:
        c.warn(box.label or box.bind, f"共 {len(items)} 个，展板只放得下 {most} 个")
        items = items[:most]
    if not items:
        return
    arr = (
        box.arrangements.get(len(items))
        or box.arrangements[min(n for n in box.arrangements if n >= len(items))]
    )
    cols, rows = arr.grid
    gap = c.px(box.gap)
    xs = _weights(f.w, gap, arr.widths or [1] * cols)
    ys = _weights(f.h, gap, arr.heights or [1] * rows)

    def cell(col: int, row: int, ncols: int = 1, nrows: int = 1) -> Frame:
        x0, y0 = xs[col][0], ys[row][0]
        x1 = xs[col + ncols - 1][0] + xs[col + ncols - 1][1]
        y1 = ys[row + nrows - 1][0] + ys[row + nrows - 1][1]
        return Frame(f.x + x0, f.y + y0, x1 - x0, y1 - y0)

    centre = cell(*arr.centre)
    frames = [
        cell(s % cols, s // cols) if isinstance(s, int) else cell(*s)
        for s in arr.slots[: len(items)]
    ]
    if box.connector:
        for fr in frames:
            _connect(c, centre, fr, L.colour(box.connector), c.px(box.connector_width))
    for item, fr in zip(items, frames, strict=False):
        c.boxes(box.cell[arr.cell], fr, {**ctx, **item})
    c.boxes(box.inner[arr.inner], centre, ctx)


def _connect(c: Canvas, a: Frame, b: Frame, colour: Any, width: int) -> None:
    """A straight line from the centre to an item: vertical or horizontal where they overlap
    in x or y (it shows only in the gap between them), else centre to centre."""
    bx, by = b.centre
    if a.x <= bx <= a.x + a.w:
        c.draw.line((bx, a.centre[1], bx, by), fill=colour, width=width)
    elif a.y <= by <= a.y + a.h:
        c.draw.line((a.centre[0], by, bx, by), fill=colour, width=width)
    else:
        c.draw.line((*a.centre, bx, by), fill=colour, width=width)


def natural_height(c: Canvas, box: Any, width: float, ctx: dict[str, Any]) -> float:
    """How tall a box wants to be at its preferred size (text and tables; others 0)."""
    if box.when and not ctx.get(box.when) or box.unless and ctx.get(box.unless):
        return 0
    w = width * box.at[2]
    if box.kind == "text":
        words = fill_template(box.text, ctx)
        if not words:
            return 0
        fitted = c.fit(
            words, box.model_copy(update={"min": box.size}), Frame(0, 0, w, float("inf"))
        )
        return fitted.height / box.at[3]
    if box.kind == "table":
        return natural_table_height(c, box, ctx, w) / box.at[3]
    if box.kind == "repeat" and box.cell_height:
        n = len(ctx.get(box.bind) or [])
        if box.max_items is not None:
            n = min(n, box.max_items)
        if not n:
            return 0
        cols = min(box.columns, n)
        rows = math.ceil(n / cols)
        return (rows * c.px(box.cell_height) + (rows - 1) * c.px(box.gap)) / box.at[3]
    return 0


def stack(c: Canvas, box: L.StackBox, f: Frame, ctx: dict[str, Any]) -> None:
    """Bands top to bottom at their natural heights; auto bands share any shortfall."""
    items = [it for it in box.items if not it.when or ctx.get(it.when)]
    wants: list[float] = []
    for it in items:
        if it.size == "auto":
            want = max((natural_height(c, b, f.w, ctx) for b in it.boxes), default=0)
            wants.append(min(want, c.px(it.max)) if it.max else want)
        else:
            wants.append(float(c.px(it.size)))
    shown = [(it, h) for it, h in zip(items, wants, strict=True) if h > 0]
    if not shown:
        return
    gap = c.px(box.gap)
    gaps = gap * (len(shown) - 1)
    fixed = sum(h for it, h in shown if it.size != "auto")
    auto = sum(h for it, h in shown if it.size == "auto")
    room = f.h - gaps - fixed
    scale = min(1.0, room / auto) if auto > 0 else 1.0
    heights = [h * scale if it.size == "auto" else h for it, h in shown]
    spare = f.h - gaps - sum(heights)
    if spare > 0 and len(shown) > 1:
        gap = min(gap * box.spread, gap + spare / (len(shown) - 1))
    y = f.y
    for (it, _), h in zip(shown, heights, strict=True):
        c.boxes(it.boxes, Frame(f.x, y, f.w, h), ctx)
        y += h + gap
