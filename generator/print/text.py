"""Chinese typesetting for boards: per-character line breaking with 避头尾 rules, Latin words
and numbers kept whole, shrink-to-fit into a box, and a cut with … when even the minimum
size does not fit — text never leaves its box.

Everything here is pure: widths come from a `measure(str) -> float` function, so the rules
are tested with a fake measure and drawn with a real font.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

# 避头: may not begin a line. 避尾: may not end a line.
NO_START = set("，。、；：？！）》」』”’〕〉】〗｝］…‥·・％‰,.;:?!)]}%")
NO_END = set("（《「『“‘〔〈【〖｛［([{")
ELLIPSIS = "…"

_TOKEN = re.compile(
    r"[A-Za-z0-9]+(?:[.,:'’/&_+\-][A-Za-z0-9]+)*[%‰]?"  # a Latin word or number, kept whole
    r"|[—–]+|…+|·+"  # dashes and ellipses are never split
    r"|\s+"
    r"|.",
    re.S,
)

Measure = Callable[[str], float]


@dataclass(frozen=True)
class Additive:
    """A measure whose widths add up: `advance(s)` is exactly the sum of the advances of the
    characters of `s` (a font without pair kerning, `fonts.adds_up`), and
    measure(s) = advance(s) + gap * (len(s) - 1) (`gap`: tracking between characters).

    Line breaking then keeps a running width instead of measuring every longer prefix of a
    line again. Widths are multiples of 1/64 px, so float sums of them are exact in any order:
    a running width is the very number the whole line's measure gives."""

    advance: Callable[[str], float]
    gap: float = 0.0

    def __call__(self, s: str) -> float:
        return self.advance(s) + self.gap * max(0, len(s) - 1)


def tokens(text: str) -> list[str]:
    """Units that line breaking never splits (unless a single one is wider than the line)."""
    return _TOKEN.findall(text)


def _is_space(tok: str) -> bool:
    return tok.isspace()


def _starts_bad(tok: str) -> bool:
    return tok[0] in NO_START


def _ends_bad(tok: str) -> bool:
    return tok[-1] in NO_END


def break_paragraph(
    text: str, width: float, measure: Measure, first_width: float | None = None
) -> list[str]:
    """Greedy line breaking of one paragraph with 避头尾; no line is wider than `width`.

    `first_width` (for a first-line indent) narrows the first line only."""
    if isinstance(measure, Additive):
        return list(_break_remembered(text, width, measure, first_width))
    return _break(text, width, measure, first_width)


@lru_cache(maxsize=8192)
def _break_remembered(
    text: str, width: float, measure: Additive, first_width: float | None
) -> tuple[str, ...]:
    """An additive measure is a font, size and tracking (equal measures give equal widths),
    so a paragraph breaks the same way at the same width every time it is asked: boards ask
    again and again — a branch's texts on several of its boards, every board's fixed titles,
    a box's natural height and then its drawing, a table planned once per fit try."""
    return tuple(_break(text, width, measure, first_width))


def _break(text: str, width: float, measure: Measure, first_width: float | None) -> list[str]:
    lines: list[str] = []
    cur: list[str] = []
    # With an additive measure: the advance and length of "".join(cur), kept as it grows
    advance = measure.advance if isinstance(measure, Additive) else None
    gap = measure.gap if isinstance(measure, Additive) else 0.0
    cur_advance, cur_len = 0.0, 0

    def limit() -> float:
        return first_width if (first_width is not None and not lines) else width

    def fits_with(tok: str) -> bool:
        """Whether the line with `tok` added fits: measure("".join([*cur, tok])) <= limit."""
        if advance is None:
            return measure("".join([*cur, tok])) <= limit() + 1e-6
        n = cur_len + len(tok)
        return cur_advance + advance(tok) + gap * max(0, n - 1) <= limit() + 1e-6

    def flush(parts: list[str]) -> None:
        while parts and _is_space(parts[-1]):
            parts.pop()
        lines.append("".join(parts))

    for tok in tokens(text):
        if _is_space(tok) and not cur:
            continue  # no line starts with a space
        if fits_with(tok):
            cur.append(tok)
            if advance is not None:
                cur_advance += advance(tok)
                cur_len += len(tok)
            continue
        if _is_space(tok):
            flush(cur)
            cur = []
        elif not cur or measure(tok) > width:
            cur = _split_long(tok, cur, measure, limit, flush)
        else:
            k = _split_point(cur, tok, width, measure)
            rest = cur[k:]
            flush(cur[:k])
            while rest and _is_space(rest[0]):
                rest.pop(0)
            cur = [*rest, tok]
        if advance is not None:  # a new line: its start measured afresh (a few tokens)
            joined = "".join(cur)
            cur_advance, cur_len = advance(joined), len(joined)
    if cur:
        flush(cur)
    return lines


