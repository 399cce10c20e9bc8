"""The public pages of the demo site in a real browser: every page kind loads cleanly and stays
on the server, the brand filter, search (served and from a file share), the photo wall's
lightbox, phone widths and dark mode. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import REPO, serve_dir
from tests.sitefiles import site_json

pytestmark = pytest.mark.browser

SHOTS = REPO / "test-artifacts" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
BRAND = "zhisi"  # a published demo branch with groups, commitments, photos and activities

PAGES = {
    "home": "",
    "branches": "branches/",
    "brand": f"branches/{BRAND}/",
    "group": None,  # a board with photos, chosen from the built site
    "commitments": f"branches/{BRAND}/commitments/",
    "activities": f"branches/{BRAND}/activities/2024/",
    "search": "search/",
    "scorecard": f"branches/{BRAND}/scorecard/",
    "scorecards": "scorecards/",
    "groups": "groups/",
    "warnings": "warnings/",
    "boards": "boards/",
}

# Scroll down a viewport at a time so lazy images start, wait for them, then back to the top.
LOAD_LAZY = """async () => {
  const pause = (ms) => new Promise((r) => setTimeout(r, ms));
  const step = Math.max(200, window.innerHeight - 100);
  for (let y = 0; y < document.documentElement.scrollHeight; y += step) { window.scrollTo(0, y); await pause(30); }
  window.scrollTo(0, document.documentElement.scrollHeight);
  await pause(50);
  const pending = Array.from(document.images).filter((i) => !i.complete && i.getClientRects().length);
  await Promise.race([
    Promise.all(pending.map((i) => new Promise((r) => { i.addEventListener("load", r); i.addEventListener("error", r); }))),
    pause(5000),
  ]);
  window.scrollTo(0, 0);
  await pause(50);
}"""

BROKEN_IMAGES = """() => Array.from(document.images)
  .filter((i) => i.getClientRects().length && i.getAttribute('src') && (!i.complete || i.naturalWidth === 0))
  .map((i) => i.getAttribute('src'))"""


@pytest.fixture(scope="module")
def base(demo_site: Path) -> Iterator[str]:
    with serve_dir(demo_site) as url:
        yield url


@pytest.fixture(scope="module")
def photo_board(demo_site: Path) -> str:
    """URL path of the first group board of BRAND whose photo wall has photos."""
    for board in sorted((demo_site / "branches" / BRAND / "groups").glob("*/index.html")):
        if 'class="sc-wall"' in board.read_text(encoding="utf-8"):
            return board.parent.relative_to(demo_site).as_posix() + "/"
    pytest.fail(f"no group board of {BRAND} has photos")


class Watch:
    """Console errors, uncaught exceptions, failed requests and the hosts a context talked to."""

    def __init__(self, context) -> None:
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        self.failed: list[str] = []
        context.on("request", self._request)
        context.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        context.on(
            "response",
            lambda r: self.failed.append(f"{r.url} {r.status}") if r.status >= 400 else None,
        )
        context.on("page", self.page)

    def _request(self, request) -> None:
        parsed = urlparse(request.url)
        if parsed.scheme not in ("data", "blob", "about"):
            self.hosts.add(parsed.hostname or parsed.scheme)

    def page(self, page) -> None:
        page.on(
            "console",
            lambda m: self.errors.append(f"{page.url}: {m.text}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))

    def assert_clean(self, allowed_hosts: set[str] = LOCAL_HOSTS) -> None:
        assert not self.errors, self.errors
        assert not self.failed, self.failed
        assert self.hosts <= allowed_hosts, self.hosts


def shoot(page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot; a full-page one after scrolling through so lazy images are in."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    if full_page:
        page.evaluate(LOAD_LAZY)
        assert not page.evaluate(BROKEN_IMAGES), (name, page.evaluate(BROKEN_IMAGES))
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 5000
    return path


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_kind_loads_cleanly_and_locally(
    browser, base: str, photo_board: str, kind: str
) -> None:
    path = PAGES[kind] if PAGES[kind] is not None else photo_board
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    try:
        page = context.new_page()
        response = page.goto(base + path, wait_until="networkidle")
        assert response is not None and response.ok, path
        assert page.locator("article.sc-page h1").count() == 1
        assert page.evaluate("document.documentElement.lang") == "zh"
        if kind == "activities":  # an activity's parts line up: heading, meta, text, 参加人员
            lefts = page.evaluate(
                """() => [...document.querySelector('article.sc-activity').children].map(
                     (e) => Math.round((e.querySelector('summary') || e).getBoundingClientRect().left))"""
            )
            assert len(set(lefts)) == 1, lefts
        shoot(page, f"{kind}-1280")
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(100)
        shoot(page, f"{kind}-390")
        watch.assert_clean()
    finally:
        context.close()


def _cards(page) -> list[dict]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.sc-page a.sc-card')).map((c) => ({
             unit: c.dataset.unit, star: c.dataset.star, hidden: c.hidden,
             visible: c.getClientRects().length > 0 && !c.closest('[hidden]') }))"""
    )


