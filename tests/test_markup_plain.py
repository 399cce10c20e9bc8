"""Plain text (no Markdown in it) skips python-markdown: the same HTML, byte for byte."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import markup

# What activity logs are written in: CJK text and punctuation, digits, ASCII letters and the
# punctuation python-markdown leaves alone, spaces and line breaks.
_PLAIN = list("支部党员学习志愿服务社区，。、；：？！“”‘’（）《》—…") + list(
    string.ascii_letters + string.digits + "   \n\n\n,.;:?%/()'\"@$^{}"
)
# and everything that may start Markdown, or that python-markdown or the sanitizer rewrite
_ANY = _PLAIN + list(
    string.punctuation + "\t\r\x00\x02\x03\x0b\x0c\x85\xa0\u3000\u2028\u200b\ufeff\ufffd"
    "１２．。😀\U0001f1e8"
)


@pytest.fixture(autouse=True)
def no_store():
    """The full path without the on-disk cache: each text rendered, never looked up."""
    markup.save_cache(failed=True)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_PLAIN), max_size=80))
def test_plain_text_renders_as_python_markdown_does(text: str) -> None:
    assert markup.to_html(text) == (markup._render(text) if text else "")


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ANY), max_size=60))
def test_any_text_renders_as_python_markdown_does(text: str) -> None:
    assert markup.to_html(text) == (markup._render(text) if text else "")


# Lines built from pieces that matter where a line starts or ends (indents, hard breaks, list
# numbers), joined by single and blank-line breaks.
_PIECES = ["党员", "学习。", " ", "  ", "    ", "1.", "1. ", "１.", "60.0", "2024年", "“新”", "a"]
_LINES = st.lists(st.lists(st.sampled_from(_PIECES), max_size=5).map("".join))


@settings(max_examples=1500, deadline=None)
@given(_LINES, st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"])))
def test_lines_render_as_python_markdown_does(lines: list[str], breaks: list[str]) -> None:
    text = "".join(line + (breaks[i] if i < len(breaks) else "\n") for i, line in enumerate(lines))
    assert markup.to_html(text) == (markup._render(text) if text else "")


@pytest.mark.parametrize(
    "text",
    [
        "\n第一段，应到党员16名，实到15名。\n\n第二段：2024年3月。\n第二段的第二行。\n",
        "a\n\n\n\nb",
        "\n\n",
        "2024年工作总结",
        "60.0% 的党员参加",
        "“新年工作部署”主题党日（一）",
    ],
)
def test_plain_text_skips_python_markdown(text: str, monkeypatch) -> None:
    expected = markup._render(text)

    def not_called(_: str) -> str:
        raise AssertionError("python-markdown ran on plain text")

    monkeypatch.setattr(markup, "_render", not_called)
    assert markup.to_html(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "**要点**",
        "1. 第一项\n2. 第二项",
        "１. 全角数字的列表",
        "    缩进四格",
        "行尾两个空格  \n下一行",
        "\u3000\u3000首行缩进",
        "标题\n===",
        "- 列表",
        "> 引用",
        "a | b\n--|--\n1 | 2",
        "<b>粗</b> &amp;",
        "[链接](http://example.org)",
        "a\tb",
    ],
)
def test_markdown_takes_the_full_path(text: str) -> None:
    assert markup._NOT_PLAIN.search(text) is not None
    assert markup.to_html(text) == markup._render(text)