LOOKBACK = 4  # how many tokens a rule may move to the next line


def _split_point(cur: list[str], tok: str, width: float, measure: Measure) -> int:
    """Where to end the line: the latest index that leaves no closing punctuation at the
    start of the next line (避头) and no opening one at the end of this line (避尾), as long
    as the moved characters fit the next line; else break right before `tok`."""
    for k in range(len(cur), max(0, len(cur) - LOOKBACK) - 1, -1):
        line = [t for t in cur[:k] if not _is_space(t)]
        moved = [t for t in cur[k:] if not _is_space(t)]
        if not line:
            break
        if measure("".join([*cur[k:], tok]).lstrip()) > width + 1e-6:
            break
        first = (moved or [tok])[0]
        if not _starts_bad(first) and not _ends_bad(line[-1]):
            return k
    return len(cur)


def _split_long(
    tok: str,
    cur: list[str],
    measure: Measure,
    limit: Callable[[], float],
    flush: Callable[[list[str]], None],
) -> list[str]:
    """A token that fits on no line (a very long Latin word) is cut by characters."""
    for ch in tok:
        if cur and measure("".join([*cur, ch])) > limit() + 1e-6:
            carry = [cur.pop()] if ch in NO_START and len(cur) > 1 else []  # 避头 here too
            flush(cur)
            cur = carry
        cur.append(ch)
    return cur


def break_text(text: str, width: float, measure: Measure, indent: float = 0) -> list[list[str]]:
    """Paragraphs (split at newlines) broken into lines; `indent` narrows each first line."""
    paras = []
    for para in text.split("\n"):
        para = para.strip()
        if not para:
            continue
        paras.append(break_paragraph(para, width, measure, width - indent if indent else None))
    return paras


def cut_line(line: str, width: float, measure: Measure) -> str:
    """End a line with … within `width`: drop trailing characters and dangling punctuation."""
    parts = tokens(line)
    while parts:
        while parts and (parts[-1][-1] in NO_START | NO_END or _is_space(parts[-1])):
            parts.pop()
        if measure("".join(parts) + ELLIPSIS) <= width + 1e-6:
            return "".join(parts) + ELLIPSIS
        if parts:
            last = parts.pop()
            if len(last) > 1:  # shorten a long Latin token instead of dropping it whole
                parts.append(last[:-1])
    return ELLIPSIS if measure(ELLIPSIS) <= width + 1e-6 else ""


# --- fitting into a box -------------------------------------------------------------------


@dataclass
class Fitted:
    """Text laid out in a box: font size in px, lines, and whether anything was cut."""

    size: int
    lines: list[str]
    para_starts: set[int] = field(default_factory=set)  # indices of lines that begin a paragraph
    para_ends: set[int] = field(default_factory=set)
    truncated: bool = False
    height: float = 0


