"""Charts drawn at build time as inline SVG: no chart library, nothing loaded at view time.
(Counts and the heat map need no drawing: they are HTML lists and tables, render/pages/
portrait.py and theme/showcase/charts.html.)

Every chart is `role="img"` with a <title> and <desc> for screen readers, and the page puts
the same numbers in a table beside it. Colours come from CSS (classes and `currentColor`), so
dark mode and print restyle the charts without a second drawing. Output is deterministic:
coordinates are rounded to one decimal.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

LABEL_W = 118  # width of the label column of paired bars
FONT = 12


def _n(x: float) -> str:
    """A coordinate with at most one decimal (stable text, small files)."""
    r = round(x, 1)
    return str(int(r)) if r == int(r) else str(r)


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


def _open(key: str, width: float, height: float, title: str, desc: str, cls: str) -> str:
    t, d = f"{key}-t", f"{key}-d"
    return (
        f'<svg class="sc-chart {cls}" viewBox="0 0 {_n(width)} {_n(height)}" role="img" '
        f'aria-labelledby="{t} {d}" font-size="{FONT}">'
        f'<title id="{t}">{escape(title)}</title><desc id="{d}">{escape(desc)}</desc>'
    )


def _clip(label: str, limit: int = 9) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def line_chart(
    key: str,
    title: str,
    cols: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    low: float = 0.5,
) -> Markup:
    """Rates (0..1) by column, one line per series; gaps where a value is None. The y axis
    runs from `low` to 100% so the differences that matter (80% vs 95%) are visible."""
    width, height = 360, 200
    left, right, top, bottom = 40, 10, 12, 42
    pw, ph = width - left - right, height - top - bottom
    n = max(1, len(cols) - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + pw * i / n, top + ph * (1 - (max(v, low) - low) / (1 - low))

    desc = "；".join(
        f"{name}："
        + "、".join(f"{c} {v:.0%}" for c, v in zip(cols, vals, strict=False) if v is not None)
        for name, vals in series
    )
    out = [_open(key, width, height, title, desc, "sc-chart-line")]
    for k in range(0, 6):
        v = low + (1 - low) * k / 5
        _, y = xy(0, v)
        out.append(
            f'<line class="sc-grid" x1="{left}" x2="{width - right}" y1="{_n(y)}" y2="{_n(y)}"/>'
        )
        out.append(
            f'<text x="{left - 4}" y="{_n(y + 4)}" text-anchor="end" fill="currentColor" font-size="10">{v:.0%}</text>'
        )
    for i, c in enumerate(cols):
        x, _ = xy(i, low)
        out.append(
            f'<text x="{_n(x)}" y="{height - bottom + 14}" text-anchor="middle" fill="currentColor" font-size="10">{escape(c)}</text>'
        )
    for s, (name, vals) in enumerate(series):
        runs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(vals):
            if v is None:
                runs.append([])
            else:
                runs[-1].append(xy(i, v))
        for run in runs:
            if len(run) > 1:
                pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
                out.append(f'<polyline class="sc-line sc-line-{s}" points="{pts}" fill="none"/>')
            for x, y in run:
                out.append(f'<circle class="sc-dot sc-dot-{s}" cx="{_n(x)}" cy="{_n(y)}" r="3"/>')
        lx = left + s * 120
        out.append(
            f'<line class="sc-line sc-line-{s}" x1="{lx}" x2="{lx + 18}" y1="{height - 10}" y2="{height - 10}"/>'
            f'<text x="{lx + 22}" y="{height - 6}" fill="currentColor" font-size="11">{escape(name)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def paired_bars(
    key: str, title: str, rows: Sequence[tuple[str, float, float]], names: tuple[str, str]
) -> Markup:
    """Two bars per label (e.g. this year and last year), a legend below."""
    width = 360
    plot = width - LABEL_W - 40
    peak = max((max(a, b) for _, a, b in rows), default=0) or 1
    row = 30
    height = row * max(1, len(rows)) + 26
    desc = "；".join(f"{lab}：{names[0]} {_num(a)}，{names[1]} {_num(b)}" for lab, a, b in rows)
    out = [_open(key, width, height, title, desc, "sc-chart-pairs")]
    for i, (label, a, b) in enumerate(rows):
        y = 2 + i * row
        out.append(
            f'<text x="{LABEL_W - 6}" y="{_n(y + 16)}" text-anchor="end" fill="currentColor">{escape(_clip(label))}</text>'
        )
        for k, v in enumerate((a, b)):
            w = plot * v / peak
            yy = y + 3 + k * 12
            out.append(
                f'<rect class="sc-svg-bar sc-svg-bar-{k}" x="{LABEL_W}" y="{yy}" width="{_n(max(w, 0.5 if v else 0))}" height="10" rx="1.5"/>'
                f'<text x="{_n(LABEL_W + w + 4)}" y="{yy + 9}" fill="currentColor" font-size="10">{_num(v)}</text>'
            )
    ly = height - 10
    for k, name in enumerate(names):
        lx = LABEL_W + k * 100
        out.append(
            f'<rect class="sc-svg-bar sc-svg-bar-{k}" x="{lx}" y="{ly - 8}" width="12" height="10"/><text x="{lx + 16}" y="{ly + 1}" fill="currentColor" font-size="11">{escape(name)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def radar(
    key: str,
    title: str,
    axes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    top: float = 100,
) -> Markup:
    """A radar (spider) chart of scores 0..top on each axis; one polygon per series."""
    import math

    size, cx, cy, r = 320, 160, 150, 105
    n = len(axes)

    def pt(i: int, v: float) -> tuple[float, float]:
        a = -math.pi / 2 + 2 * math.pi * i / n
        k = max(0.0, min(v, top)) / top
        return cx + r * k * math.cos(a), cy + r * k * math.sin(a)

    desc = "；".join(
        f"{name}：" + "、".join(f"{ax} {_num(v)}" for ax, v in zip(axes, vals, strict=True))
        for name, vals in series
    )
    out = [_open(key, size, size - 10, title, desc, "sc-chart-radar")]
    for ring in (0.25, 0.5, 0.75, 1):
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in (pt(i, top * ring) for i in range(n)))
        out.append(f'<polygon class="sc-grid" points="{pts}" fill="none"/>')
    for i, ax in enumerate(axes):
        x, y = pt(i, top)
        lx, ly = pt(i, top * 1.22)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        out.append(f'<line class="sc-grid" x1="{cx}" y1="{cy}" x2="{_n(x)}" y2="{_n(y)}"/>')
        out.append(
            f'<text x="{_n(lx)}" y="{_n(ly + 4)}" text-anchor="{anchor}" fill="currentColor">{escape(ax)}</text>'
        )
    for s, (_, vals) in enumerate(series):
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in (pt(i, v) for i, v in enumerate(vals)))
        out.append(f'<polygon class="sc-area sc-area-{s}" points="{pts}"/>')
    out.append("</svg>")
    return Markup("".join(out))
