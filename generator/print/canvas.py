"""The canvas of one board: geometry, the unit `u`, fonts, text drawing and warnings.

Text goes through `text.py`, so it shrinks to fit and, at its minimum size, is cut with …
and reported — it never leaves its box. Box kinds live in `shapes.py` (single boxes),
`flow.py` (boxes that place other boxes) and `table.py`; `draw.py` ties them together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from string import Formatter
from typing import Any

from PIL import Image, ImageDraw

from generator.print import layout as L
from generator.print.fonts import Fonts
from generator.print.paper import Paper
from generator.print.text import Additive, Fitted, fit_text, tokens

# Noto CJK's ideographic em box spans 0.88 em above the baseline and 0.12 em below it.
ASCENT = 0.88


@dataclass(frozen=True)
class Picture:
    """A photo or logo to draw: its file and content digest (the digest goes into cache keys)."""

    path: str
    digest: str


@dataclass(frozen=True)
class Frame:
    x: float
    y: float
    w: float
    h: float

    def sub(self, at: Sequence[float]) -> Frame:
        fx, fy, fw, fh = at
        return Frame(self.x + fx * self.w, self.y + fy * self.h, fw * self.w, fh * self.h)

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (
            round(self.x),
            round(self.y),
            round(self.x + self.w) - 1,
            round(self.y + self.h) - 1,
        )

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def fit_aspect(self, ratio: float) -> Frame:
        """The largest frame of width/height `ratio` centred in this one."""
        w, h = (self.w, self.w / ratio) if self.w / self.h < ratio else (self.h * ratio, self.h)
        return Frame(self.x + (self.w - w) / 2, self.y + (self.h - h) / 2, w, h)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def fill_template(template: str, ctx: dict[str, Any]) -> str:
    """`"{brand_name}"` → the value; unknown fields are empty, never an error."""
    if "{" not in template:
        return template
    values = _Blank(
        {k: ("" if v is None else v) for k, v in ctx.items() if not isinstance(v, list | dict)}
    )
    return Formatter().vformat(template, (), values).strip()


@dataclass
class Canvas:
    """One board being drawn: the image, the unit `u`, fonts, and the warnings collected."""

    paper: Paper
    fonts: Fonts
    board: str  # "zhisi 品牌展板", for warnings
    kinds: dict[str, Callable[..., None]]  # box kind -> its draw function (draw.DRAW)
    warnings: list[str] = field(default_factory=list)
    memo: dict[tuple, Any] = field(default_factory=dict)  # layouts worked out, by what made them

    def __post_init__(self) -> None:
        self.image = Image.new("RGB", self.paper.px, "white")
        self.draw = ImageDraw.Draw(self.image)
        tw, th = self.paper.trim_px
        self.u = min(tw, th) / 1000
        b = self.paper.bleed_px
        self.page = Frame(b, b, tw, th)
        self.bleed = b

    # --- entry point ---------------------------------------------------------------------

    def render(self, layout: L.Layout, data: dict[str, Any]) -> Image.Image:
        self.draw.rectangle((0, 0, *self.image.size), fill=L.colour(layout.background))
        self.boxes(layout.boxes, self.page, data, top=True)
        return self.image

    def boxes(
        self, boxes: Sequence[Any], frame: Frame, ctx: dict[str, Any], top: bool = False
    ) -> None:
        for box in boxes:
            if box.when and not ctx.get(box.when):
                continue
            if box.unless and ctx.get(box.unless):
                continue
            f = frame.sub(box.at)
            if box.aspect:
                f = f.fit_aspect(box.aspect)
            if top and box.kind == "rect":
                f = self._bleed(f)
            self.kinds[box.kind](self, box, f, ctx)

    def _bleed(self, f: Frame) -> Frame:
        """A panel that touches the trim edge runs on into the bleed, so no white shows."""
        p, b, eps = self.page, self.bleed, 0.5
        x0, y0, x1, y1 = f.x, f.y, f.x + f.w, f.y + f.h
        x0 = x0 - b if abs(x0 - p.x) < eps else x0
        y0 = y0 - b if abs(y0 - p.y) < eps else y0
        x1 = x1 + b if abs(x1 - (p.x + p.w)) < eps else x1
        y1 = y1 + b if abs(y1 - (p.y + p.h)) < eps else y1
        return Frame(x0, y0, x1 - x0, y1 - y0)

    def px(self, u: float) -> int:
        return max(1, round(u * self.u))

    def warn(
        self, what: str, detail: str = "内容过长，已缩至最小字号仍放不下，末尾以…截断"
    ) -> None:
        message = f"{self.board}「{what}」{detail}"
        if message not in self.warnings:
            self.warnings.append(message)

    # --- text ----------------------------------------------------------------------------

    def measure_at(
        self, font_role: str, tracking: float = 0
    ) -> Callable[[int], Callable[[str], float]]:
        face = self.fonts.face(font_role)
        cache: dict[tuple[int, str], float] = {}

        def at(size: int) -> Callable[[str], float]:
            length = face.length(size)
            extra = tracking * size
            if face.adds_up():  # line breaking keeps running widths; the same numbers
                return Additive(length, extra)

            def measure(s: str) -> float:
                key = (size, s)
                if key not in cache:
                    cache[key] = length(s) + extra * max(0, len(s) - 1)
                return cache[key]

            return measure

        return at

    def fit(self, text: str, t: L.Typo, f: Frame) -> Fitted:
        size = self.px(t.size)
        low = self.px(t.min if t.min is not None else t.size)
        return fit_text(
            text,
            f.w,
            f.h,
            size,
            low,
            self.measure_at(t.font, t.tracking),
            t.line,
            t.indent,
            t.max_lines,
            balance=t.balance,
        )

    def text_lines(self, fitted: Fitted, t: L.Typo, f: Frame, colour: str | None = None) -> None:
        """Draw laid-out lines in the frame with the box's alignment."""
        size = fitted.size
        face = self.fonts.face(t.font)
        font, length = face.font(size), face.length(size)
        measure = self.measure_at(t.font, t.tracking)(size)
        fill = L.colour(colour or t.colour)
        y = f.y
        if t.valign == "middle":
            y += (f.h - fitted.height) / 2
        elif t.valign == "bottom":
            y += f.h - fitted.height
        step = size * t.line
        para_gap = 0.4 * step
        stroke = max(1, round(size / 36)) if face.fake_bold else 0
        for i, line in enumerate(fitted.lines):
            if i in fitted.para_starts and i:
                y += para_gap
            indent = t.indent * size if i in fitted.para_starts else 0
            width = measure(line)
            x = f.x + indent
            extra = 0.0
            if t.align == "centre":
                x = f.x + (f.w - width) / 2
            elif t.align == "right":
                x = f.x + f.w - width
            elif t.align == "justify" and i not in fitted.para_ends:
                extra = self._justify(line, f.w - indent - width, size)
            self._line(
                x, y + ASCENT * size, line, font, fill, t.tracking * size, extra, stroke, length
            )
            y += step

    @staticmethod
    def _justify(line: str, slack: float, size: int) -> float:
        gaps = len(tokens(line)) - 1
        if gaps <= 0 or slack <= 0:
            return 0
        per = slack / gaps
        return per if per < 0.35 * size else 0  # a line broken early is left ragged

    def _line(
        self,
        x: float,
        baseline: float,
        line: str,
        font: Any,
        fill: Any,
        tracking: float,
        extra: float,
        stroke: int,
        length: Callable[[str], float],
    ) -> None:
        kw = {"font": font, "fill": fill, "anchor": "ls"}
        if stroke:
            kw |= {"stroke_width": stroke, "stroke_fill": fill}
        if not tracking and not extra:
            self.draw.text((x, baseline), line, **kw)
            return
        for tok in tokens(line):
            chars = list(tok) if tracking else [tok]
            for piece in chars:
                self.draw.text((x, baseline), piece, **kw)
                x += length(piece) + tracking
            x += extra

    def text(
        self, text: str, t: L.Typo, f: Frame, label: str, colour: str | None = None
    ) -> Fitted | None:
        if not text:
            return None
        fitted = self.fit(text, t, f)
        if fitted.truncated:
            self.warn(label or text[:12])
        self.text_lines(fitted, t, f, colour)
        return fitted
