"""Whitespace-only compaction of rendered pages: template indentation is ~20% of a page's bytes.

In text that is laid out with `white-space: normal` (or `pre-line`), a run of spaces, tabs and
line breaks that holds a line break renders exactly like that single line break, so such runs
between and inside text are cut to "\n". Nothing else changes: tags and their attributes are
copied verbatim (quoted values may hold ">" or line breaks), and the content of elements whose
whitespace is significant or that are not HTML text (pre, textarea, code, kbd — material sets
`pre-wrap` on code — script and style) is kept byte for byte, as are comments.
"""

from __future__ import annotations

import re

# One match per thing to keep as it is (a comment, a verbatim element with its content, a tag
# with its attributes), or a whitespace run holding a line break, in text, to cut.
_TOKENS = re.compile(
    r"(<!--.*?-->"
    r"|<(pre|textarea|code|kbd|script|style)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</\2\s*>"
    r"|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)"
    r"|[ \t\r\f]*\n[ \t\r\n\f]*",
    re.DOTALL | re.IGNORECASE,
)


def _keep_or_cut(match: re.Match[str]) -> str:
    return match.group(1) if match.group(1) is not None else "\n"


def collapse_whitespace(html: str) -> str:
    """The same page with every text whitespace run that holds a line break cut to one "\n"."""
    return _TOKENS.sub(_keep_or_cut, html)
