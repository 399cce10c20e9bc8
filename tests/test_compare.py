"""/compare/: two branches or two years side by side, from data embedded in the page; the
browser swaps columns offline (also from file://), filters to differences, fits a phone."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from rosterkit import APPLICANTS, write_site

from conftest import run_cli, serve_dir


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site(tmp_path_factory.mktemp("compare") / "src")
    # a second branch: the same roster, another name, no committee meetings in 2024
    other = root / "branches" / "jiwu"
    shutil.copytree(root / "branches" / "hangxin", other)
    profile = yaml.safe_load((other / "branch.yml").read_text(encoding="utf-8"))
    profile["name"] = "航信机务党支部"
    (other / "branch.yml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    for f in (other / "activities").glob("2024-*-zwh.md"):
        f.unlink()
    hidden = root / "branches" / "yincang"
    shutil.copytree(root / "branches" / "hangxin", hidden)
    profile["name"], profile["publish"] = "未公开的测试支部", False
    (hidden / "branch.yml").write_text(
        yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8"
    )
    out = root.parent / "site"
    code, _, err = run_cli("build", str(root), "--site-dir", str(out))
    assert code == 0, err
    return out


def _data(site: Path) -> dict:
    html = (site / "compare" / "index.html").read_text(encoding="utf-8")
    blob = re.search(
        r'<script type="application/json" id="sc-compare-data">(.*?)</script>', html, re.S
    ).group(1)
    return json.loads(blob)


def test_page_embeds_every_published_branch_and_year(site: Path) -> None:
    data = _data(site)
    assert sorted(data["entries"]) == [
        "hangxin:2023",
        "hangxin:2024",
        "jiwu:2023",
        "jiwu:2024",
    ]  # not the unpublished one
    e = data["entries"]["jiwu:2024"]
    assert (
        e["label"] == "航信机务党支部 · 2024年"
        and len(e["wuli"]) == 5
        and len(e["cats"]) == len(data["categories"])
    )
    assert (
        data["entries"]["hangxin:2024"]["activities"] - e["activities"] == 12
    )  # the missing 支委会
    html = (site / "compare" / "index.html").read_text(encoding="utf-8")
    assert "未公开的测试支部" not in html and not any(n in html for n in APPLICANTS)
    # without script: the first two branches of the evaluation year, differences marked
    assert re.search(
        r'<th scope="col" class="sc-compare-a">航信调度党支部 · 2024年</th><th scope="col" class="sc-compare-b">航信机务党支部 · 2024年</th>',
        html,
    )
    assert 'class="sc-differ"><th scope="row">活动次数</th>' in html
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert "compare/" in nav


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve_dir(site) as url:
        yield url


def _cells(page, table: str) -> list[list[str]]:
    return page.eval_on_selector_all(
        f"#{table} tbody tr:not([hidden])",
        "rs => rs.map((r) => Array.from(r.children).map((c) => c.textContent.trim()))",
    )


@pytest.mark.browser
def test_picking_two_years_swaps_the_columns(browser, base: str) -> None:
    from test_browser_pages import Watch

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    watch = Watch(context)
    try:
        page = context.new_page()
        page.goto(base + "compare/", wait_until="networkidle")
        page.select_option("#sc-compare-a", "jiwu:2023")
        page.select_option("#sc-compare-b", "jiwu:2024")
        head = page.eval_on_selector_all(
            "#sc-compare-summary thead th", "ts => ts.map((t) => t.textContent)"
        )
        assert head[1:] == ["航信机务党支部 · 2023年", "航信机务党支部 · 2024年"]
        rows = {r[0]: r[1:] for r in _cells(page, "sc-compare-summary")}
        assert rows["活动次数"] == ["24", "13"]  # 2024: no 支委会, one 政治生日
        assert "#a=jiwu%3A2023&b=jiwu%3A2024" in page.url
        items = _cells(page, "sc-compare-items")
        total = len(items)
        page.check("#sc-compare-diff")
        differ = _cells(page, "sc-compare-items")
        assert 0 < len(differ) < total and all(r[1] != r[2] for r in differ)
        assert page.evaluate("document.documentElement.scrollWidth") <= 391
        # the hash picks the pair when the page is opened again
        page.goto(base + "compare/#a=hangxin:2024&b=jiwu:2023", wait_until="networkidle")
        assert (
            page.input_value("#sc-compare-a") == "hangxin:2024"
            and page.input_value("#sc-compare-b") == "jiwu:2023"
        )
        watch.assert_clean()
    finally:
        context.close()


@pytest.mark.browser
def test_works_from_a_file_share_and_prints_on_a4(browser, site: Path) -> None:
    from test_browser_pages import Watch

    context = browser.new_context()
    watch = Watch(context)
    try:
        page = context.new_page()
        page.goto((site / "compare" / "index.html").as_uri(), wait_until="load")
        page.select_option("#sc-compare-b", "hangxin:2023")
        head = page.eval_on_selector_all(
            "#sc-compare-items thead th", "ts => ts.map((t) => t.textContent)"
        )
        assert head[2] == "航信调度党支部 · 2023年"
        assert not watch.errors and watch.hosts <= {"file"}, (watch.errors, watch.hosts)
        page.emulate_media(media="print")
        assert (
            page.locator("#sc-compare-form").evaluate("e => getComputedStyle(e).display") == "none"
        )
        pdf = page.pdf(prefer_css_page_size=True)
        boxes = [
            tuple(float(v) for v in m.split()) for m in re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)
        ]
        assert boxes and all(abs(b[2] - 595) < 1.5 and abs(b[3] - 842) < 1.5 for b in boxes)
    finally:
        context.close()
