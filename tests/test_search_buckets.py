"""The search index in pieces (generator/render/search.py): an edit re-indexes only the main
bundle and its branch's bucket, a bucket taken from the cache gives the site of a clean build,
and the browser finds a word of one branch's bucket wherever the site is served."""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote, urljoin, urlparse

import pytest
from mkdocs.commands import build as mkdocs_build

from conftest import run_cli, serve_dir
from generator.bench_data import write_site
from generator.render import search
from generator.units import unit_id

WORD = "鹭岛夜校"  # written into one activity of zb0000 only


@pytest.fixture
def three_bundles(monkeypatch: pytest.MonkeyPatch) -> None:
    """One branch per bucket: zb0000 -> pagefind/b2/, zb0001 -> b1/, zb0002 -> the main one."""
    monkeypatch.setattr(search, "BRANCHES_PER_BUCKET", 1)
    assert [search.bucket_of(f"zb000{i}", 3) for i in range(3)] == [2, 1, 0]


def _site(root: Path, directory_urls: bool = True) -> Path:
    src = root / "src"
    write_site(src, 3, photos=0)
    if not directory_urls:
        config = src / "mkdocs.yml"
        config.write_text(
            "use_directory_urls: false\n" + config.read_text(encoding="utf-8"), encoding="utf-8"
        )
    _add(src, "zb0000", f"\n本次活动在{WORD}举行，课后开展交流。\n")
    return src


def _add(src: Path, branch: str, text: str) -> None:
    activity = sorted((src / "branches" / branch / "activities").glob("*.md"))[3]
    activity.write_text(activity.read_text(encoding="utf-8") + text, encoding="utf-8")


def _build(src: Path, out: Path) -> str:
    code, stdout, stderr = run_cli("build", str(src), "-d", str(out))
    assert code == 0, stderr
    return stdout + stderr


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _texts(bundle: Path) -> str:
    out = []
    for f in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(f.read_bytes())
        out.append(json.loads(data[len(b"pagefind_dcd") :])["content"].replace("\u200b", ""))
    return "\n".join(out)


