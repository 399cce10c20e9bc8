"""What the pagefind index holds: branch pages with clean sub-result titles, no site-wide listings."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

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
    # a branch's own text pages are in it; its figures (portrait, 五力) are not
    for bid in ("zb0000", "zb0001"):
        assert {f"/branches/{bid}/commitments/", f"/branches/{bid}/kanban/"} <= urls
        assert f"/branches/{bid}/groups/g1/" in urls
        assert not {f"/branches/{bid}/portrait/", f"/branches/{bid}/wuli/"} & urls
        assert (tmp_path / "site" / "branches" / bid / "portrait" / "index.html").is_file()
    titles = [a["text"] for f in fragments for a in f["anchors"] if a["element"] == "h3"]
    assert any("志愿服务" in t for t in titles)
    assert titles and not [t for t in titles if t.startswith(("#", "¶"))]
