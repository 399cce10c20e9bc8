"""What the pagefind index holds: branch pages with clean sub-result titles, no site-wide listings."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import yaml

from conftest import run_cli
from generator.bench_data import write_site


def _fragments(site: Path) -> list[dict]:
    out = []
    # the main bundle and the branch pages' bucket bundles (pagefind/b<k>/)
    for f in sorted((site / "pagefind").glob("**/fragment/*.pf_fragment")):
        data = gzip.decompress(f.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        out.append(json.loads(data[len(b"pagefind_dcd") :]))
    return out


def _members(folder: Path) -> list[dict]:
    return yaml.safe_load((folder / "members.yml").read_text(encoding="utf-8"))


def test_index_holds_branch_pages_with_clean_titles(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_site(src, 2, photos=0)
    code, _, err = run_cli("build", str(src), "-d", str(tmp_path / "site"))
    assert code == 0, err
    fragments = _fragments(tmp_path / "site")
    urls = {f["url"] for f in fragments}
    assert "/branches/zb0000/activities/2024/" in urls and "/branches/zb0001/" in urls
    # listings of every branch repeat what the branch pages say: they stay out of the index
    for listing in ("/branches/", "/scorecards/", "/groups/", "/warnings/", "/boards/", "/search/"):
        assert listing not in urls
    # every page of a branch is in it; of its portrait and 五力 pages the words, not the
    # figures (charts, rankings, the birthday calendar: names and numbers found elsewhere,
    # their headings too: a short page of headings would outrank the pages they name)
    by_url = {f["url"]: f for f in fragments}
    for bid in ("zb0000", "zb0001"):
        for page in ("commitments/", "kanban/", "groups/g1/", "portrait/", "wuli/"):
            assert f"/branches/{bid}/{page}" in urls
        # pagefind's content has a zero-width space between the words it segmented
        wuli, portrait = (
            by_url[f"/branches/{bid}/{page}/"]["content"].replace("\u200b", "")
            for page in ("wuli", "portrait")
        )
        assert "五力积分" in wuli and "党员五力排名" not in wuli
        assert "支部画像" in portrait and "发展党员" in portrait and "政治生日月历" not in portrait
        assert "周年" not in portrait  # the calendar's entries: "入党12周年"
        assert "周年" in (tmp_path / "site/branches" / bid / "portrait/index.html").read_text()
        names = [m["name"] for m in _members(tmp_path / "src" / "branches" / bid)]
        assert names and not [n for n in names if n in wuli]
    titles = [a["text"] for f in fragments for a in f["anchors"] if a["element"] == "h3"]
    assert any("志愿服务" in t for t in titles)
    assert titles and not [t for t in titles if t.startswith(("#", "¶"))]
