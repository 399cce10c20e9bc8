"""Past one machine: two units built as shards, a portal over them, against a single build.

Data: four distinct generated branches (generator/bench_data.py), two per unit, each unit's
first activity carrying a phrase no other branch has.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from test_pages import broken_links

from conftest import run_cli, serve_dir
from generator.bench_data import write_site
from generator.shard import SUMMARY
from generator.units import unit_id
from tests.sitefiles import site_json

UNITS = {"临江制造中心党委": ("zb0000", "zb0001"), "秀水物流中心党委": ("zb0002", "zb0003")}
PHRASES = {"临江制造中心党委": "猕猴桃", "秀水物流中心党委": "鹦鹉"}  # words no generated text has
APPLICANTS = {"zb0000": "申屠远航", "zb0002": "欧阳晓岚"}  # 入党申请人: names never published


def _set_unit(folder: Path, unit: str) -> None:
    text = (folder / "branch.yml").read_text(encoding="utf-8").splitlines()
    lines = [f"unit: {unit}" if line.startswith("unit:") else line for line in text]
    (folder / "branch.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The project, both shards, the portal over them and a single build of everything."""
    root = tmp_path_factory.mktemp("portal")
    src = root / "src"
    write_site(src, 4, photos=1)
    for unit, ids in UNITS.items():
        for bid in ids:
            _set_unit(src / "branches" / bid, unit)
        first = sorted((src / "branches" / ids[0] / "activities").glob("*.md"))[0]
        first.write_text(
            first.read_text(encoding="utf-8") + f"\n活动现场还有{PHRASES[unit]}。\n",
            encoding="utf-8",
        )
    for bid, name in APPLICANTS.items():
        with (src / "branches" / bid / "members.yml").open("a", encoding="utf-8") as f:
            f.write(f"\n- name: {name}\n  development: {{入党申请人: 2024-03-01}}\n")
    out = {"src": src, "full": root / "full", "portal": root / "site", "shards": root / "shards"}
    for unit in UNITS:
        code, _, err = run_cli(
            "build", str(src), "--unit", unit_id(unit), "-d", str(out["shards"] / unit_id(unit))
        )
        assert code == 0, err
    code, _, err = run_cli(
        "portal",
        *(str(p) for p in sorted(out["shards"].iterdir())),
        "-d",
        str(out["portal"]),
        "-f",
        str(src),
    )
    assert code == 0, err
    code, _, err = run_cli("build", str(src), "-d", str(out["full"]))
    assert code == 0, err
    return out


def test_unit_ids_are_stable_and_listed(built: dict[str, Path]) -> None:
    assert (
        unit_id("临江制造中心党委")
        == "u" + hashlib.sha256("临江制造中心党委".encode()).hexdigest()[:8]
    )
    code, out, _ = run_cli("units", str(built["src"]), "--format", "json")
    assert code == 0
    assert json.loads(out) == sorted(
        ({"id": unit_id(u), "name": u, "branches": 2} for u in UNITS), key=lambda r: r["id"]
    )


def test_a_shard_holds_only_its_units_branches(built: dict[str, Path]) -> None:
    for unit, ids in UNITS.items():
        shard = built["shards"] / unit_id(unit)
        assert sorted(p.name for p in (shard / "branches").iterdir() if p.is_dir()) == sorted(ids)
        summary = json.loads((shard / SUMMARY).read_text(encoding="utf-8"))
        assert summary["unit"] == {"id": unit_id(unit), "name": unit}
        assert sorted(summary["results"]["branches"]) == sorted(ids)
        # the activity texts stay in the shard's pages; the summary does not carry them
        assert all(a["body"] == "" for b in summary["branches"] for a in b["activities"])
        assert PHRASES[unit] not in (shard / SUMMARY).read_text(encoding="utf-8")
        # nor the build machine's paths: a branch's folder is its id
        assert [b["folder"] for b in summary["branches"]] == sorted(ids)
        assert str(built["src"]) not in (shard / SUMMARY).read_text(encoding="utf-8")