def test_branch_filter_by_star_and_unit(browser, base: str, demo_site: Path) -> None:
    n_published = len(site_json(demo_site)["branches"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    try:
        page = context.new_page()
        page.goto(base + "branches/", wait_until="networkidle")
        form = "form[data-filter=branches]"
        cards = _cards(page)
        assert len(cards) == n_published and all(c["visible"] for c in cards)
        assert page.inner_text(f"{form} .sc-filter-count").strip() == f"共 {len(cards)} 个支部"
        assert page.locator(".sc-filter-empty").is_hidden()

        # star: a value some but not all cards have
        stars = [c["star"] for c in cards]
        star = next(s for s in sorted(set(stars)) if 0 < stars.count(s) < len(stars))
        page.select_option(f"{form} select[name=star]", star)
        after = _cards(page)
        assert all(c["visible"] == (c["star"] == star) for c in after), after
        assert all(c["hidden"] == (c["star"] != star) for c in after), after
        assert (
            page.inner_text(f"{form} .sc-filter-count").strip() == f"共 {stars.count(star)} 个支部"
        )

        # unit: other units' sections disappear
        page.select_option(f"{form} select[name=star]", "")
        units = page.eval_on_selector_all(
            ".sc-page section.sc-unit", "ss => ss.map((s) => s.dataset.unit)"
        )
        assert len(units) >= 2
        unit = units[0]
        page.select_option(f"{form} select[name=unit]", unit)
        sections = page.eval_on_selector_all(
            ".sc-page section.sc-unit", "ss => ss.map((s) => [s.dataset.unit, s.hidden])"
        )
        assert all(hidden == (u != unit) for u, hidden in sections), sections
        assert page.locator(f'section.sc-unit[data-unit="{unit}"]').is_visible()
        shown = [c for c in _cards(page) if c["visible"]]
        assert shown and all(c["unit"] == unit for c in shown)
        assert page.inner_text(f"{form} .sc-filter-count").strip() == f"共 {len(shown)} 个支部"

        # a unit and a star no branch has together: the empty note shows
        combos = {(c["unit"], c["star"]) for c in cards}
        empty = next(
            ((u, s) for u in units for s in ("5", "4", "3", "0") if (u, s) not in combos), None
        )
        if empty is not None:
            page.select_option(f"{form} select[name=unit]", empty[0])
            page.select_option(f"{form} select[name=star]", empty[1])
            assert page.locator(".sc-filter-empty").is_visible()
            assert page.inner_text(f"{form} .sc-filter-count").strip() == "共 0 个支部"
        watch.assert_clean()
    finally:
        context.close()


def test_search_finds_chinese_words(browser, base: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    try:
        page = context.new_page()
        page.goto(base + "search/?q=志愿服务", wait_until="networkidle")
        page.wait_for_selector(".sc-result", timeout=15000)
        hrefs = page.eval_on_selector_all(
            ".sc-result a[href]", "as => as.map((a) => a.getAttribute('href'))"
        )
        into_branches = [h for h in hrefs if "/branches/" in h]
        assert into_branches, hrefs
        # the activity logs, where the word is what happened, rank above reviewer tables
        assert "/activities/" in hrefs[0], hrefs[:3]
        # sub-results land on single activities (ids on their headings)
        assert any(re.search(r"/activities/\d{4}/#\d{4}-\d{2}-\d{2}-", h) for h in hrefs), hrefs[
            :10
        ]
        target = urljoin(page.url, into_branches[0])
        assert urlparse(target).hostname == "127.0.0.1"
        assert page.locator(".sc-search-offline").is_hidden()
        shoot(page, "search-results-1280")
        response = page.goto(target, wait_until="networkidle")
        assert response is not None and response.ok, target
        watch.assert_clean()
    finally:
        context.close()


def test_search_from_a_file_share_says_it_needs_the_server(browser, demo_site: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    try:
        page = context.new_page()
        page.goto((demo_site / "search" / "index.html").as_uri(), wait_until="load")
        notice = page.locator(".sc-search-offline")
        notice.wait_for(state="visible", timeout=5000)
        assert "内网服务器" in notice.inner_text()
        assert page.locator("#sc-search").is_hidden()
        # the branch finder still works without a server: its list comes from a <script src>
        items = page.locator(".sc-finder-list li")
        items.first.wait_for(state="visible", timeout=5000)
        total = items.count()
        page.fill(".sc-finder-input", "制丝")
        visible = page.locator(".sc-finder-list li:visible")
        assert 1 <= visible.count() < total
        assert "制丝" in visible.first.inner_text()
        assert not watch.errors, watch.errors
        assert watch.hosts <= {"file"}, watch.hosts
    finally:
        context.close()


def test_photo_wall_thumbnails_and_lightbox(browser, base: str, photo_board: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    try:
        page = context.new_page()
        page.goto(base + photo_board, wait_until="networkidle")
        thumb = page.locator(".sc-wall a.sc-photo img").first
        thumb.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle(), timeout=5000
        )
        assert "-t." in thumb.get_attribute("src")
        thumb.click()
        dialog = page.locator("dialog.sc-lightbox")
        page.wait_for_selector("dialog.sc-lightbox[open]", timeout=3000)
        large = dialog.locator("img")
        assert "-l." in large.get_attribute("src")
        page.wait_for_function(
            "() => { const i = document.querySelector('dialog.sc-lightbox img'); return i.complete && i.naturalWidth > 0; }",
            timeout=5000,
        )
        assert large.evaluate("i => i.naturalWidth") > thumb.evaluate("i => i.naturalWidth")
        shoot(page, "lightbox-1280", full_page=False)  # a modal: what the viewport shows
        page.keyboard.press("Escape")
        page.wait_for_function(
            "() => !document.querySelector('dialog.sc-lightbox').open", timeout=3000
        )
        assert dialog.get_attribute("open") is None
        watch.assert_clean()
    finally:
        context.close()


@pytest.mark.parametrize(
    "kind",
    [
        "home",
        "branches",
        "brand",
        "group",
        "commitments",
        "activities",
        "search",
        "scorecard",
        "scorecards",
        "groups",
        "warnings",
        "boards",
    ],
)
def test_no_horizontal_overflow_on_a_phone(browser, base: str, photo_board: str, kind: str) -> None:
    path = PAGES[kind] or photo_board
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    watch = Watch(context)
    try:
        page = context.new_page()
        page.goto(base + path, wait_until="networkidle")
        page.evaluate(LOAD_LAZY)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 391:
            wide = page.evaluate(
                """() => Array.from(document.querySelectorAll('body *'))
                     .filter((e) => e.getBoundingClientRect().right > 391 && !e.closest('.sc-scroll, .md-sidebar, .md-nav'))
                     .slice(0, 8).map((e) => e.tagName.toLowerCase() + '.' + String(e.className).split(' ').join('.')
                                       + ' right=' + Math.round(e.getBoundingClientRect().right))"""
            )
            pytest.fail(f"{path}: scrollWidth {width} > 390; widest: {wide}")
        # phones navigate by the tabs, a strip that scrolls sideways: showcase pages carry no
        # drawer, so no menu button that would open an empty one
        assert page.locator(".md-tabs").is_visible(), path
        assert page.locator(".md-sidebar--primary").count() == 0, path
        assert page.locator('label.md-header__button[for="__drawer"]').is_hidden(), path
        last = page.locator(".md-tabs__link").last
        last.scroll_into_view_if_needed()
        assert last.is_visible() and last.bounding_box()["x"] + 20 < 390, path
        watch.assert_clean()
    finally:
        context.close()


def test_dark_mode_brand_page(browser, base: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    watch = Watch(context)
    try:
        page = context.new_page()
        page.goto(base + PAGES["brand"], wait_until="networkidle")
        page.wait_for_function(
            "() => document.body.dataset.mdColorScheme === 'slate'", timeout=5000
        )
        assert page.locator("h1.sc-brand-name").is_visible()
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        channels = [int(x) for x in re.findall(r"\d+", background)[:3]]
        assert sum(channels) < 3 * 100, background  # a dark page, not a light one
        shoot(page, "brand-dark-1280")
        watch.assert_clean()
    finally:
        context.close()
