"""The generic board renderer: draws a layout's boxes with a board's data onto an image.

It knows box kinds (text, image, table, …), never boards: what a board shows is
`boards.py`, where it goes is `layouts/*.yml`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PIL import Image

from generator.print import flow, shapes, table
from generator.print import layout as L
from generator.print.canvas import Canvas, Frame, Picture, fill_template
from generator.print.fonts import Fonts
from generator.print.paper import Paper

DRAW: dict[str, Callable[[Canvas, Any, Frame, dict[str, Any]], None]] = {
    "rect": shapes.rect,
    "rule": shapes.rule,
    "frame": shapes.frame,
    "text": shapes.text,
    "heading": shapes.heading,
    "number": shapes.number,
    "image": shapes.image,
    "qr": shapes.qr,
    "stars": shapes.stars,
    "repeat": flow.repeat,
    "ring": flow.ring,
    "stack": flow.stack,
    "table": table.draw_table,
}


def render(
    layout: L.Layout, data: dict[str, Any], paper: Paper, fonts: Fonts, board: str
) -> tuple[Image.Image, list[str]]:
    """Draw one board; returns the image and the warnings (cut text, dropped items)."""
    canvas = Canvas(paper, fonts, board, DRAW)
    image = canvas.render(layout, data)
    return image, canvas.warnings


__all__ = ["DRAW", "Canvas", "Frame", "Picture", "fill_template", "render"]