def test_an_edit_reindexes_only_its_bucket_and_gives_the_site_of_a_clean_build(
    three_bundles: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _site(tmp_path)
    rendered: list[str] = []
    real_build_page = mkdocs_build._build_page

    def recording(page, *args, **kwargs):  # type: ignore[no-untyped-def]
        rendered.append(page.file.src_uri)
        written.append(page.file.dest_uri)
        return real_build_page(page, *args, **kwargs)

    written: list[str] = []
    monkeypatch.setattr(mkdocs_build, "_build_page", recording)
    first = _build(src, tmp_path / "first")
    # the main bundle, b1 and b2, each as soon as its pages were written: a cold build renders
    # the pages pagefind reads that are no branch's own (home, guide) first, then the branches
    # bundle by bundle, the smallest first (one branch each here: the main bundle's zb0002,
    # b1's zb0001, b2's zb0000), a branch's searchable pages before its scorecard, and last
    # the dashboards, beside b2's index
    assert "全文检索分组索引 3 个重建（其中 3 个在生成页面时已建好）、0 个未变化" in first
    read = [search.is_searchable((tmp_path / "first" / rel).read_bytes()) for rel in written]
    owners = [search.branch_of(uri) for uri in rendered]
    runs = [o for i, o in enumerate(owners) if i == 0 or o != owners[i - 1]]
    assert runs == [None, "zb0002", "zb0001", "zb0000", None], runs
    for owner in runs:
        mine = [r for o, r in zip(owners, read, strict=True) if o == owner]
        assert mine == sorted(mine, reverse=True) and 0 < sum(mine) < len(mine), owner
    site = tmp_path / "first"
    assert WORD in _texts(site / "pagefind" / "b2") and WORD not in _texts(site / "pagefind")
    # a bucket holds what a merged index fetches; the main bundle adds the search API and its
    # wasm, and none of pagefind's UIs, web worker or highlighter (the page has its own UI)
    assert {p.name for p in (site / "pagefind" / "b2").iterdir() if p.suffix != ".pf_meta"} == {
        "pagefind-entry.json",
        "index",
        "fragment",
    }
    main = {p.name for p in (site / "pagefind").iterdir()}
    assert {"pagefind.js", "pagefind-entry.json", "index", "fragment", "b1", "b2"} <= main
    extra = main - {"pagefind.js", "pagefind-entry.json", "index", "fragment", "b1", "b2"}
    assert extra and all(n.endswith((".pf_meta", ".pagefind")) for n in extra), extra
    search_page = (site / "search" / "index.html").read_text(encoding="utf-8")
    merged = re.search(r"data-merge='([^']*)'", search_page)
    assert merged is not None
    assert [m["bundlePath"] for m in json.loads(html.unescape(merged.group(1)))] == [
        "../pagefind/b1/",
        "../pagefind/b2/",
    ]
    cache = src / ".cache" / "showcase" / "search"
    before = {e.name: e.stat().st_ino for e in cache.iterdir()}
    assert len(before) == 3 and sum(n.startswith("main-") for n in before) == 1

    _add(src, "zb0000", "\n编辑后补充：夜校结业。\n")
    warm = tmp_path / "warm"
    rendered.clear()
    written.clear()
    log = _build(src, warm)
    monkeypatch.setattr(mkdocs_build, "_build_page", real_build_page)
    # the edited branch's bucket (b2) is rendered first, though b1 comes first otherwise
    first = {uri.split("/")[1] for uri in rendered[:5]}
    assert first == {"zb0000"}, rendered[:5]
    # the overview pages did not change: the main bundle is reused too; b2, the edited
    # branch's bucket, was indexed while MkDocs still rendered the other pages
    assert "全文检索分组索引 1 个重建（其中 1 个在生成页面时已建好）、2 个未变化取自缓存" in log
    after = {e.name: e.stat().st_ino for e in cache.iterdir()}
    kept = set(before) & set(after)
    assert len(kept) == 2 and len(after) == 3  # main and b1 reused, b2's old entry pruned
    (entry,) = (k for k in kept if not k.startswith("main-"))
    assert all(after[k] == before[k] for k in kept)
    b1 = warm / "pagefind" / "b1" / "pagefind-entry.json"
    assert b1.samefile(cache / entry / "pagefind-entry.json")  # linked, not re-indexed
    assert "夜校结业" in _texts(warm / "pagefind" / "b2")

    # a changed overview page (the home text) re-indexes the main bundle, and only it
    home = src / "content" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n首页新增：岁末联欢。\n", encoding="utf-8")
    log = _build(src, warm)
    assert "全文检索分组索引 1 个重建（其中 1 个在生成页面时已建好）、2 个未变化取自缓存" in log
    assert "岁末联欢" in _texts(warm / "pagefind")

    shutil.rmtree(src / ".cache")
    monkeypatch.setattr(search.EarlyIndex, "written", lambda self, rel: None)
    log = _build(src, tmp_path / "clean")
    assert "全文检索分组索引 3 个重建、0 个未变化" in log  # all of them at the end
    # pagefind is deterministic, and a bucket indexed early is the one indexed at the end
    assert _tree(warm) == _tree(tmp_path / "clean")


def test_the_pages_predicted_searchable_by_their_template_are_those_pagefind_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The render order and the early index go by the templates (their `indexed` block); the
    final index by the pages. A template that carried data-pagefind-body some other way would
    make every build index its bundle twice: caught here, on every kind of planned page."""
    from generator import plugin

    seen: dict[str, set[str]] = {}
    real = plugin.index_order

    def recording(uris, ids, searchable):  # type: ignore[no-untyped-def]
        seen.update({u: set(searchable) for u in uris})
        return real(uris, ids, searchable)

    monkeypatch.setattr(plugin, "index_order", recording)
    src = _site(tmp_path)
    _build(src, tmp_path / "out")
    assert len(seen) > 30
    for uri, searchable in seen.items():
        page = tmp_path / "out" / (uri.removesuffix(".md") + ".html")
        assert (uri in searchable) == search.is_searchable(page.read_bytes()), uri
    kinds = {uri.rsplit("/", 2)[-2] for uri, s in seen.items() if uri not in s}
    assert {"scorecard", "boards", "search"} <= kinds, kinds  # both kinds are there


def test_a_bucket_is_indexed_as_soon_as_its_last_page_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While MkDocs still renders the rest: not before its last page, not left to the end."""
    started: list[int] = []
    monkeypatch.setattr(search, "index_bucket_early", lambda site, k, *rest: started.append(k))
    buckets = {
        1: ["branches/a/index.html", "branches/a/activities/index.html"],
        2: ["branches/b/index.html"],
    }
    early = search.EarlyIndex(tmp_path, buckets, {}, tmp_path, "key")
    early.written("branches/a/index.html")
    early.written("index.html")  # the main bundle's: indexed at the end
    assert early.jobs == []
    early.written("branches/b/index.html")  # bucket 2 complete
    assert len(early.jobs) == 1
    early.written("branches/a/activities/index.html")  # bucket 1 complete
    early.written("branches/a/activities/index.html")  # a page written twice starts nothing
    assert len(early.jobs) == 2
    early.wait()
    assert started == [2, 1]


def test_pagefind_beside_page_rendering_leaves_mkdocs_its_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An early bucket's pagefind runs on one core fewer than the machine has (rayon's pool:
    its own threads took ~1.5 of two cores from MkDocs); the last bundle, with nothing but the
    pages pagefind does not read left to render, and the final index on all of them."""
    site = _site(tmp_path)
    assert run_cli("build", str(site), "-d", str(tmp_path / "out"))[0] == 0
    threads: list[str | None] = []
    real_run = search.subprocess.run

    def run(cmd, **kw):
        threads.append((kw.get("env") or {}).get("RAYON_NUM_THREADS"))
        return real_run(cmd, **kw)

    monkeypatch.setattr(search.subprocess, "run", run)
    monkeypatch.setattr(search, "cores", lambda: 3)
    out, cache = tmp_path / "out", tmp_path / "cache"
    buckets = {1: ["branches/zb0000/index.html"], 2: ["branches/zb0001/index.html"]}
    early = search.EarlyIndex(out, buckets, {}, cache, "key")
    early.written("branches/zb0000/index.html")  # bucket 2's page still to render
    early.written("branches/zb0001/index.html")  # the last bundle: only its pages are left
    assert early.wait() == 2
    search.build_search_index(out, ["zb0000"], {}, cache, "key")
    assert threads == ["2", None, None]  # beside MkDocs; the last bundle; the final index


def _find(browser, base: str) -> None:
    """Search WORD on the search page at `base`; its result opens zb0000's activity log."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    fetched: list[str] = []
    try:
        page = context.new_page()
        page.on("requestfinished", lambda r: fetched.append(urlparse(r.url).path))
        page.goto(base + "search/?q=" + quote(WORD), wait_until="networkidle")
        page.wait_for_selector(".sc-result", timeout=15000)
        hrefs = page.eval_on_selector_all(".sc-result-link", "as => as.map((a) => a.href)")
        assert hrefs and all("/branches/zb0000/activities/" in h for h in hrefs), hrefs
        assert any("/pagefind/b2/index/" in f for f in fetched)  # found in the merged bucket
        assert not [f for f in fetched if re.search(r"/pagefind-(.*ui|worker)", f)]
        # the activity is a sub-result: its heading's text, without the permalink mark, and
        # an excerpt with the word marked
        subs = page.locator(".sc-result-subs > li")
        assert subs.count() >= 1
        title = subs.first.locator("a").inner_text()
        assert title and "#" not in title and "¶" not in title, title
        assert "#" in (subs.first.locator("a").get_attribute("href") or "")
        marks = subs.first.locator("mark").all_inner_texts()  # 鹭岛, and 夜校 where marked
        assert marks and all(m and m in WORD for m in marks), marks
        assert not any(f.endswith("/finder.js") for f in fetched)  # not fetched for a query
        # a query typed into the box replaces the results and the address; five are drawn,
        # "更多结果" draws five more
        status = page.locator(".sc-search-status")
        before = status.inner_text()
        page.fill(".sc-search-input", "党支部")
        page.wait_for_function(
            "(t) => document.querySelector('.sc-search-status').textContent !== t", arg=before
        )
        found = int(re.search(r"找到 (\d+) 个", status.inner_text()).group(1))
        assert found > 10 and page.locator(".sc-result").count() == 5
        assert "q=" + quote("党支部") in page.url
        page.click(".sc-search-more")
        page.wait_for_function("() => document.querySelectorAll('.sc-result').length === 10")
        # the finder's list arrives when the finder is used
        page.focus(".sc-finder-input")
        page.locator(".sc-finder-list li").first.wait_for(state="visible", timeout=5000)
        assert page.locator(".sc-finder-list li").count() == 3
        response = page.goto(urljoin(page.url, hrefs[0]), wait_until="load")
        assert response is not None and response.ok
        assert WORD in page.inner_text("article")
        assert page.url.startswith(base)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_word_of_one_bucket_is_found_at_the_root_and_under_a_sub_path(
    three_bundles: None, browser, tmp_path: Path, directory_urls: bool
) -> None:
    src = _site(tmp_path, directory_urls)
    served = tmp_path / "www"
    _build(src, served / "intranet" / "dangjian")
    with serve_dir(served) as url:
        _find(browser, url + "intranet/dangjian/")
    with serve_dir(served / "intranet" / "dangjian") as url:
        _find(browser, url)
        # an index that cannot load (a bucket lost in copying) says so; the finder takes over
        (served / "intranet" / "dangjian" / "pagefind" / "b1" / "pagefind-entry.json").unlink()
        page = browser.new_page()
        page.goto(url + "search/?q=" + quote(WORD))
        notice = page.locator(".sc-search-offline")
        notice.wait_for(state="visible", timeout=15000)
        assert "未能加载" in notice.inner_text() and page.locator("#sc-search").is_hidden()
        page.locator(".sc-finder-list li").first.wait_for(state="visible", timeout=5000)
        page.close()


