"""User Markdown to safe HTML: python-markdown, then nh3 strips scripts, handlers, js: links."""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3

_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "sub", "sup", "code", "pre",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "hr", "a",
    "table", "thead", "tbody", "tr", "th", "td", "span", "abbr",
}
_ATTRS = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}


@lru_cache(maxsize=1)
def _md() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists", "nl2br"], output_format="html")


def to_html(text: str) -> str:
    """Render user Markdown and sanitize it; raw HTML in the input is escaped or removed."""
    if not text:
        return ""
    md = _md()
    md.reset()
    html = md.convert(text)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
