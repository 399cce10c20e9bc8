"""Find a Chinese font for the boards: --font, else fontconfig, else known paths.

Fontconfig's answer to `:lang=zh` is DejaVu on Debian even with Noto CJK installed, and a
font that lacks a glyph still draws a box (.notdef), so every candidate is checked by
rendering 中 and comparing it with a character no font has.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import ImageFont

MISSING = "找不到中文字体：请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）或用 --font 指定字体文件"
ROLES = ("sans", "bold", "serif", "serif-bold")

# Where CJK fonts live on common systems, best first; role -> candidates.
KNOWN_PATHS: dict[str, tuple[str, ...]] = {
    "sans": (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/System/Library/Fonts/PingFang.ttc",
        "/System/Library/Fonts/STHeiti Medium.ttc",
        "C:/Windows/Fonts/msyh.ttc",
        "C:/Windows/Fonts/simhei.ttf",
    ),
    "bold": (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
        "C:/Windows/Fonts/msyhbd.ttc",
    ),
    "serif": (
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc",
        "C:/Windows/Fonts/simsun.ttc",
    ),
    "serif-bold": (
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
        "/usr/share/fonts/noto-cjk/NotoSerifCJK-Bold.ttc",
    ),
}


class FontNotFound(Exception):
    """No usable Chinese font; the CLI prints the message and exits 1 (no traceback)."""

    def __init__(self, message: str = MISSING):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Face:
    """One font face: file, index inside a .ttc, and whether bold must be simulated."""

    path: str
    index: int = 0
    fake_bold: bool = False

    def font(self, size: int) -> ImageFont.FreeTypeFont:
        return _load(self.path, self.index, max(1, int(size)))

    def length(self, size: int) -> Callable[[str], float]:
        """`font(size).getlength`, the very same floats, but cheap: text layout measures every
        line it tries (thousands of prefixes per board) and each getlength loads every glyph."""
        return _lengths(self.path, self.index, max(1, int(size)))

    def adds_up(self) -> bool:
        """Whether `length` of a text is the sum of its characters' lengths (`adds_up`)."""
        return adds_up(self.path, self.index)

    def identity(self) -> str:
        """What the cache key records: the file, its size and mtime (hashing 20 MB is slow)."""
        st = Path(self.path).stat()
        return f"{self.path}#{self.index}:{st.st_size}:{int(st.st_mtime)}:{int(self.fake_bold)}"


@dataclass(frozen=True)
class Fonts:
    """The faces a layout may name: sans, bold, serif, serif-bold."""

    faces: dict[str, Face]

    def face(self, role: str) -> Face:
        return self.faces.get(role) or self.faces["sans"]

    def identity(self) -> str:
        return "|".join(f"{r}={self.faces[r].identity()}" for r in sorted(self.faces))


