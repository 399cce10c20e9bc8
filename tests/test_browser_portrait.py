"""支部画像 and 单位画像 in a real browser: they render with their charts, log no console
error, fit a 390 px phone, follow dark mode, print on A4, and the search finds the portrait."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rosterkit import write_site
from test_browser_pages import Watch, shoot

from conftest import run_cli, serve_dir

pytestmark = pytest.mark.browser

PAGES = [
    "branches/hangxin/portrait/",
    "portrait/",
    "branches/hangxin/",
    "branches/hangxin/kanban/",
    "branches/hangxin/groups/diaodu/",
    "branches/hangxin/wuli/",
    "compare/",
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = write_site(tmp_path_factory.mktemp("roster-browser") / "src")
    out = root.parent / "site"
    code, _, err = run_cli("build", str(root), "--site-dir", str(out))
    assert code == 0, err
    with serve_dir(out) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_renders_cleanly_and_fits_a_phone(browser, base: str, path: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    watch = Watch(context)
    try:
        page = context.new_page()
        response = page.goto(base + path, wait_until="networkidle")
        assert response is not None and response.ok
        assert page.locator("article.sc-page h1").count() == 1
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 391, width
        if "portrait" in path:
            charts = page.locator("figure.sc-chart-box")  # SVG, bar lists and the heat map
            assert charts.count() >= 1
            box = charts.first.bounding_box()
            assert box and 200 < box["width"] <= 390
            bar = page.locator("ol.sc-meters li > i").first.bounding_box()
            assert bar and bar["width"] > 50, bar  # the bars keep room beside their labels
        shoot(page, "portrait-" + re.sub(r"\W+", "-", path).strip("-") + "-390")
        watch.assert_clean()
    finally:
        context.close()


def test_charts_follow_dark_mode(browser, base: str) -> None:
    fills = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(base + PAGES[0], wait_until="networkidle")
            want = "slate" if scheme == "dark" else "default"
            page.wait_for_function(
                f"() => document.body.dataset.mdColorScheme === '{want}'", timeout=5000
            )
            fills[scheme] = page.evaluate(
                """() => [getComputedStyle(document.querySelector('.sc-line-0')).stroke,
                          getComputedStyle(document.querySelector('svg.sc-chart text')).fill]"""
            )
            if scheme == "dark":
                shoot(page, "portrait-dark-1280")
        finally:
            context.close()
    assert fills["light"][0] != fills["dark"][0], fills  # line colour changes
    assert fills["light"][1] != fills["dark"][1], fills  # labels follow currentColor


@pytest.mark.parametrize(
    "path", [PAGES[0], PAGES[1], PAGES[3], PAGES[5]], ids=["portrait", "units", "kanban", "wuli"]
)
def test_prints_on_a4(browser, base: str, path: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + path, wait_until="networkidle")
        page.emulate_media(media="print")
        assert (
            page.locator(".md-header").first.evaluate("e => getComputedStyle(e).display") == "none"
        )
        if "portrait" in path:
            assert (
                page.locator(".sc-subnav").first.evaluate("e => getComputedStyle(e).display")
                == "none"
            )
            assert page.locator("figure.sc-chart-box").first.is_visible()
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        boxes = [
            tuple(float(v) for v in m.split()) for m in re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)
        ]
        assert len(boxes) >= 1
        for box in boxes:
            assert abs(box[2] - 595) < 1.5 and abs(box[3] - 842) < 1.5, box
    finally:
        context.close()


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("支部画像", "/portrait/"),
        ("活动感悟", "/kanban/"),
        ("支部与年度对比", "/compare/"),
        ("五力积分", "/wuli/"),
        ("政治生日月历", "/portrait/"),
    ],
)
def test_search_finds_the_new_pages(browser, demo_site: Path, query: str, where: str) -> None:
    with serve_dir(demo_site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        watch = Watch(context)
        try:
            page = context.new_page()
            page.goto(url + f"search/?q={query}", wait_until="networkidle")
            page.wait_for_selector(".sc-result", timeout=15000)
            more = page.locator(".sc-search-more")
            for _ in range(20):  # found, wherever it ranks: draw every result
                if not more.is_visible():
                    break
                shown = page.locator(".sc-result").count()
                more.click()
                page.wait_for_function(
                    f"document.querySelectorAll('.sc-result').length > {shown}", timeout=10000
                )
            hrefs = page.eval_on_selector_all(
                ".sc-result a[href]", "as => as.map((a) => a.getAttribute('href'))"
            )
            assert any(where in h for h in hrefs), hrefs
            watch.assert_clean()
        finally:
            context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser, base: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        found = []
        for path in (
            p for p in PAGES if "/groups/" not in p and p != "branches/hangxin/"
        ):  # our own pages
            page.goto(base + path, wait_until="networkidle")
            for v in axe.run(page).response["violations"]:
                if v["impact"] in ("serious", "critical"):
                    found.append(
                        f"/{path} {v['id']} ×{len(v['nodes'])}: {v['nodes'][0]['html'][:120]}"
                    )
        assert not found, "\n".join(found)
    finally:
        context.close()
