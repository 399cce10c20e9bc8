"""Cheap text measuring and drawing for boards give the very numbers and pixels of the plain
way: widths from per-character advances (fonts without pair kerning), running line widths in
line breaking, and text masks remembered per font and position."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from generator.bench_data import write_site
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
    image = Image.new("RGB", (400, 300), "white")
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


FRACTION = st.one_of(
    st.floats(0, 1, exclude_max=True),
    st.sampled_from(
        [0.0, 0.005, 0.0104, 0.25, 0.4921875, 0.4925, 0.5, 0.5078125, 0.508, 0.75, 0.995]
    ),
)


@settings(max_examples=80, deadline=None)
@given(
    st.text(alphabet=ALPHABET, min_size=1, max_size=6),
    st.integers(5, 70),
    st.integers(0, 2),
    st.lists(st.tuples(FRACTION, FRACTION), min_size=2, max_size=10),
)
def test_masks_remembered_by_placement_draw_the_same_pixels(
    faces: list[Face], text: str, size: int, stroke: int, fractions: list[tuple[float, float]]
) -> None:
    """The start of a text is narrowed to the pixel placement it gives: drawn at many
    fractions of a pixel (many of them the same placement, so from memory), the pixels are
    those of a font that renders every time. A Pillow that placed glyphs at fractions of a
    pixel would fail here."""
    face = faces[len(text) % len(faces)]
    memo = face.font(size)
    plain = ImageFont.truetype(
        face.path, size, index=face.index, layout_engine=ImageFont.Layout.BASIC
    )
    spots = [
        (10 + 23 * (k % 5) + fx, size + 30 * (k // 5) + fy, text, stroke)
        for k, (fx, fy) in enumerate(fractions)
    ]
    assert _drawn(memo, spots) == _drawn(plain, spots)


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


def test_a_paragraph_is_broken_once_per_font_size_and_width(faces: list[Face]) -> None:
    measure = Additive(faces[0].length(17), 0.0)
    text = "党支部品牌建设先锋，质量服务群众。学习教育组织生活会议" * 3
    first = break_paragraph(text, 120, measure)
    first.append("改动返回的列表不影响下次")
    again = break_paragraph(text, 120, measure)
    assert again == break_paragraph(text, 120, lambda s: measure(s))  # the plain way
    assert "改动返回的列表不影响下次" not in again
    assert break_paragraph(text, 121, measure) == break_paragraph(text, 121, lambda s: measure(s))


def _plain_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Switch every shortcut off: whole-text getlength, no remembered line breaks, table
    cells or text masks, photos through RGBA."""
    from collections import OrderedDict

    from generator.print import shapes, table
    from generator.print import text as text_module

    opened = shapes._open_picture
    monkeypatch.setattr(Face, "adds_up", lambda self: False)
    monkeypatch.setattr(Face, "length", lambda self, size: self.font(size).getlength)
    monkeypatch.setattr(text_module, "_break_remembered", None)  # must not be reached
    monkeypatch.setattr(table, "_cells", table._cells_now)
    monkeypatch.setattr(shapes, "_open_picture", lambda pic, t: opened(pic, t).convert("RGBA"))
    monkeypatch.setattr(font_module._MemoFont, "_masks", OrderedDict())
    monkeypatch.setattr(font_module._MemoFont, "_bytes", 0)
    monkeypatch.setattr(font_module, "MASK_BUDGET", 0)  # nothing kept, nothing reused


def test_fast_paths_draw_every_board_as_the_plain_paths_do(
    tmp_path: Path, faces: list[Face], monkeypatch: pytest.MonkeyPatch
) -> None:
    """All boards of generated branches, drawn with every shortcut, then with none: the
    same pixels."""
    from generator.cli.common import load_and_score, options
    from generator.print import all_boards
    from generator.print.draw import render
    from generator.print.layout import layout_for
    from generator.print.paper import Paper
    from generator.render.pages.boards import PREVIEW_PAPER

    write_site(tmp_path / "site", 2, photos=2)
    project, results = load_and_score(options(str(tmp_path / "site")))
    per = all_boards(project.branches, results, "https://intranet.example/cheap/")
    boards = [b for bs in per.values() for b in bs]
    assert len(boards) >= 8
    fonts = find_fonts()

    def draw_all() -> list[bytes]:
        out = []
        for paper in (PREVIEW_PAPER, Paper("A3", landscape=True, dpi=45)):
            for b in boards:
                image, _ = render(
                    layout_for(b.kind, paper.landscape), b.data, paper, fonts, b.label
                )
                out.append(image.tobytes())
        return out

    fast = draw_all()
    _plain_paths(monkeypatch)
    plain = draw_all()
    assert len(fast) == len(plain)
    assert all(a == b for a, b in zip(fast, plain, strict=True))