@lru_cache(maxsize=512)
def _load(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return _MemoFont(path, size, index=index, layout_engine=ImageFont.Layout.BASIC)


MASK_BUDGET = 16 * 1024**2  # bytes of text masks kept for reuse, over all fonts (per process)


class _MemoFont(ImageFont.FreeTypeFont):
    """A font that remembers the text masks it rendered (ImageDraw.text asks this font for
    them): boards repeat the same words at the same spot — every branch's headings, table
    headers, labels — and FreeType loads and rasterises every glyph of a text four times over.

    A mask is a pure function of the font and of getmask2's arguments, so a remembered mask
    is the very mask a new render would give. One argument is the fraction of a pixel the
    text starts at, which `_start_key` narrows to what the mask depends on (justified and
    tracked lines draw each character at its own fraction). Colour masks (RGBA) are not
    kept: ImageDraw writes into those."""

    _masks: OrderedDict[tuple, tuple[Any, tuple[int, int]]] = OrderedDict()
    _bytes = 0

    def getmask2(self, text: Any, mode: str = "", *args: Any, **kwargs: Any) -> Any:
        if mode == "RGBA" or not isinstance(text, str):
            return super().getmask2(text, mode, *args, **kwargs)
        try:
            key = (
                self,
                text,
                mode,
                self._start_key(mode, args, kwargs),
                tuple(sorted(kwargs.items())),
            )
            hash(key)
        except TypeError:  # a list of features: not worth keeping
            return super().getmask2(text, mode, *args, **kwargs)
        masks = _MemoFont._masks
        found = masks.get(key)
        if found is not None:
            masks.move_to_end(key)
            return found
        found = super().getmask2(text, mode, *args, **kwargs)
        width, height = found[0].size
        _MemoFont._bytes += width * height + 64
        masks[key] = found
        while _MemoFont._bytes > MASK_BUDGET and masks:
            (old, _) = masks.popitem(last=False)[1]
            _MemoFont._bytes -= old.size[0] * old.size[1] + 64
        return found

    def _start_key(self, mode: str, args: tuple, kwargs: dict[str, Any]) -> tuple:
        """getmask2's arguments after `mode`, the start's fractions narrowed to the class of
        pixel placement they give, where that class is certain; else the arguments as given.

        In the basic layout every advance is a whole pixel (hinted), and FreeType renders each
        glyph at its pen position rounded to a whole pixel; the start (x, y in [0, 1)) only
        moves that pen: in x by a pixel when x*64 rounds to 32 or more (x >= 31.5/64), in y
        by one when y*64 rounds to 33 or more (y >= 32.5/64), and it widens the mask by a
        pixel when not 0. So fractions in the same one of `_placement`'s three ranges give the
        same mask, byte for byte. Fractions within 0.05/64 of a boundary (float32 sums in the
        C code), at the ends of [0, 1), with another layout, a stroke of a fraction of a
        pixel or a huge size keep their exact value."""
        if len(args) != 7 or mode not in ("", "L") or not self._placed_by_pixel:
            return args
        direction, features, language, stroke, anchor, ink, start = args
        if (
            direction is not None
            or features is not None
            or language is not None
            or len(kwargs) > 1
            or (kwargs and "stroke_filled" not in kwargs)
            or type(start) is not tuple
            or len(start) != 2
            or type(stroke) not in (int, float)
            or stroke != int(stroke)
        ):
            return args
        return (stroke, anchor, ink, _placement(start[0]), _placement(start[1]))

    @property
    def _placed_by_pixel(self) -> bool:
        return self.layout_engine == ImageFont.Layout.BASIC and self.size <= 2048


def _placement(v: float) -> float | str:
    if type(v) is not float or not 0.01 < v < 0.99:
        return v
    q = v * 64
    if abs(q - 31.5) < 0.05 or abs(q - 32.5) < 0.05:
        return v
    return "low" if q < 31.5 else ("mid" if q < 32.5 else "high")


class _Advances(dict[str, float]):
    """Character -> its advance at one size, measured on first use."""

    def __init__(self, font: ImageFont.FreeTypeFont):
        super().__init__()
        self.font = font

    def __missing__(self, ch: str) -> float:
        width = self[ch] = self.font.getlength(ch)
        return width


@lru_cache(maxsize=512)
def _lengths(path: str, index: int, size: int) -> Callable[[str], float]:
    font = _load(path, index, size)
    if not adds_up(path, index):
        return font.getlength
    advances = _Advances(font)

    def length(text: str) -> float:
        return sum(map(advances.__getitem__, text), 0.0)

    return length


@lru_cache(maxsize=64)
def adds_up(path: str, index: int = 0) -> bool:
    """True when a text's width is the sum of its characters' widths, exactly.

    Pillow's basic layout (the one `_load` asks for) adds up each glyph's whole-pixel advance
    in 26.6 fixed point and applies nothing between two glyphs but the pair kerning of a
    legacy `kern` table (GPOS kerning needs raqm). So a face without a `kern` table adds up:
    the sum of per-character widths (multiples of 1/64, summed exactly in floats) is the
    very number getlength returns. Noto CJK has no `kern` table. Unreadable file: False."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                fh.seek(12 + 4 * index)
                (offset,) = struct.unpack(">I", fh.read(4))
            fh.seek(offset)
            tag, count = struct.unpack(">4sH", fh.read(6))
            if tag not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
                return False
            fh.seek(offset + 12)
            directory = fh.read(16 * count)
    except (OSError, struct.error):
        return False
    if len(directory) != 16 * count:
        return False
    return all(directory[k : k + 4] != b"kern" for k in range(0, len(directory), 16))


def has_chinese(path: str, index: int = 0) -> bool:
    """True when the face draws 中 and 国 as real glyphs, not as its missing-glyph box."""
    try:
        font = ImageFont.truetype(path, 48, index=index)
    except OSError:
        return False
    notdef = font.getmask("\U0010fffd")
    for ch in "中国":
        mask = font.getmask(ch)
        if mask.getbbox() is None:
            return False
        if mask.size == notdef.size and bytes(mask) == bytes(notdef):
            return False
    return True


def _simplified_index(path: str) -> int:
    """In a collection (.ttc) prefer the Simplified Chinese face ("… SC"), else the first."""
    if not path.lower().endswith((".ttc", ".otc")):
        return 0
    for index in range(16):
        try:
            family, _ = ImageFont.truetype(path, 12, index=index).getname()
        except OSError:
            break
        if family and (family.endswith(" SC") or "SC " in family or "GB" in family):
            return index
    return 0


def _usable(path: str) -> Face | None:
    if not Path(path).is_file():
        return None
    index = _simplified_index(path)
    return Face(path, index) if has_chinese(path, index) else None


def fc_list() -> list[tuple[str, str]]:
    """(file, style) of every font fontconfig says covers zh-cn; empty without fontconfig."""
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        out = subprocess.run(
            [exe, ":lang=zh-cn", "file", "style"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    rows = []
    for line in sorted(out.splitlines()):
        file, _, style = line.partition(":")
        rows.append((file.strip(), style.partition("=")[2].split(",")[0].strip()))
    return rows


def _from_fontconfig(rows: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Sort fontconfig's files into roles by name and style; Noto/Source Han first."""
    roles: dict[str, list[str]] = {r: [] for r in ROLES}

    def rank(row: tuple[str, str]) -> tuple[int, str]:
        name = Path(row[0]).name.lower()
        return (0 if ("noto" in name or "sourcehan" in name) else 1, row[0])

    for file, style in sorted(rows, key=rank):
        name = Path(file).name.lower()
        serif = "serif" in name and "sans" not in name or "song" in name or "ming" in name
        bold = "bold" in style.lower() or "bold" in name
        role = ("serif-bold" if bold else "serif") if serif else ("bold" if bold else "sans")
        roles[role].append(file)
    return roles


def find_fonts(
    explicit: str | Path | None = None,
    fontconfig: Callable[[], list[tuple[str, str]]] | None = None,
    known: dict[str, tuple[str, ...]] | None = None,
) -> Fonts:
    """The faces for every role; raise FontNotFound when no Chinese font is found at all.

    Order: `explicit` (--font), then what fontconfig lists for zh-cn, then KNOWN_PATHS;
    `fontconfig`/`known` default to this module's `fc_list`/`KNOWN_PATHS` (tests swap them)."""
    if explicit:
        path = str(Path(explicit).expanduser())
        if not Path(path).is_file():
            raise FontNotFound(f"找不到字体文件：{path}")
        face = _usable(path)
        if face is None:
            raise FontNotFound(
                f"字体文件不含中文字形：{path}（请换用中文字体，如 Noto Sans CJK SC）"
            )
        return _complete({"sans": face})
    fontconfig = fontconfig or fc_list
    known = KNOWN_PATHS if known is None else known
    found_by_fc = _from_fontconfig(fontconfig())
    faces: dict[str, Face] = {}
    for role in ROLES:
        for path in [*found_by_fc.get(role, []), *known.get(role, ())]:
            face = _usable(path)
            if face is not None:
                faces[role] = face
                break
    if "sans" not in faces:
        other = next((faces[r] for r in ROLES if r in faces), None)
        if other is None:
            raise FontNotFound()
        faces["sans"] = Face(other.path, other.index)
    return _complete(faces)


def _complete(faces: dict[str, Face]) -> Fonts:
    """Fill missing roles from what was found; a missing bold is drawn with a thin stroke."""
    sans = faces["sans"]
    bold = faces.get("bold") or Face(sans.path, sans.index, fake_bold=True)
    serif = faces.get("serif") or sans
    serif_bold = faces.get("serif-bold") or (
        bold if "serif" not in faces else Face(serif.path, serif.index, True)
    )
    return Fonts({"sans": sans, "bold": bold, "serif": serif, "serif-bold": serif_bold})
