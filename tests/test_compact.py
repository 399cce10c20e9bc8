"""Page compaction (generator/render/compact.py) against the plain tokenizer it replaced: one
regex over every comment, verbatim element, tag and blank run, a Python call per match. The
fast version must give the same bytes on any page made of such pieces, and on real pages."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from generator.bench_data import write_site
from generator.render.compact import collapse_whitespace

_REFERENCE = re.compile(
    r"(<!--.*?-->"
    r"|<(pre|textarea|code|kbd|script|style)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</\2\s*>"
    r"|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)"
    r"|[ \t\r\f]*\n[ \t\r\n\f]*",
    re.DOTALL | re.IGNORECASE,
)


def reference(html: str) -> str:
    return _REFERENCE.sub(lambda m: m.group(1) if m.group(1) is not None else "\n", html)


_blank = st.text(alphabet=" \t\r\f\n", max_size=6)
_word = st.text(alphabet="ab中文，>\"'=/-!", max_size=6)
_text = st.lists(st.one_of(_blank, _word), max_size=6).map("".join)
_value = st.text(alphabet="ab 中\n\t>='/-", max_size=8)  # never "<": templates escape it
_attr = st.one_of(
    st.builds(
        lambda n, v: f'{n}="{v}"',
        st.sampled_from(["title", "data-x"]),
        _value.map(lambda v: v.replace('"', "")),
    ),
    st.builds(
        lambda n, v: f"{n}='{v}'",
        st.sampled_from(["alt", "href"]),
        _value.map(lambda v: v.replace("'", "")),
    ),
    st.just("hidden"),
)
_space = st.sampled_from([" ", "\n  ", " \n"])


def _open(name: str) -> st.SearchStrategy[str]:
    return st.builds(
        lambda attrs, gap, end: f"<{name}" + "".join(gap + a for a in attrs) + end,
        st.lists(_attr, max_size=3),
        _space,
        st.sampled_from([">", "\n>", " >"]),
    )


_element = st.recursive(
    _text,
    lambda inner: st.one_of(
        st.builds(
            lambda o, body, close: o + "".join(body) + close,
            st.sampled_from(["p", "div", "a", "span"]).flatmap(_open),
            st.lists(inner, max_size=4),
            st.sampled_from(["</p>", "</div >", "</a>", "</span>"]),
        ),
        st.builds(
            lambda name, o, body: o + body + f"</{name}>",
            st.shared(st.sampled_from(["pre", "code", "PRE", "Script", "style", "kbd"]), key="v"),
            st.shared(
                st.sampled_from(["pre", "code", "PRE", "Script", "style", "kbd"]), key="v"
            ).flatmap(_open),
            _text,
        ),
        st.builds(lambda body: f"<!--{body}-->", _text),
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_element, max_size=6).map("".join))
def test_same_bytes_as_the_plain_tokenizer(html: str) -> None:
    assert collapse_whitespace(html) == reference(html)


def test_kept_and_cut_by_hand() -> None:
    page = (
        "<div>\n    <p>一\n   二  </p>\n\n  <pre>  a\n    b </pre>\n"
        "<a title='q\n  r'\n   href=\"x\">\n t</a><!-- c\n  d -->\n e</div>"
    )
    assert collapse_whitespace(page) == (
        "<div>\n<p>一\n二  </p>\n<pre>  a\n    b </pre>\n"
        "<a title='q\n  r'\n   href=\"x\">\nt</a><!-- c\n  d -->\ne</div>"
    )


def test_real_pages_as_the_plain_tokenizer(tmp_path, monkeypatch) -> None:
    """Every page of a generated site, before compaction, gives the reference's bytes."""
    from generator import plugin

    raw: list[str] = []

    def keep(html: str) -> str:
        raw.append(html)
        return reference(html)

    monkeypatch.setattr(plugin, "collapse_whitespace", keep)
    src = tmp_path / "src"
    write_site(src, 2, photos=1)
    code, _, err = run_cli("build", str(src), "-d", str(tmp_path / "site"))
    assert code == 0, err
    assert len(raw) > 20
    assert all(collapse_whitespace(html) == reference(html) for html in raw)
