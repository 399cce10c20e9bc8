"""The rendered-Markdown cache: on disk between builds, never the whole of it in memory."""

from __future__ import annotations

import os
import random
import sqlite3
import tracemalloc
from pathlib import Path

import pytest

from generator.render import markup

_WORDS = [
    "支部",
    "党员",
    "学习",
    "志愿",
    "服务",
    "社区",
    "讨论",
    "整改",
    "意见",
    "岗位",
    "先锋",
    "示范",
    "攻坚",
    "安全",
    "质量",
    "组织",
]


def _texts(n: int, seed: int) -> list[str]:
    """n distinct activity bodies of about 1.5 KB each (never the demo's), with Markdown in
    them (plain text is not cached: render/markup.py's _paragraphs)."""
    rng = random.Random(seed)
    return [
        f"**第{i}次活动**。\n\n" + "，".join(rng.choice(_WORDS) for _ in range(250)) + "。"
        for i in range(n)
    ]


@pytest.fixture
def store(tmp_path: Path):
    path = tmp_path / "markup.sqlite"
    markup.load_cache(path)
    yield path
    markup.save_cache(failed=True)


def test_snippets_are_reused_by_the_next_build(store: Path, monkeypatch) -> None:
    texts = _texts(50, seed=3)
    first = [markup.to_html(t) for t in texts]
    markup.save_cache()
    markup.load_cache(store)

    def render_again(text: str) -> str:
        raise AssertionError("rendered again although cached")

    monkeypatch.setattr(markup, "_render", render_again)
    assert [markup.to_html(t) for t in texts] == first


def test_a_build_keeps_only_what_it_used(store: Path) -> None:
    old, kept = _texts(20, seed=4), _texts(5, seed=5)
    for t in old + kept:
        markup.to_html(t)
    markup.save_cache()
    markup.load_cache(store)
    for t in kept:
        markup.to_html(t)
    markup.save_cache()
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM html").fetchone() == (5,)


def test_a_failed_build_keeps_what_it_rendered(store: Path) -> None:
    texts = _texts(3, seed=6)
    for t in texts:
        markup.to_html(t)
    markup.save_cache(failed=True)
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM html").fetchone() == (3,)


def test_snippets_are_not_held_in_memory(store: Path) -> None:
    """Three thousand bodies (~4.5 MB of text, more as HTML) leave under 1 MB behind: the
    keys this build used, not the HTML (a dict of them was ~55 MB at a thousand branches)."""
    texts = _texts(3000, seed=7)
    size = sum(len(t.encode("utf-8")) for t in texts)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for t in texts:
            markup.to_html(t)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert size > 4_000_000
    assert held < 1_000_000, held


def test_a_forked_child_renders_without_the_parents_connection(store: Path) -> None:
    """SQLite connections must not cross a fork: a child renders and leaves the file alone."""
    ours, childs = _texts(2, seed=8)
    markup.to_html(ours)
    markup.save_cache()
    markup.load_cache(store)
    pid = os.fork()
    if pid == 0:  # the child: renders, then ends "its build" as the parent would
        ok = markup.to_html(childs).startswith("<p>")
        markup.save_cache()
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    with sqlite3.connect(store) as db:
        kept = [
            markup.cache_key(t) in dict(db.execute("SELECT key, 1 FROM html"))
            for t in (ours, childs)
        ]
    assert kept == [True, False]  # ours, untouched by the child


def test_an_unwritable_cache_still_renders(tmp_path: Path) -> None:
    markup.load_cache(tmp_path / "missing-dir-is-a-file" / "markup.sqlite")
    (tmp_path / "x").write_text("")
    markup.load_cache(tmp_path / "x" / "markup.sqlite")  # a file where a folder should be
    assert markup.to_html("**要点**") == "<p><strong>要点</strong></p>"
    markup.save_cache()