def test_unknown_unit_is_refused_with_the_list_of_units(
    built: dict[str, Path], tmp_path: Path
) -> None:
    code, _, err = run_cli(
        "build", str(built["src"]), "--unit", "u00000000", "-d", str(tmp_path / "x")
    )
    assert code == 1
    assert "找不到单位 'u00000000'" in err
    for unit in UNITS:
        assert f"{unit_id(unit)}  {unit}（2 个支部）" in err
    assert not (tmp_path / "x").exists()


def test_the_portals_exports_equal_a_single_builds(built: dict[str, Path]) -> None:
    # Both list branches in id order, so even the bytes agree (JSON, CSV and the workbook).
    for name in ("results.json.zip", "results.csv", "results.xlsx"):
        portal = (built["portal"] / "scorecards" / name).read_bytes()
        assert portal == (built["full"] / "scorecards" / name).read_bytes(), name
    doc = site_json(built["portal"])
    assert [b["id"] for b in doc["branches"]] == ["zb0000", "zb0001", "zb0002", "zb0003"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_portal_carries_the_shards_as_built(built: dict[str, Path]) -> None:
    for unit in UNITS:
        shard = built["shards"] / unit_id(unit)
        assert _tree(built["portal"] / "units" / unit_id(unit)) == _tree(shard)
    # the portal's own pages span both units; branch pages exist only inside the shards
    assert not (built["portal"] / "branches" / "zb0000").exists()
    dashboard = (built["portal"] / "scorecards" / "index.html").read_text(encoding="utf-8")
    for unit, ids in UNITS.items():
        for bid in ids:
            assert f'href="../units/{unit_id(unit)}/branches/{bid}/scorecard/"' in dashboard
    # brand cards show the logos the shards encoded (the link check below proves they exist)
    index = (built["portal"] / "branches" / "index.html").read_text(encoding="utf-8")
    for unit in UNITS:
        assert f'class="sc-card-logo" src="../units/{unit_id(unit)}/media/' in index
    home = (built["portal"] / "index.html").read_text(encoding="utf-8")
    for unit in UNITS:
        assert f'href="units/{unit_id(unit)}/">{unit}</a>' in home


def test_every_link_of_portal_and_shards_resolves(built: dict[str, Path]) -> None:
    assert broken_links(built["portal"]) == []
    # a shard's pages lead up to the portal's home, which exists only in the portal
    page = (
        built["portal"]
        / "units"
        / unit_id("秀水物流中心党委")
        / "branches"
        / "zb0002"
        / "index.html"
    )
    assert '<a href="../../../../">← 返回总站（全部单位）</a>' in page.read_text(encoding="utf-8")


def test_the_portal_output_never_overlaps_a_shard(built: dict[str, Path]) -> None:
    shard = built["shards"] / unit_id("临江制造中心党委")
    before = _tree(shard)
    for target in (shard, built["shards"], shard / "site"):
        code, _, err = run_cli("portal", str(shard), "-d", str(target), "-f", str(built["src"]))
        assert code == 1, target
        assert "重叠" in err, err
    assert _tree(shard) == before


def test_shards_of_different_dates_are_refused(built: dict[str, Path], tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(built["shards"] / unit_id("临江制造中心党委"), other)
    doc = json.loads((other / SUMMARY).read_text(encoding="utf-8"))
    doc["results"]["as_of"] = "2020-01-01"
    doc["unit"] = {"name": "另一单位党委", "id": unit_id("另一单位党委")}
    (other / SUMMARY).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    shard = built["shards"] / unit_id("秀水物流中心党委")
    code, _, err = run_cli(
        "portal", str(shard), str(other), "-d", str(tmp_path / "site"), "-f", str(built["src"])
    )
    assert code == 1
    assert f"{other.as_posix()}/{SUMMARY}" in err and "基准日期" in err
    (tmp_path / "empty").mkdir()
    code, _, err = run_cli(
        "portal", str(tmp_path / "empty"), "-d", str(tmp_path / "site2"), "-f", str(built["src"])
    )
    assert code == 1 and f"{(tmp_path / 'empty').as_posix()}/{SUMMARY}: 不是分片目录" in err, err


@pytest.mark.parametrize("bad_id", ["../../../evil", "/tmp/elsewhere", "u11111111"])
def test_a_shard_whose_unit_id_was_edited_is_refused(
    built: dict[str, Path], tmp_path: Path, bad_id: str
) -> None:
    """The unit id names the shard's folder in the portal: an edited summary could copy the
    shard out of the site (../../evil). Only the id the unit's name gives is taken."""
    other = tmp_path / "other"
    shutil.copytree(built["shards"] / unit_id("临江制造中心党委"), other)
    doc = json.loads((other / SUMMARY).read_text(encoding="utf-8"))
    doc["unit"]["id"] = bad_id
    (other / SUMMARY).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _, err = run_cli(
        "portal", str(other), "-d", str(tmp_path / "site"), "-f", str(built["src"])
    )
    assert code == 1 and "单位编号" in err and "与单位名称不符" in err, err
    assert not (tmp_path / "site").exists() and not (tmp_path / "evil").exists()


@pytest.mark.browser
def test_the_portals_search_finds_text_of_both_shards(browser, built: dict[str, Path]) -> None:
    with serve_dir(built["portal"]) as base:
        page = browser.new_page()
        for unit, ids in UNITS.items():
            page.goto(base + f"search/?q={PHRASES[unit]}", wait_until="networkidle")
            page.wait_for_selector(".sc-result", timeout=15000)
            hrefs = page.eval_on_selector_all(".sc-result-link", "as => as.map((a) => a.href)")
            assert hrefs, unit
            assert all(
                h.startswith(f"{base}units/{unit_id(unit)}/branches/{ids[0]}/") for h in hrefs
            ), hrefs
            page.goto(hrefs[0])
            assert PHRASES[unit] in page.inner_text("article")
        page.close()


def test_file_share_shards_and_portal_link_index_html(
    built: dict[str, Path], tmp_path: Path
) -> None:
    """With use_directory_urls: false (file shares), every link of portal and shards ends in
    index.html and resolves; a portal whose config says otherwise is refused."""
    src = tmp_path / "src"
    shutil.copytree(built["src"], src, ignore=shutil.ignore_patterns(".cache"))
    with (src / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("use_directory_urls: false\n")
    shards = tmp_path / "shards"
    for unit in UNITS:
        code, _, err = run_cli("build", str(src), "--unit", unit, "-d", str(shards / unit_id(unit)))
        assert code == 0, err
    folders = [str(p) for p in sorted(shards.iterdir())]
    code, _, err = run_cli("portal", *folders, "-d", str(tmp_path / "site"), "-f", str(src))
    assert code == 0, err
    assert broken_links(tmp_path / "site", directory_urls=False) == []
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f'href="units/{unit_id("临江制造中心党委")}/index.html"' in home
    code, _, err = run_cli(
        "portal", *folders, "-d", str(tmp_path / "site2"), "-f", str(built["src"])
    )
    assert code == 1 and "use_directory_urls" in err


def test_applicants_names_reach_no_shard_and_no_portal_file(built: dict[str, Path]) -> None:
    """The shard summary is a published file: applicants go into it as counts, never names."""
    for where in ("shards", "portal", "full"):
        for f in built[where].rglob("*"):
            if f.is_file() and f.suffix in (".html", ".json", ".js", ".csv", ".xml"):
                text = f.read_text(encoding="utf-8", errors="ignore")
                for name in APPLICANTS.values():
                    assert name not in text, f"{name} in {f}"
    full = site_json(built["full"])
    assert any(b.get("roster", {}).get("applicants") for b in full["branches"]), (
        "no applicant counted"
    )