@pytest.mark.browser
def test_the_portal_merges_each_shards_buckets(
    monkeypatch: pytest.MonkeyPatch, browser, tmp_path: Path
) -> None:
    monkeypatch.setattr(search, "BRANCHES_PER_BUCKET", 1)  # two branches a shard: b1 holds both
    src = tmp_path / "src"
    write_site(src, 4, photos=0)
    units = {"临江制造中心党委": ("zb0000", "zb0001"), "秀水物流中心党委": ("zb0002", "zb0003")}
    words = {"zb0000": "猕猴桃", "zb0003": "鹦鹉"}  # words no generated text has
    for unit, ids in units.items():
        for bid in ids:
            profile = src / "branches" / bid / "branch.yml"
            lines = profile.read_text(encoding="utf-8").splitlines()
            lines = [f"unit: {unit}" if line.startswith("unit:") else line for line in lines]
            profile.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for bid, word in words.items():
        _add(src, bid, f"\n活动地点：{word}。\n")
    shards = tmp_path / "shards"
    for unit in units:
        code, _, err = run_cli(
            "build", str(src), "--unit", unit_id(unit), "-d", str(shards / unit_id(unit))
        )
        assert code == 0, err
        assert (shards / unit_id(unit) / "pagefind" / "b1" / "pagefind-entry.json").is_file()
    portal = tmp_path / "www" / "portal"
    code, _, err = run_cli(
        "portal", *(str(p) for p in sorted(shards.iterdir())), "-d", str(portal), "-f", str(src)
    )
    assert code == 0, err
    with serve_dir(tmp_path / "www") as url:
        page = browser.new_page()
        for bid, word in words.items():
            page.goto(url + f"portal/search/?q={quote(word)}", wait_until="networkidle")
            page.wait_for_selector(".sc-result", timeout=15000)
            hrefs = page.eval_on_selector_all(".sc-result-link", "as => as.map((a) => a.href)")
            unit = next(u for u, ids in units.items() if bid in ids)
            prefix = f"{url}portal/units/{unit_id(unit)}/branches/{bid}/activities/"
            assert hrefs and all(h.startswith(prefix) for h in hrefs), hrefs
            page.goto(hrefs[0])
            assert word in page.inner_text("article")
        page.close()


