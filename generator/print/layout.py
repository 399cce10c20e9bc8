"""Board layouts as data: `layouts/<kind>.yml` holds a portrait and a landscape layout, each
a list of boxes. The renderer (`draw.py`) knows only these box kinds, never a board.

Units, so one layout serves A4 to A0:
- `at: [x, y, w, h]` — fractions of the parent: the page's trim area, or the cell of a
  `repeat`/`ring` box;
- sizes (`size`, `min`, `gap`, `radius`, `width`, `pad`) — `u`, a thousandth of the page's
  shorter trim side (on A3, 1 u = 0.297 mm; 14 u ≈ 12 pt);
- colours — a name from THEME (the site's colours) or `#rrggbb`.
Text boxes take `text: "{field}"`, filled from the board's data; `when: field` draws a box
only when that field is not empty.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

LAYOUTS = Path(__file__).resolve().parent / "layouts"

# The site theme's colours (theme/assets/showcase/showcase.css), plus a few print shades.
THEME = {
    "red": "#c8161d",
    "deep-red": "#9b1016",
    "gold": "#d4a017",
    "pale-gold": "#f3e3b0",
    "dark": "#222222",
    "paper": "#fffaf0",
    "cream": "#fbf1dc",
    "white": "#ffffff",
    "muted": "#6b6b6b",
    "line": "#e6d7b8",
    "green": "#2e7d32",
    "orange": "#c06000",
    "grey": "#b8b0a0",
}

Align = Literal["left", "centre", "right", "justify"]
VAlign = Literal["top", "middle", "bottom"]
Rect = tuple[float, float, float, float]


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BaseBox(Spec):
    at: Rect = (0, 0, 1, 1)
    when: str | None = None  # draw only when this data field is not empty
    unless: str | None = None  # draw only when this data field is empty
    aspect: float | None = None  # keep this width/height ratio: the box shrinks, centred


class Typo(Spec):
    """Text settings shared by every box that sets type."""

    font: str = "sans"  # sans | bold | serif | serif-bold
    size: float = 14  # u
    min: float | None = None  # u; shrink down to this before cutting with …
    colour: str = "dark"
    align: Align = "left"
    valign: VAlign = "top"
    line: float = 1.5  # line height, in font sizes
    tracking: float = 0  # extra space between characters, in em
    indent: float = 0  # first-line indent, in em (2 for Chinese body text)
    max_lines: int | None = None
    balance: bool = False  # even out the lines of a title that needs more than one


class RectBox(BaseBox):
    kind: Literal["rect"]
    fill: str | None = None
    border: str | None = None
    width: float = 1  # border width, u
    radius: float = 0


class RuleBox(BaseBox):
    """A line across the middle of the box (horizontal when wider than tall)."""

    kind: Literal["rule"]
    colour: str = "gold"
    width: float = 1


class FrameBox(BaseBox):
    """A border inset in the box: one line, or two (a dignified double rule)."""

    kind: Literal["frame"]
    colour: str = "gold"
    width: float = 2
    double: float = 0  # gap to a second, thinner inner line, u (0 = single)
    corners: float = 0  # size of square corner ornaments, u


class TextBox(BaseBox, Typo):
    kind: Literal["text"]
    text: str
    label: str = ""  # what a warning calls this text, e.g. 品牌内涵


class HeadingBox(BaseBox, Typo):
    """A section heading: a red bar, the words, and a thin rule to the right edge."""

    kind: Literal["heading"]
    text: str
    bar: str = "red"
    rule: str | None = "gold"


class NumberBox(BaseBox, Typo):
    """A big figure with its unit on the same baseline (成效)."""

    kind: Literal["number"]
    value: str
    unit: str = ""
    unit_size: float = 0.4  # of the value's size
    unit_colour: str = "dark"
    label: str = ""


class ImageBox(BaseBox):
    kind: Literal["image"]
    bind: str
    fit: Literal["cover", "contain"] = "cover"
    radius: float = 0
    border: str | None = None
    width: float = 1
    placeholder: str = ""  # words on a pale panel when the picture is missing ("{field}" too)
    placeholder_colour: str = "muted"
    placeholder_size: float = 12
    placeholder_font: str = "sans"
    ratio: float | None = None  # keep the picture at this width/height, top-aligned in the box
    caption: str = ""  # "{field}": one line right under the picture
    caption_size: float = 12
    caption_colour: str = "muted"


class QrBox(BaseBox):
    kind: Literal["qr"]
    bind: str
    colour: str = "dark"


class StarsBox(BaseBox):
    """Five stars: `star` of them filled gold; all grey when `vetoed` is set."""

    kind: Literal["stars"]
    bind: str = "star"
    vetoed: str = "vetoed"
    colour: str = "gold"
    empty: str = "grey"
    outline: str | None = None
    count: int = 5


class Column(Spec):
    key: str
    label: str
    width: float  # share of the table width
    align: Literal["left", "centre", "right"] = "left"
    font: str | None = None
    colours: dict[str, str] = {}  # cell value -> colour (statuses)
    wrap: bool = True


class TableBox(BaseBox, Typo):
    """Rows of a list field; cells wrap, rows shrink to fit, the rest is cut with a note."""

    kind: Literal["table"]
    bind: str
    columns: tuple[Column, ...]
    header_fill: str = "red"
    header_colour: str = "white"
    header_font: str = "bold"
    zebra: str | None = "cream"
    rule: str = "line"
    split: int = 1  # side-by-side blocks for long lists
    gap: float = 12  # between blocks, u
    pad: float = 0.4  # cell padding, in font sizes
    highlight: str | None = None  # a row field that, when set, paints the row pale gold
    empty: str = ""  # words shown when the list is empty
    max_cell_lines: int = 3
    label: str = ""


class RepeatBox(BaseBox):
    """One cell per item of a list field, in a grid of up to `columns` columns."""

    kind: Literal["repeat"]
    bind: str
    columns: int = 1
    max_items: int | None = None
    gap: float = 8  # u
    cell: tuple[Box, ...]
    label: str = ""
    balance: bool = True  # spread items over rows evenly (5 items in 4 columns -> 3 + 2)
    fixed_width: bool = False  # cells keep the width of `columns` columns even when fewer
    max_rows: int | None = None  # cells never taller than box/max_rows (keeps short lists tidy)
    cell_height: float | None = None  # u: a row's height inside a stack (its natural height)


Slot = Union[int, tuple[int, int, int, int]]  # noqa: UP007 - a cell number, or [col, row, cols, rows]


class Arrangement(Spec):
    """Where the one and the N go for a given N: a grid, the centre's cells, each item's."""

    grid: tuple[int, int]  # columns, rows
    centre: tuple[int, int, int, int]  # column, row, columns, rows
    slots: tuple[Slot, ...]
    widths: tuple[float, ...] | None = None  # column weights (default: equal)
    heights: tuple[float, ...] | None = None  # row weights
    inner: str = "default"  # which of the ring's `inner` layouts draws the centre
    cell: str = "default"  # which of the ring's `cell` layouts draws an item


class RingBox(BaseBox):
    """The 1+N arrangement: the centre for the one, the list items around it; connectors
    run from the centre to each item. The arrangement depends on how many items there are."""

    kind: Literal["ring"]
    bind: str
    arrangements: dict[int, Arrangement]
    gap: float = 10
    connector: str | None = "gold"
    connector_width: float = 2
    cell: dict[str, tuple[Box, ...]]
    inner: dict[str, tuple[Box, ...]]
    label: str = ""


class StackItem(Spec):
    """A band of a stack: a fixed height in u, or `auto` — as tall as its content wants."""

    size: float | Literal["auto"] = "auto"
    max: float | None = None  # u: an auto band never takes more (its content shrinks, then is cut)
    when: str | None = None
    boxes: tuple[Box, ...]


class StackBox(BaseBox):
    """Bands placed top to bottom by their content's height (a table of 3 rows takes less
    room than one of 12); when they do not all fit, the auto bands share the room and
    their contents shrink. Room left over widens the gaps a little, the rest stays below."""

    kind: Literal["stack"]
    items: tuple[StackItem, ...]
    gap: float = 12
    spread: float = 2.5  # gaps may grow up to this many times `gap`


Box = Annotated[
    Union[  # noqa: UP007 - the recursive union reads clearer spelled out
        RectBox,
        RuleBox,
        FrameBox,
        TextBox,
        HeadingBox,
        NumberBox,
        ImageBox,
        QrBox,
        StarsBox,
        TableBox,
        RepeatBox,
        RingBox,
        StackBox,
    ],
    Field(discriminator="kind"),
]
RepeatBox.model_rebuild()
RingBox.model_rebuild()
StackItem.model_rebuild()
StackBox.model_rebuild()


class Layout(Spec):
    background: str = "paper"
    boxes: tuple[Box, ...]


class BoardLayouts(Spec):
    """One board kind: its name, file name and a layout per orientation (keys starting with
    `x-` hold YAML anchors shared by both)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    name: str
    file: str
    portrait: Layout
    landscape: Layout


class LayoutError(Exception):
    """A layout file is wrong: a programming/configuration error with the file named."""


@lru_cache(maxsize=16)
def load_board(kind: str, folder: Path = LAYOUTS) -> BoardLayouts:
    path = folder / f"{kind}.yml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        extra = [
            k for k in raw if k not in BoardLayouts.model_fields and not str(k).startswith("x-")
        ]
        if extra:
            raise LayoutError(f"展板版式文件 {path} 有未知的键：{'、'.join(map(str, extra))}")
        return BoardLayouts.model_validate(
            {k: v for k, v in raw.items() if not str(k).startswith("x-")}
        )
    except FileNotFoundError:
        raise LayoutError(f"找不到展板版式文件 {path}") from None
    except (yaml.YAMLError, ValidationError) as exc:
        raise LayoutError(f"展板版式文件 {path} 有误：{exc}") from None


def layout_for(kind: str, landscape: bool, folder: Path = LAYOUTS) -> Layout:
    board = load_board(kind, folder)
    return board.landscape if landscape else board.portrait


def colour(name: str | None) -> str | None:
    if name is None:
        return None
    return THEME.get(name, name)
