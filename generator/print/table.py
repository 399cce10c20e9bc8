"""The `table` box: rows of a list field with wrapping cells, flowed into side-by-side
blocks; the font shrinks until every row fits, and at the minimum the rest is summarised in
a last row ("……另有 N 项") and reported."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.print import layout as L
from generator.print.canvas import ASCENT, Canvas, Frame
from generator.print.text import break_paragraph, cut_line


@dataclass
class _Row:
    cells: list[list[str]]  # lines per column
    height: float
    item: dict[str, Any]
    note: bool = False


class _Plan:
    """Rows laid out at one font size, assigned to blocks."""

    def __init__(self, size: int, header: float, blocks: list[list[_Row]], dropped: int, cut: bool):
        self.size, self.header, self.blocks, self.dropped, self.cut = (
            size,
            header,
            blocks,
            dropped,
            cut,
        )


def _cells(
    c: Canvas, box: L.TableBox, item: dict[str, Any], size: int, widths: list[float], pad: float
) -> tuple[list[list[str]], bool]:
    """A row's lines per column at `size`. Remembered on the canvas: a table is planned at
    one size several times over (its natural height, then each try to fit its frame)."""
    key = (
        "cells",
        box.font,
        box.max_cell_lines,
        tuple((col.key, col.font, col.wrap) for col in box.columns),
        tuple(str(item.get(col.key)) for col in box.columns),
        size,
        tuple(widths),
        pad,
    )
    found = c.memo.get(key)
    if found is None:
        found = c.memo[key] = _cells_now(c, box, item, size, widths, pad)
    return found


def _cells_now(
    c: Canvas, box: L.TableBox, item: dict[str, Any], size: int, widths: list[float], pad: float
) -> tuple[list[list[str]], bool]:
    out, cut = [], False
    for col, w in zip(box.columns, widths, strict=True):
        measure = c.measure_at(col.font or box.font)(size)
        text = str(item.get(col.key, "") if item.get(col.key) is not None else "")
        avail = max(1.0, w - 2 * pad)
        lines = break_paragraph(text, avail, measure) if col.wrap else [text]
        limit = box.max_cell_lines if col.wrap else 1
        if len(lines) > limit or (lines and measure(lines[0]) > avail):
            lines = lines[:limit]
            lines[-1] = cut_line(
                lines[-1] if len(lines) < limit or not col.wrap else lines[-1] + "…", avail, measure
            )
            cut = True
        out.append(lines or [""])
    return out, cut


def _plan(
    c: Canvas,
    box: L.TableBox,
    rows: list[dict[str, Any]],
    f: Frame,
    size: int,
    final: bool,
    whole_cells: bool = False,
) -> _Plan | None:
    """Rows at `size` in the frame; None when they do not fit (or, with `whole_cells`, when a
    cell had to be cut) unless this is the `final` try, which cuts and notes what is left."""
    gap = c.px(box.gap)
    bw = (f.w - gap * (box.split - 1)) / box.split
    widths = [col.width * bw for col in box.columns]
    total_share = sum(col.width for col in box.columns)
    widths = [w / total_share for w in widths]
    pad = box.pad * size
    step = size * box.line
    header = size * 1.15 + 2 * pad
    avail = f.h - header
    blocks: list[list[_Row]] = [[]]
    used = 0.0
    cut_any = False
    for n, item in enumerate(rows):
        cells, cut = _cells(c, box, item, size, widths, pad)
        if cut and whole_cells and not final:
            return None  # a smaller size may fit the cell whole
        cut_any |= cut
        lines = max(len(x) for x in cells)
        height = (lines - 1) * step + size * 1.15 + 2 * pad
        if used + height > avail + 1e-6:
            if len(blocks) < box.split:
                blocks.append([])
                used = 0.0
            if used + height > avail + 1e-6:
                if not final:
                    return None
                return _with_note(
                    c, box, blocks, rows, n, size, header, widths, pad, avail, cut_any
                )
        blocks[-1].append(_Row(cells, height, item))
        used += height
    return _Plan(size, header, blocks, 0, cut_any)


def _with_note(
    c: Canvas,
    box: L.TableBox,
    blocks: list[list[_Row]],
    rows: list[dict[str, Any]],
    shown: int,
    size: int,
    header: float,
    widths: list[float],
    pad: float,
    avail: float,
    cut: bool,
) -> _Plan:
    """Replace the last rows of the last block with "……另有 N 项" so the note fits."""
    note_h = size * 1.15 + 2 * pad
    last = blocks[-1]
    while last and sum(r.height for r in last) + note_h > avail + 1e-6:
        last.pop()
        shown -= 1
    dropped = len(rows) - shown
    first_key = box.columns[0].key
    last.append(
        _Row(
            [[f"……另有 {dropped} 项未列出"]] + [[""]] * (len(box.columns) - 1),
            note_h,
            {first_key: ""},
            note=True,
        )
    )
    return _Plan(size, header, blocks, dropped, cut)


def draw_table(c: Canvas, box: L.TableBox, f: Frame, ctx: dict[str, Any]) -> None:
    rows = list(ctx.get(box.bind) or [])
    if not rows:
        if box.empty:
            t = box.model_copy(update={"align": "centre", "valign": "middle", "colour": "muted"})
            c.text(box.empty, t, f, box.label or box.bind)
        return
    size = c.px(box.size)
    low = c.px(box.min if box.min is not None else box.size)
    while True:
        plan = _plan(c, box, rows, f, size, final=size <= low, whole_cells=True)
        if plan is not None:
            break
        size = max(low, size - max(1, size // 30))
    what = box.label or box.bind
    if plan.dropped:
        c.warn(
            what, f"共 {len(rows)} 行，最小字号下放不下，展板只列出前 {len(rows) - plan.dropped} 行"
        )
    elif plan.cut:
        c.warn(what, "有单元格内容过长，已以…截断")
    gap = c.px(box.gap)
    bw = (f.w - gap * (box.split - 1)) / box.split
    for b, block in enumerate(plan.blocks):
        if not block and b:
            continue
        bf = Frame(f.x + b * (bw + gap), f.y, bw, f.h)
        _draw_block(c, box, bf, block, plan)


def _draw_block(c: Canvas, box: L.TableBox, f: Frame, block: list[_Row], plan: _Plan) -> None:
    size = plan.size
    pad = box.pad * size
    step = size * box.line
    share = sum(col.width for col in box.columns)
    widths = [col.width / share * f.w for col in box.columns]
    header_face = c.fonts.face(box.header_font)
    header_font = header_face.font(size)
    c.draw.rectangle(
        (round(f.x), round(f.y), round(f.x + f.w) - 1, round(f.y + plan.header) - 1),
        fill=L.colour(box.header_fill),
    )
    x = f.x
    for col, w in zip(box.columns, widths, strict=True):
        tw = header_face.length(size)(col.label)
        tx = {"left": x + pad, "right": x + w - pad - tw}.get(col.align, x + (w - tw) / 2)
        c.draw.text(
            (tx, f.y + pad + ASCENT * size),
            col.label,
            font=header_font,
            fill=L.colour(box.header_colour),
            anchor="ls",
        )
        x += w
    y = f.y + plan.header
    rule = L.colour(box.rule)
    for i, row in enumerate(block):
        bottom = y + row.height
        fill = None
        if box.highlight and row.item.get(box.highlight):
            fill = L.colour("pale-gold")
        elif box.zebra and i % 2 == 1:
            fill = L.colour(box.zebra)
        if fill:
            c.draw.rectangle(
                (round(f.x), round(y), round(f.x + f.w) - 1, round(bottom) - 1), fill=fill
            )
        c.draw.line((f.x, bottom - 1, f.x + f.w, bottom - 1), fill=rule, width=max(1, c.px(1)))
        x = f.x
        for j, (col, w) in enumerate(zip(box.columns, widths, strict=True)):
            lines = row.cells[j]
            if row.note and j == 0:
                w = f.w  # the note spans the row
            face = c.fonts.face(col.font or box.font)
            font, length = face.font(size), face.length(size)
            value = str(row.item.get(col.key, ""))
            colour = (
                L.colour(col.colours.get(value, box.colour)) if not row.note else L.colour("muted")
            )
            block_h = (len(lines) - 1) * step + size * 1.15
            ty = y + (row.height - block_h) / 2 + ASCENT * size + size * 0.075
            for line in lines:
                lw = length(line)
                align = "left" if row.note else col.align
                tx = {"left": x + pad, "right": x + w - pad - lw}.get(align, x + (w - lw) / 2)
                kw = (
                    {"stroke_width": max(1, round(size / 36)), "stroke_fill": colour}
                    if face.fake_bold
                    else {}
                )
                c.draw.text((tx, ty), line, font=font, fill=colour, anchor="ls", **kw)
                ty += step
            x += w
            if row.note:
                break
        y = bottom
    # a frame around the block keeps it readable on a wall
    c.draw.rectangle(
        (round(f.x), round(f.y), round(f.x + f.w) - 1, round(y) - 1),
        outline=rule,
        width=max(1, c.px(1)),
    )


def natural_table_height(c: Canvas, box: L.TableBox, ctx: dict[str, Any], width: float) -> float:
    """The height at which every row fits at the preferred size (rows of a split table
    flowing into its blocks as evenly as they can)."""
    rows = list(ctx.get(box.bind) or [])
    size = c.px(box.size)
    if not rows:
        return size * 3 if box.empty else 0
    block = (width - c.px(box.gap) * (box.split - 1)) / box.split
    tall = _plan(
        c,
        box.model_copy(update={"split": 1}),
        rows,
        Frame(0, 0, block, float("inf")),
        size,
        final=False,
    )
    assert tall is not None
    heights = [r.height for r in tall.blocks[0]]
    need = max(sum(heights) / box.split, max(heights))
    while True:
        plan = _plan(c, box, rows, Frame(0, 0, width, tall.header + need), size, final=False)
        if plan is not None:
            return tall.header + need + 1
        need += min(heights)