def test_searchable_means_the_attribute_in_a_tag_not_the_words_in_text() -> None:
    assert search.is_searchable(b'<p>x</p><article class="sc" data-pagefind-body>')
    assert search.is_searchable(b"<article data-pagefind-body class='sc'>")
    # an activity that talks about the attribute: escaped text, not a tag
    assert not search.is_searchable(b"<p>data-pagefind-body</p><article class='sc'>")
    assert not search.is_searchable(b"<p>&lt;i data-pagefind-body&gt;</p>")


@pytest.mark.browser
def test_a_chinese_phrase_is_found_on_every_page_that_has_it(browser, tmp_path: Path) -> None:
    """A phrase the browser segments otherwise than the index did (问题/导/向): pagefind 1.5
    found 1 page of 101 that hold 问题导向 (pagefind#1237), which is why 1.4 is pinned."""
    src = tmp_path / "src"
    write_site(src, 6, photos=0)
    phrases = {
        "坚持问题导向": ("zb0001", "zb0003", "zb0004"),
        "轮流讲授微党课": ("zb0000", "zb0005"),
    }
    for phrase, ids in phrases.items():
        for bid in ids:
            _add(src, bid, f"\n会上大家表示要{phrase}，抓好落实。\n")
    out = tmp_path / "site"
    _build(src, out)
    with serve_dir(out) as url:
        page = browser.new_page()
        page.goto(url + "search/", wait_until="networkidle")
        for phrase, ids in phrases.items():
            found = page.evaluate(
                """async (q) => {
                    const pf = await import('../pagefind/pagefind.js');
                    await pf.init();
                    const s = await pf.search(q);
                    const data = await Promise.all(s.results.map((r) => r.data()));
                    return data.filter((d) => d.content.includes(q)).map((d) => d.url);
                }""",
                phrase,
            )
            branches = {re.search(r"/branches/(zb\d+)/", u).group(1) for u in found}
            # every branch with a searchable page that holds it (the generated texts may too)
            holding = {
                p.relative_to(out / "branches").parts[0]
                for p in (out / "branches").glob("*/**/index.html")
                if p.parent.name not in ("scorecard", "portrait", "wuli", "kanban")
                and phrase in p.read_text(encoding="utf-8")
            }
            assert set(ids) <= holding and branches == holding, (
                phrase,
                sorted(branches),
                sorted(holding),
            )
        page.close()
