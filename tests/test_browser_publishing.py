"""How the site is published: under a sub-path of an intranet server, and printed on A4."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_browser_pages import Watch

from conftest import run_cli, serve_dir

pytestmark = pytest.mark.browser

SUBPATH = "dangjian/showcase/"


def test_site_works_under_a_sub_path(browser, demo_site: Path, tmp_path: Path) -> None:
    root = tmp_path / "www"
    shutil.copytree(demo_site, root / SUBPATH)
    with serve_dir(root) as base:
        context = browser.new_context()
        watch = Watch(context)
        try:
            page = context.new_page()
            page.goto(base + SUBPATH, wait_until="networkidle")
            # follow links as a reader would: home -> brand card -> group board -> activity log
            page.locator("a.sc-card").first.click()
            page.wait_for_load_state("networkidle")
            assert page.url.startswith(base + SUBPATH + "branches/")
            page.locator("a.sc-1n-tile").first.click()
            page.wait_for_load_state("networkidle")
            assert "/groups/" in page.url
            page.goto(base + SUBPATH + "search/?q=志愿服务", wait_until="networkidle")
            page.wait_for_selector(".sc-result-link", timeout=10_000)
            href = page.locator(".sc-result-link").first.get_attribute("href") or ""
            assert href.startswith("/" + SUBPATH), (
                href
            )  # pagefind resolves results under the sub-path
            # our stylesheet applied: brand headers are red, not unstyled
            page.goto(base + SUBPATH + "branches/zhisi/", wait_until="networkidle")
            color = page.locator(".sc-brand-head").evaluate(
                "e => getComputedStyle(e).backgroundImage"
            )
            assert "gradient" in color
            watch.assert_clean()
        finally:
            context.close()


@pytest.mark.parametrize(
    "path", ["branches/zhisi/", "branches/zhisi/scorecard/", "branches/zhisi/commitments/"]
)
def test_pages_print_on_a4_without_site_chrome(browser, demo_site: Path, path: str) -> None:
    with serve_dir(demo_site) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            page.emulate_media(media="print")
            hidden = page.evaluate(
                """() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-footer', '.sc-subnav']
                     .map((s) => document.querySelector(s))
                     .filter((e) => e && getComputedStyle(e).display !== 'none')
                     .map((e) => e.className)"""
            )
            assert not hidden, hidden
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
            boxes = [
                tuple(float(v) for v in m.split())
                for m in re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)
            ]
            assert boxes, "no pages in the PDF"
            for box in boxes:  # @page { size: A4 }: 595 × 842 pt, whatever the browser default
                assert abs(box[2] - 595) < 1.5 and abs(box[3] - 842) < 1.5, box
        finally:
            context.close()


def test_file_share_site_browses_from_file_urls(browser, good_site: Path) -> None:
    """`use_directory_urls: false` (what `new site --file-share` writes): click through file://."""
    cfg = good_site / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8"
    )
    code, _, err = run_cli("build", str(good_site))
    assert code == 0, err
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto((good_site / "site" / "index.html").as_uri())
        page.locator("a.sc-card").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/branches/demo/index.html"), page.url
        assert "gradient" in page.locator(".sc-brand-head").evaluate(
            "e => getComputedStyle(e).backgroundImage"
        )
        page.locator("a.sc-1n-tile").first.click()
        page.wait_for_load_state()
        assert "/groups/" in page.url and page.url.endswith("index.html"), page.url
        page.go_back()
        page.locator(".sc-subnav a", has_text="活动").first.click()
        page.wait_for_load_state()
        assert page.locator("article.sc-activity").count() >= 1
        assert not errors, errors
    finally:
        context.close()