def fit_text(
    text: str,
    width: float,
    height: float,
    size: int,
    min_size: int,
    measure_at: Callable[[int], Measure],
    line_height: float = 1.5,
    indent_em: float = 0,
    max_lines: int | None = None,
    para_gap: float = 0.4,
    balance: bool = False,
) -> Fitted:
    """Largest size from `size` down to `min_size` at which the text fits the box; at the
    minimum, keep what fits and end with …. Heights: lines * size * line_height.

    `balance` evens out the lines of a title broken in two or more (智丝堡垒· / 质造先锋
    rather than 智丝堡垒·质造 / 先锋)."""
    size = max(1, int(size))
    min_size = max(1, min(int(min_size), size))
    step = max(1, size // 40)
    s = size
    while True:
        if s > min_size and _surely_too_big(
            text, width, height, s, measure_at(s), line_height, para_gap, max_lines
        ):
            s = max(min_size, s - step)
            continue
        fitted = _layout(text, width, s, measure_at(s), line_height, indent_em, para_gap)
        if fitted.height <= height + 1e-6 and (max_lines is None or len(fitted.lines) <= max_lines):
            if balance and len(fitted.lines) > 1:
                return _balanced(
                    text, width, fitted, measure_at(s), line_height, indent_em, para_gap
                )
            return fitted
        if s == min_size:
            return _truncate(fitted, width, height, measure_at(s), line_height, para_gap, max_lines)
        s = max(min_size, s - step)


def _surely_too_big(
    text: str,
    width: float,
    height: float,
    size: int,
    measure: Measure,
    line_height: float,
    para_gap: float,
    max_lines: int | None,
) -> bool:
    """True when even the fewest lines the text could take at this size are too many: each
    paragraph needs at least its own width over the box's (spaces left out, 3% to spare for
    kerning). Skipping such sizes gives the very size the search would find, minus the layouts
    that could not fit — most of a long text's shrink-to-fit."""
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    if not paras or width <= 0:
        return False
    lines = sum(max(1, math.ceil(measure(p.replace(" ", "")) * 0.97 / width - 1e-9)) for p in paras)
    if max_lines is not None and lines > max_lines:
        return True
    return _height(lines, len(paras), size, line_height, para_gap) > height + 1e-6


def _balanced(
    text: str,
    width: float,
    fitted: Fitted,
    measure: Measure,
    line_height: float,
    indent_em: float,
    para_gap: float,
) -> Fitted:
    """The narrowest width that keeps the same number of lines: lines of even length."""
    n = len(fitted.lines)
    lo, hi = width / n * 0.8, width
    for _ in range(14):
        mid = (lo + hi) / 2
        if (
            len(_layout(text, mid, fitted.size, measure, line_height, indent_em, para_gap).lines)
            <= n
        ):
            hi = mid
        else:
            lo = mid
    return _layout(text, hi, fitted.size, measure, line_height, indent_em, para_gap)


def _layout(
    text: str,
    width: float,
    size: int,
    measure: Measure,
    line_height: float,
    indent_em: float,
    para_gap: float,
) -> Fitted:
    paras = break_text(text, width, measure, indent_em * size)
    lines: list[str] = []
    starts: set[int] = set()
    ends: set[int] = set()
    for para in paras:
        starts.add(len(lines))
        lines += para
        ends.add(len(lines) - 1)
    return Fitted(
        size,
        lines,
        starts,
        ends,
        False,
        _height(len(lines), len(paras), size, line_height, para_gap),
    )


def _height(n_lines: int, n_paras: int, size: int, line_height: float, para_gap: float) -> float:
    if n_lines == 0:
        return 0
    # The last line needs only the glyph height, not the leading below it.
    return (
        (n_lines - 1) * size * line_height
        + size * 1.2
        + max(0, n_paras - 1) * para_gap * size * line_height
    )


def _truncate(
    fitted: Fitted,
    width: float,
    height: float,
    measure: Measure,
    line_height: float,
    para_gap: float,
    max_lines: int | None,
) -> Fitted:
    s = fitted.size
    keep = len(fitted.lines)
    if max_lines is not None:
        keep = min(keep, max_lines)

    def h(n: int) -> float:
        paras = sum(1 for i in fitted.para_starts if i < n)
        return _height(n, paras, s, line_height, para_gap)

    while keep > 0 and h(keep) > height + 1e-6:
        keep -= 1
    lines = fitted.lines[:keep]
    if keep == 0:
        return Fitted(s, [], set(), set(), True, 0)
    lines[-1] = (
        cut_line(lines[-1] + "…", width, measure)
        if keep == len(fitted.lines)
        else cut_line(lines[-1], width, measure)
    )
    starts = {i for i in fitted.para_starts if i < keep}
    ends = {i for i in fitted.para_ends if i < keep - 1} | {keep - 1}
    return Fitted(s, lines, starts, ends, True, h(keep))


# --- Markdown to plain paragraphs ---------------------------------------------------------


class _Blocks(HTMLParser):
    """Collect the text of block elements (p, li, headings) as separate paragraphs."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "dt", "dd"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paras: list[str] = []
        self.buf: list[str] = []
        self.hidden = 0  # inside <script>/<style>: never text

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        if tag in self.BLOCKS:
            self._end()
        if tag == "li":
            self.buf.append("· ")
        elif tag == "br":
            self.buf.append("\n")
        elif tag in ("td", "th") and self.buf:
            self.buf.append("  ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        if tag in self.BLOCKS:
            self._end()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.buf.append(data.replace("\n", " "))  # a soft break inside a paragraph joins

    def _end(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        for line in text.split("\n"):
            line = _join_cjk(line.strip())
            if line and line != "·":
                self.paras.append(line)


def _join_cjk(text: str) -> str:
    """Collapse whitespace; Markdown soft breaks between Chinese characters become nothing."""
    text = re.sub(r"\s+", " ", text)
    cjk = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
    return re.sub(rf"(?<=[{cjk}]) (?=[{cjk}])", "", text)


@lru_cache(maxsize=1024)
def plain_text(markdown_text: str) -> str:
    """Markdown → plain paragraphs joined by newlines (emphasis, links and images dropped)."""
    if not markdown_text.strip():
        return ""
    import markdown

    html = markdown.markdown(markdown_text, extensions=["tables", "sane_lists"])
    html = re.sub(r"<img\b[^>]*>", "", html)
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    parser._end()
    return "\n".join(parser.paras)


def chinese_quotes(text: str) -> str:
    """Straight double quotes around Chinese text become “ ” in pairs (boards are print)."""
    if '"' not in text or not re.search(r"[\u4e00-\u9fff]", text):
        return text
    out = []
    opening = True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)
