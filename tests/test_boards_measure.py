"""Cheap text measuring and drawing for boards give the very numbers and pixels of the plain
way: widths from per-character advances (fonts without pair kerning), running line widths in
line breaking, and text masks remembered per font and position."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from generator.print import fonts as font_module
from generator.print.fonts import Face, FontNotFound, adds_up, find_fonts
from generator.print.text import Additive, break_paragraph, fit_text

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # has a legacy `kern` table
ALPHABET = (
    "党支部品牌建设先锋质量服务群众学习教育组织生活会议"
    "，。、；：？！（）《》“”‘’…—·%"
    "AVTWaoy.,0123456789-/ "
)
TEXT = st.text(alphabet=ALPHABET, min_size=1, max_size=120)


@pytest.fixture(scope="module")
def faces() -> list[Face]:
    try:
        fonts = find_fonts()
    except FontNotFound:
        pytest.fail("no Chinese font: run `make test` (it installs fonts-noto-cjk)")
    return list(dict.fromkeys(fonts.faces.values()))


def plain_measure(face: Face, tracking: float = 0):
    """The measure boards used before: the whole text through FreeType, tracking added."""

    def at(size: int):
        font = face.font(size)
        extra = tracking * size
        return lambda s: font.getlength(s) + extra * max(0, len(s) - 1)

    return at


def fast_measure(face: Face, tracking: float = 0):
    def at(size: int):
        return Additive(face.length(size), tracking * size)

    return at


def test_the_chinese_fonts_add_up(faces: list[Face]) -> None:
    assert all(f.adds_up() for f in faces)


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=8), st.integers(3, 140))
def test_length_is_getlength_exactly(faces: list[Face], texts: list[str], size: int) -> None:
    for face in faces:
        font = face.font(size)
        length = face.length(size)
        for text in texts:
            assert length(text) == font.getlength(text)
    assert faces[0].length(size)("") == 0


@pytest.mark.skipif(not Path(DEJAVU).is_file(), reason="DejaVu Sans not installed")
def test_a_font_with_pair_kerning_is_measured_whole() -> None:
    """DejaVu kerns A and V: per-character sums would be wrong, so its widths come from
    FreeType for the whole text."""
    font = ImageFont.truetype(DEJAVU, 40, layout_engine=ImageFont.Layout.BASIC)
    assert font.getlength("AV") != font.getlength("A") + font.getlength("V")
    assert not adds_up(DEJAVU)
    face = Face(DEJAVU)
    assert face.length(40)("AVAV") == font.getlength("AVAV")


def test_adds_up_is_false_for_what_is_not_a_readable_font(tmp_path: Path) -> None:
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"not a font at all")
    short = tmp_path / "short.ttc"
    short.write_bytes(b"ttcf\x00\x01")
    assert not adds_up(str(junk))
    assert not adds_up(str(short))
    assert not adds_up(str(tmp_path / "missing.ttf"))


@settings(max_examples=150, deadline=None)
@given(TEXT, st.integers(20, 400), st.integers(6, 40), st.sampled_from([0, 0.05, 0.12, 0.3]))
def test_running_widths_break_lines_as_whole_measures_do(
    faces: list[Face], text: str, width: int, size: int, tracking: float
) -> None:
    face = faces[0]
    fast, plain = fast_measure(face, tracking)(size), plain_measure(face, tracking)(size)
    for first in (None, width * 0.7):
        assert break_paragraph(text, width, fast, first) == break_paragraph(
            text, width, plain, first
        )


@settings(max_examples=120, deadline=None)
@given(
    st.lists(TEXT, min_size=1, max_size=4).map("\n".join),
    st.integers(30, 500),
    st.integers(20, 400),
    st.integers(8, 60),
    st.sampled_from([0, 0.08]),
    st.booleans(),
    st.sampled_from([None, 1, 3]),
)
def test_fit_text_fast_path_gives_the_same_fitted(
    faces: list[Face],
    text: str,
    width: int,
    height: int,
    size: int,
    tracking: float,
    balance: bool,
    max_lines: int | None,
) -> None:
    face = faces[-1]
    args = (text, width, height, size, max(4, size // 2))
    kw = {"indent_em": 2 if not balance else 0, "max_lines": max_lines, "balance": balance}
    fast = fit_text(*args, fast_measure(face, tracking), **kw)
    plain = fit_text(*args, plain_measure(face, tracking), **kw)
    assert fast == plain


def _drawn(font: ImageFont.FreeTypeFont, spots: list[tuple[float, float, str, int]]) -> bytes:
    image = Image.new("RGB", (400, 200), "white")
    draw = ImageDraw.Draw(image)
    for x, y, text, stroke in spots:
        draw.text((x, y), text, font=font, fill="#b4001e", anchor="ls", stroke_width=stroke)
    return image.tobytes()


def test_remembered_masks_draw_the_same_pixels(faces: list[Face]) -> None:
    face = faces[0]
    memo = face.font(23)
    plain = ImageFont.truetype(
        face.path, 23, index=face.index, layout_engine=ImageFont.Layout.BASIC
    )
    assert type(plain) is not type(memo)
    spots = [
        (10.3, 40.7, "党支部品牌", 0),
        (10.3, 40.7, "党支部品牌", 0),  # the same text at the same spot: from memory
        (10.8, 40.7, "党支部品牌", 0),  # another fraction of a pixel: rendered anew
        (200.0, 90.25, "质量服务AV 2024", 1),
        (200.0, 90.25, "质量服务AV 2024", 0),
        (50.5, 150.5, "学", 0),
        (73.5, 150.5, "学", 0),
    ]
    assert _drawn(memo, spots) == _drawn(plain, spots)
    first = memo.getmask2("品牌", "L", start=(0.25, 0.5))
    assert memo.getmask2("品牌", "L", start=(0.25, 0.5)) is first
    assert memo.getmask2("品牌", "L", start=(0.5, 0.5)) is not first


def test_remembered_masks_stay_within_their_budget(
    faces: list[Face], monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = faces[0].font(31)
    monkeypatch.setattr(font_module, "MASK_BUDGET", 20_000)
    for k in range(60):
        memo.getmask2(f"第{k}次主题党日", "L", start=(k / 61, 0.5))
        assert font_module._MemoFont._bytes <= 20_000
    masks = font_module._MemoFont._masks
    assert 0 < len(masks) < 60
    assert (
        sum(m.size[0] * m.size[1] + 64 for m, _ in masks.values()) == font_module._MemoFont._bytes
    )
