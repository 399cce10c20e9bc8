"""Chinese typesetting for boards: line breaking (避头尾, Latin kept whole), fitting, cutting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.print.text import (
    NO_END,
    NO_START,
    break_paragraph,
    chinese_quotes,
    cut_line,
    fit_text,
    plain_text,
)


def measure(s: str) -> float:
    """A fake font: a Chinese character is 1 wide, an ASCII one 0.5."""
    return sum(0.5 if ord(c) < 128 else 1 for c in s)


BREAKS = [
    # (text, width, expected lines)
    ("一二三四五六七八", 4, ["一二三四", "五六七八"]),
    # 避头: "，" may not start a line, so "五" comes down with it
    ("一二三四五，六七八", 5, ["一二三四", "五，六七八"]),
    # 避头 with two closing marks in a row
    ("一二三四。」五", 4, ["一二三", "四。」五"]),
    # 避尾: "（" may not end a line
    ("一二三四（五六七八", 5, ["一二三四", "（五六七八"]),
    ("一二三“四五”六七", 4, ["一二三", "“四五”", "六七"]),
    # numbers and Latin words stay whole
    ("党员佩戴党徽上岗。下降10%左右", 6, ["党员佩戴党徽", "上岗。下降", "10%左右"]),
    ("hello world foo bar", 6, ["hello world", "foo bar"]),
    ("日期2024-06-12开展", 6, ["日期", "2024-06-12开", "展"]),
    ("日期2024-06-12开展", 5, ["日期", "2024-06-12", "开展"]),
    # a Latin word longer than the line is cut by characters (the only way to fit)
    ("ABCDEFGHIJKL", 4, ["ABCDEFGH", "IJKL"]),
    # ellipses and dashes are never split
    ("一二三……四五", 4, ["一二", "三……四", "五"]),
    ("一二三——四五", 4, ["一二三", "——四五"]),
    # "·" may not start a line either
    ("智丝堡垒·质造先锋", 4, ["智丝堡", "垒·质造", "先锋"]),
    # spaces at a break disappear
    ("中文 English 混排", 4, ["中文", "English", "混排"]),
]


@pytest.mark.parametrize(("text", "width", "expected"), BREAKS)
def test_line_breaking_table(text: str, width: float, expected: list[str]) -> None:
    assert break_paragraph(text, width, measure) == expected


def test_first_line_indent_narrows_only_the_first_line() -> None:
    assert break_paragraph("一二三四五六七八九十", 4, measure, first_width=2) == [
        "一二",
        "三四五六",
        "七八九十",
    ]


def test_fit_shrinks_before_cutting() -> None:
    text = "一二三四五六七八九十" * 2

    def at(size: int):
        return lambda s: measure(s) * size

    roomy = fit_text(text, width=100, height=60, size=20, min_size=5, measure_at=at, line_height=1)
    assert not roomy.truncated and roomy.size < 20
    assert all(at(roomy.size)(line) <= 100 for line in roomy.lines)
    assert roomy.height <= 60


def test_fit_cuts_with_ellipsis_at_the_minimum_and_never_overflows() -> None:
    text = "很长的品牌内涵，" * 40

    def at(size: int):
        return lambda s: measure(s) * size

    fitted = fit_text(
        text, width=100, height=50, size=20, min_size=10, measure_at=at, line_height=1.5
    )
    assert fitted.truncated
    assert fitted.size == 10
    assert fitted.lines[-1].endswith("…")
    assert not fitted.lines[-1].endswith("，…")  # dangling punctuation is dropped before …
    assert fitted.height <= 50
    assert all(at(10)(line) <= 100 for line in fitted.lines)


def test_max_lines_and_balance() -> None:
    def at(size: int):
        return lambda s: measure(s) * size

    one = fit_text(
        "智丝堡垒·质造先锋", width=100, height=100, size=20, min_size=5, measure_at=at, max_lines=1
    )
    assert one.lines == ["智丝堡垒·质造先锋"] and one.size <= 100 / 9
    two = fit_text(
        "智丝堡垒·质造先锋",
        width=140,
        height=100,
        size=20,
        min_size=20,
        measure_at=at,
        balance=True,
    )
    assert two.lines == ["智丝堡垒·", "质造先锋"]


def test_cut_line() -> None:
    assert cut_line("一二三四，", 5, measure) == "一二三四…"
    assert cut_line("一二三四五六", 4, measure) == "一二三…"


def test_markdown_becomes_plain_paragraphs() -> None:
    md = "品牌**内涵**说明。\n第二行\n\n- 甲\n- 乙 [链接](http://x)\n\n![图](a.png)"
    assert plain_text(md) == "品牌内涵说明。第二行\n· 甲\n· 乙链接"
    assert plain_text("<script>alert(1)</script>\n\n正文") == "正文"


def test_chinese_quotes() -> None:
    assert chinese_quotes('以"智"铸魂 以"质"立身') == "以“智”铸魂 以“质”立身"
    assert chinese_quotes('say "hi"') == 'say "hi"'


CJK = st.text(alphabet="党支部品牌建设先锋质量服务群众", min_size=1, max_size=5)
SEGMENT = st.tuples(
    st.sampled_from(["", "（", "“", "《"]),
    CJK,
    st.sampled_from(["", "，", "。", "）", "”", "》", "、"]),
)
WORD = st.sampled_from(["2024", "10%", "QC", "5S", "A-01"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(SEGMENT.map("".join), WORD), min_size=1, max_size=30), st.integers(4, 24))
def test_breaking_never_overflows_loses_text_or_breaks_the_rules(
    parts: list[str], width: int
) -> None:
    text = "".join(parts)
    lines = break_paragraph(text, width, measure)
    assert "".join(lines) == text
    assert all(measure(line) <= width for line in lines)
    assert all(line[0] not in NO_START for line in lines[1:])
    assert all(line[-1] not in NO_END for line in lines[:-1])
