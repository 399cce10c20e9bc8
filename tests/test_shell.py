"""What every page repeats (generator/render/shell.py): one stylesheet and one script of ours,
material's header icons drawn by that stylesheet, and its page config without translations no
feature reads. Built from generated branches, looked at in Chromium."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import material
import pytest

from conftest import run_cli, serve_dir
from generator.bench_data import write_site

_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("shell") / "src"
    write_site(src, 2, photos=1, seed=7)
    out = src.parent / "site"
    code, _, err = run_cli("build", str(src), "-d", str(out))
    assert code == 0, err
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def test_one_stylesheet_and_one_script_of_ours_per_page(built: Path) -> None:
    pages = _pages(built)
    assert len(pages) > 20
    css = {p.name for p in (built / "assets" / "showcase").glob("site.*.css")}
    js = {p.name for p in (built / "assets" / "showcase").glob("site.*.js")}
    assert len(css) == len(js) == 1
    for page in pages:
        html = page.read_text(encoding="utf-8")
        ours = re.findall(r'(?:href|src)="[./]*assets/showcase/([^"]+)"', html)
        assert sorted(ours) == sorted([*css, *js, "early/scope.js", "early/palette.js"]), page
    # The pieces are in the bundles, not shipped on their own as well.
    shipped = {p.name for p in (built / "assets" / "showcase").rglob("*.*s")}
    assert not shipped & {"showcase.css", "reviewer.css", "showcase.js", "tablesort.min.js"}
    text = (built / "assets" / "showcase" / js.pop()).read_text(encoding="utf-8")
    # In the order they were linked: tablesort, its number plugin, then ours (showcase.js last).
    assert text.index("Tablesort") < text.index("Tablesort.extend(") < text.index("brandFilter")


def test_header_icons_come_from_the_stylesheet(built: Path) -> None:
    html = (built / "branches" / "zb0000" / "kanban" / "index.html").read_text(encoding="utf-8")
    header = html[: html.index('<div class="md-content"')]
    # Only the menu button keeps an inline SVG (its partial is material's whole header).
    assert header.count("<svg") == 1
    assert 'class="sc-icon sc-icon-logo"' in header
    # the palette toggles' icons are built in the page by early/palette.js (browser test below)
    script = (built / "assets" / "showcase" / "early" / "palette.js").read_text(encoding="utf-8")
    assert '"sc-icon sc-icon-palette-"+i' in script
    assert 'class="sc-icon sc-icon-top"' in html
    css = next((built / "assets" / "showcase").glob("site.*.css")).read_text(encoding="utf-8")
    for key in ("logo", "top", "palette-0", "palette-1"):
        rule = re.search(
            rf'\.sc-icon-{key}\{{--sc-icon:url\("(data:image/svg\+xml[^"]+)"\)\}}', css
        )
        assert rule, key
        assert rule.group(1).endswith("</svg>") and "<path" in rule.group(1)


def test_page_config_keeps_only_translations_a_feature_reads(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    config = json.loads(_CONFIG.search(html).group(1))
    assert config["translations"] == {}
    assert config["features"] == ["navigation.tabs", "navigation.top"]
    assert config["base"] == "." and config["version"] is None and config["tags"] is None
    # material's search worker by the name in its package (as its own template writes it).
    workers = Path(material.__file__).parent / "templates/assets/javascripts/workers"
    worker = "assets/javascripts/workers/" + next(workers.glob("search.*.min.js")).name
    assert config["search"] == worker
    deep = (built / "branches" / "zb0001" / "groups" / "g1" / "index.html").read_text("utf-8")
    config = json.loads(_CONFIG.search(deep).group(1))
    assert config["base"] == "../../../.." and config["search"] == "../../../../" + worker


def test_code_copy_keeps_its_translations(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_site(src, 1, photos=0, seed=11)
    yml = src / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    old = "features: [navigation.tabs, navigation.top]"
    assert old in text
    yml.write_text(text.replace(old, "features: [navigation.tabs, content.code.copy]"), "utf-8")
    code, _, err = run_cli("build", str(src), "-d", str(tmp_path / "site"))
    assert code == 0, err
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    config = json.loads(_CONFIG.search(html).group(1))
    assert config["translations"] == {"clipboard.copied": "已复制", "clipboard.copy": "复制"}


def _watched_page(browser) -> tuple:
    """A desktop-sized page and the list its script errors go to."""
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, errors


def test_icons_and_scripts_work_in_the_browser(built: Path, browser) -> None:
    with serve_dir(built) as base:
        page, errors = _watched_page(browser)
        page.goto(base + "scorecards/")
        for selector in (".md-header .sc-icon-logo", ".md-header .sc-icon-palette-0"):
            box = page.locator(selector).bounding_box()
            assert box and box["width"] >= 20 and box["height"] >= 20, selector
            mask = page.locator(selector).evaluate(
                "e => getComputedStyle(e).maskImage || getComputedStyle(e).webkitMaskImage"
            )
            assert mask.startswith('url("data:image/svg+xml'), selector
        # The bundled tablesort sorts the reviewer table by a click on its header.
        head = page.locator("table.sc-table th").first
        head.click()
        assert head.get_attribute("aria-sort") in ("ascending", "descending")
        assert errors == []
        page.close()


def test_the_palette_switch_is_built_in_the_page_and_remembered(built: Path, browser) -> None:
    """The pages carry the switch as data (partials/palette.html); early/palette.js builds
    material's inputs and labels from it, and material's script makes them work."""
    html = (built / "branches" / "zb0000" / "index.html").read_text(encoding="utf-8")
    assert 'name="__palette"' not in html and "data-sc-palette=" in html
    with serve_dir(built) as base:
        page, errors = _watched_page(browser)
        scheme = 'document.body.getAttribute("data-md-color-scheme")'
        page.goto(base + "branches/zb0000/")
        assert (
            page.locator('form[data-md-component="palette"] input[name="__palette"]').count() == 2
        )
        assert page.locator('input[name="__palette"][aria-label="切换到深色模式"]').count() == 1
        assert page.evaluate(scheme) == "default"
        page.locator('label[for="__palette_1"]').click()
        page.wait_for_function(f'{scheme} === "slate"')
        page.goto(base + "branches/zb0000/scorecard/")  # restored before the page paints
        assert page.evaluate(scheme) == "slate"
        assert page.locator('label[for="__palette_0"]').is_visible()
        page.locator('label[for="__palette_0"]').click()
        page.wait_for_function(f'{scheme} === "default"')
        assert errors == []
        page.close()


def _site_pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_shared_tabs_and_nav_read_as_material_renders_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, directory_urls: bool
) -> None:
    """Rendered once per place, the tabs are the bytes material writes on every page: a nested
    nav (a section, a deeper page) and file-share URLs included. Showcase pages carry no
    drawer (phones get the tabs); a hand-written page keeps material's, nested nav and all."""
    from generator.render import shell

    src = tmp_path / "src"
    write_site(src, 2, photos=0, seed=5)
    (src / "content" / "about").mkdir(parents=True)
    (src / "content" / "about" / "team.md").write_text("# 团队\n\n说明。\n", encoding="utf-8")
    yml = src / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    text += "nav:\n  - 首页: index.md\n  - 关于:\n    - 团队: about/team.md\n"
    text += "  - 支部品牌: branches/index.md\n  - 星级评定: scorecards/index.md\n"
    if not directory_urls:
        text += "use_directory_urls: false\n"
    yml.write_text(text, encoding="utf-8")
    code, _, err = run_cli("build", str(src), "-d", str(tmp_path / "shared"))
    assert code == 0, err
    calls: list[str] = []

    def every_time(self, kind, page, nav, draw):  # material's own rendering on each page
        calls.append(kind)
        return shell.Markup(draw())

    monkeypatch.setattr(shell.SharedParts, "render", every_time)
    shutil.rmtree(src / ".cache")  # every page rendered again, none from the page cache
    code, _, err = run_cli("build", str(src), "-d", str(tmp_path / "plain"), "--force")
    assert code == 0, err
    assert calls.count("tabs") > 20 and "nav" not in calls
    shared, plain = _site_pages(tmp_path / "shared"), _site_pages(tmp_path / "plain")
    assert shared.keys() == plain.keys()
    assert [k for k in shared if shared[k] != plain[k]] == []
    # a showcase page: no drawer; its tabs lead to the section's first page
    kanban = plain["branches/zb0001/kanban/index.html"].decode()
    assert "md-sidebar" not in kanban and "md-nav__list" not in kanban
    team = "about/team/" if directory_urls else "about/team.html"
    assert re.search(rf'<a href="[./]*{team}" class="md-tabs__link">\s*关于\s*</a>', kanban)
    # a hand-written page: material's drawer with the nested page in it
    about = plain["about/team/index.html" if directory_urls else "about/team.html"].decode()
    assert 'class="md-nav__list"' in about and "团队" in about
