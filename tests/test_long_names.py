"""Every page of a generated site with real-length names (tests/longnames.py): valid HTML
(Nu validator, nothing excused) and no horizontal scrolling on a 390 px phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from longnames import LONG_BRANCH, LONG_GROUP_ID, LONG_ID, write_long_names_site
from test_quality import validate

from conftest import run_cli, serve_dir


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = write_long_names_site(tmp_path_factory.mktemp("long") / "project")
    cfg = src / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace("search: false", "search: true"), encoding="utf-8"
    )
    code, _, err = run_cli("build", str(src))
    assert code == 0, err
    return src / "site"


def pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).parts[0].startswith("assets")
    )


def test_the_site_really_has_long_names(long_site: Path) -> None:
    brand = (long_site / "branches" / LONG_ID / "index.html").read_text(encoding="utf-8")
    assert LONG_BRANCH in brand
    found = set(pages(long_site))
    for kind in (
        "index.html",
        "commitments/index.html",
        "scorecard/index.html",
        "activities/2024/index.html",
    ):
        assert f"branches/{LONG_ID}/{kind}" in found, kind
    assert f"branches/{LONG_ID}/groups/{LONG_GROUP_ID}/index.html" in found
    assert {
        "index.html",
        "search/index.html",
        "scorecards/index.html",
        "groups/index.html",
        "warnings/index.html",
    } <= found


def test_every_page_is_valid_html(long_site: Path) -> None:
    errors = validate(long_site)
    assert not errors, "\n".join(errors[:30])


def test_a_link_the_sanitizer_dropped_leaves_only_its_text(long_site: Path) -> None:
    log = (long_site / "branches/demo/activities/2024/index.html").read_text(encoding="utf-8")
    assert "危险链接" in log and "javascript:" not in log
    assert '<a rel="noopener noreferrer">' not in log
    assert 'href="https://intranet.example/showcase/very/long/path' in log  # a good link stays


def test_theme_toggles_carry_no_invalid_autocomplete(long_site: Path) -> None:
    for name in ("index.html", "404.html", "branches/demo/index.html"):
        html = (long_site / name).read_text(encoding="utf-8")
        assert 'id="__drawer"' in html
        assert 'type="checkbox" id="__drawer" autocomplete' not in html, name


def test_the_not_found_page_is_in_chinese_and_links_to_real_pages(long_site: Path) -> None:
    html = (long_site / "404.html").read_text(encoding="utf-8")
    assert "页面不存在" in html and "Not found" not in html
    body = html[html.index('class="sc-page sc-notfound"') :]
    links = re.findall(r'<li><a href="(/[^"]*)">', body[: body.index("</article>")])
    assert len(links) == 3, links
    for href in links:  # absolute: the server shows the page at any depth (no site_url: "/")
        target = long_site / href.lstrip("/")
        assert (target / "index.html").is_file(), href


@pytest.fixture(scope="module")
def base(long_site: Path) -> Iterator[str]:
    with serve_dir(long_site) as url:
        yield url


WIDEST = """() => Array.from(document.querySelectorAll('body *'))
  .filter((e) => e.getBoundingClientRect().right > 391 && getComputedStyle(e).position !== 'fixed')
  .slice(0, 6).map((e) => e.tagName.toLowerCase() + '.' + String(e.className).split(' ').join('.')
                    + ' right=' + Math.round(e.getBoundingClientRect().right))"""


@pytest.fixture
def phone(browser) -> Iterator:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.browser
def test_no_page_scrolls_sideways_on_a_phone(phone, base: str, long_site: Path) -> None:
    wide = []
    for path in pages(long_site):
        phone.goto(base + path, wait_until="networkidle")
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide.append(f"/{path}: scrollWidth {width}; {phone.evaluate(WIDEST)}")
    assert not wide, "\n".join(wide)


# [column, left, right] of every item-table cell, and the width of every dashboard name cell
CELLS = """() => Array.from(document.querySelectorAll('.sc-items tbody td'))
  .map((td) => { const r = td.getBoundingClientRect(); return [td.cellIndex, r.left, r.right]; })"""
NAMES = """() => Array.from(document.querySelectorAll('#sc-dashboard tbody td:first-child'))
  .map((td) => td.getBoundingClientRect().width)"""


@pytest.mark.browser
def test_tables_stay_readable_on_a_phone(phone, base: str) -> None:
    """Item tables become one card per row, nothing hidden sideways; the dashboard scrolls
    sideways but never squeezes a branch name to a character a line."""
    phone.goto(base + f"branches/{LONG_ID}/scorecard/", wait_until="networkidle")
    cells = phone.evaluate(CELLS)
    assert len(cells) > 100
    assert all(right <= 390 for _, _, right in cells), [c for c in cells if c[2] > 390][:5]
    rules = [right - left for column, left, right in cells if column == 2]
    assert rules and min(rules) > 300, min(rules)  # the rulebook's text gets the card's width
    phone.goto(base + "scorecards/", wait_until="networkidle")
    names = phone.evaluate(NAMES)
    assert len(names) == 2 and min(names) > 90, names