def test_fast_paths_draw_shrunk_tables_rounded_photos_and_tracked_text_as_plain_paths_do(
    tmp_path: Path, faces: list[Face], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.print import layout as L
    from generator.print.canvas import Picture
    from generator.print.draw import render
    from generator.print.paper import Paper

    photo, logo = tmp_path / "photo.jpg", tmp_path / "logo.png"
    gradient = Image.linear_gradient("L").resize((640, 480))
    Image.merge("RGB", (gradient, gradient.rotate(90), gradient.transpose(0))).save(photo)
    mark = Image.new("P", (200, 200), 0)  # a palette logo, its background transparent
    mark.putpalette([255, 255, 255, 200, 20, 30])
    ImageDraw.Draw(mark).ellipse((20, 20, 180, 180), fill=1)
    mark.save(logo, transparency=0)
    rows = [
        {
            "name": f"第{k}小组成员{'甲乙丙丁'[k % 4]}",
            "what": "围绕质量服务群众开展主题党日学习" * (1 + k % 3),
        }
        for k in range(40)
    ]
    layout = L.Layout.model_validate(
        {
            "boxes": [
                {"kind": "table", "at": [0.05, 0.05, 0.9, 0.4], "bind": "rows", "size": 16, "min": 6,
                 "split": 2, "columns": [{"key": "name", "label": "姓名", "width": 1},
                                         {"key": "what", "label": "事项", "width": 2}]},
                {"kind": "image", "at": [0.05, 0.5, 0.4, 0.2], "bind": "photo", "radius": 12},
                {"kind": "image", "at": [0.5, 0.5, 0.4, 0.2], "bind": "photo", "fit": "contain"},
                {"kind": "image", "at": [0.05, 0.72, 0.2, 0.2], "bind": "logo", "radius": 8},
                {"kind": "text", "at": [0.3, 0.72, 0.65, 0.2], "text": "{body}", "size": 18, "min": 8,
                 "align": "justify", "indent": 2, "line": 1.6},
                {"kind": "text", "at": [0.1, 0.93, 0.8, 0.05], "text": "党员公开承诺公示栏", "font": "bold",
                 "size": 30, "min": 10, "tracking": 0.2, "align": "centre", "max_lines": 1},
            ]
        }
    )  # fmt: skip
    data = {
        "rows": rows,
        "photo": Picture(str(photo), "p"),
        "logo": Picture(str(logo), "l"),
        "body": "以“智”铸魂，以“质”立身。2024年开展QC小组活动12次，解决现场问题35项。" * 6,
    }
    fonts = find_fonts()

    def draw_all() -> list[bytes]:
        papers = (Paper("A3", dpi=31), Paper("A4", landscape=True, dpi=72))
        return [render(layout, data, p, fonts, "测试")[0].tobytes() for p in papers]

    fast = draw_all()
    _plain_paths(monkeypatch)
    assert all(a == b for a, b in zip(fast, draw_all(), strict=True))


def test_a_qr_code_is_whole_pixel_squares_of_ink_one_per_dark_module(faces: list[Face]) -> None:
    import segno

    from generator.print import layout as L
    from generator.print.draw import render
    from generator.print.paper import Paper

    url = "https://intranet.example/cheap/branches/qr-test/"
    layout = L.Layout.model_validate(
        {
            "background": "white",
            "boxes": [{"kind": "qr", "at": [0.3, 0.3, 0.3, 0.3], "bind": "url"}],
        }
    )
    rows = [list(r) for r in segno.make(url, error="m").matrix_iter(border=0)]
    for dpi in (31, 72):
        image, _ = render(layout, {"url": url}, Paper("A4", dpi=dpi), find_fonts(), "二维码")
        ink = Image.eval(image.convert("L"), lambda v: 255 if v < 128 else 0)
        x0, y0, x1, y1 = ink.getbbox()
        module = (x1 - x0) // len(rows)
        assert module >= 1 and x1 - x0 == y1 - y0 == module * len(rows)
        dark = bytes(255 if d else 0 for row in rows for d in row)
        expected = Image.frombytes("L", (len(rows), len(rows)), dark).resize(
            (x1 - x0, y1 - y0), Image.Resampling.NEAREST
        )
        assert ink.crop((x0, y0, x1, y1)).tobytes() == expected.tobytes()
        colours = {c for _, c in image.crop((x0, y0, x1, y1)).getcolors()}
        assert colours == {(255, 255, 255), (0x22, 0x22, 0x22)}
