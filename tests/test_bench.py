"""`showcase bench`: distinct generated branches and the figures it reports (it asserts no timing)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from conftest import run_cli
from generator.bench_data import write_site


def _digests(folder: Path, pattern: str) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob(pattern))]


def test_generated_branches_are_distinct_valid_and_deterministic(tmp_path: Path) -> None:
    activities = write_site(tmp_path / "a", 4, photos=2)
    write_site(tmp_path / "b", 4, photos=2)
    branches = sorted((tmp_path / "a" / "branches").iterdir())
    assert len(branches) == 4
    assert activities >= 4 * 75  # about 80 activities each
    profiles = [yaml.safe_load((b / "branch.yml").read_text(encoding="utf-8")) for b in branches]
    assert len({p["name"] + p["unit"] for p in profiles}) == 4
    assert len({p["brand"]["name"] for p in profiles}) == 4
    members = [
        tuple(m["name"] for m in yaml.safe_load((b / "members.yml").read_text(encoding="utf-8")))
        for b in branches
    ]
    assert all(len(m) == 16 for m in members) and len(set(members)) == 4
    assert all(
        len(yaml.safe_load((b / "groups.yml").read_text(encoding="utf-8"))) == 3 for b in branches
    )
    # no activity text and no photo is shared between branches: content-keyed caches get no free ride
    bodies = [d for b in branches for d in _digests(b, "activities/*.md")]
    assert len(bodies) == len(set(bodies))
    photos = [d for b in branches for d in _digests(b, "photos/*.jpg")]
    assert len(photos) == 4 * 2 and len(set(photos)) == len(photos)
    # seeded: a second run writes the same bytes
    assert _digests(tmp_path / "a", "branches/*/*/*") == _digests(tmp_path / "b", "branches/*/*/*")
    code, out, err = run_cli("check", str(tmp_path / "a"))
    assert code == 0, out + err


def test_bench_writes_its_figures_as_json(tmp_path: Path) -> None:
    report = tmp_path / "bench.json"
    code, out, err = run_cli(
        "bench", "-n", "2", "--photos", "1", "--no-search", "--cams", "2", "--json", str(report)
    )
    assert code == 0, err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["branches"] == 2 and data["activities"] >= 2 * 75
    assert data["floor_s"] > 0
    # measured before and after the scenarios; the ratios use the faster run
    assert len(data["floor_runs_s"]) == 2
    assert data["floor_s"] == pytest.approx(min(data["floor_runs_s"]), abs=0.01)
    for key in (
        "check_cold",
        "build_cold",
        "check_warm",
        "build_nochange",
        "build_edit",
        "build_added",
    ):
        assert data["ratios"][key] == pytest.approx(
            data["seconds"][key] / data["floor_s"], rel=0.02, abs=0.02
        )
    assert data["peak_rss_mib"] >= data["peak_pss_mib"] > 0
    assert data["site_kib_per_branch"] > 0 and data["photos_kib_per_branch"] > 0
    assert data["photos_per_s"] > 0
    # serve: three edits timed with the server idle, one during the full rebuild after them
    serve = data["serve"]
    assert len(serve["idle_s"]) == 3 and all(0 < s < 60 for s in serve["idle_s"])
    assert 0 < serve["during_rebuild_s"] < 60 and serve["start_s"] > 0
    assert "| 冷生成（空缓存，含图片） |" in out  # the table is printed too
    assert "- serve：改一条活动到页面显示" in out


def test_bench_scale_mode_reports_time_per_branch(tmp_path: Path) -> None:
    report = tmp_path / "scale.json"
    code, out, err = run_cli(
        "bench", "--scale", "1", "--photos", "0", "--no-search", "--json", str(report)
    )
    assert code == 0, err
    rows = json.loads(report.read_text(encoding="utf-8"))["scale"]
    assert [r["branches"] for r in rows] == [1]
    assert rows[0]["cold_ms_per_branch"] > 0 and rows[0]["cpu_ratio_cold"] > 0
    assert "| 1 |" in out
    code, _, err = run_cli("bench", "--scale", "1,x")
    assert code != 0 and "100,300,1000" in err


def test_the_peak_is_told_apart_by_process(tmp_path: Path) -> None:
    """The report says what made the peak: the build's own process, pagefind, the others."""
    import sys

    from generator.bench import run

    child = (
        "import time; x = bytearray(80 * 2**20); x[::4096] = b'1' * len(x[::4096]); time.sleep(1.5)"
    )
    code = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    timed = run([sys.executable, "-c", code])
    assert set(timed.peak_parts_mib) == {"主进程", "其他子进程"}, timed.peak_parts_mib
    assert timed.peak_parts_mib["其他子进程"] >= 80
    assert sum(timed.peak_parts_mib.values()) == pytest.approx(timed.peak_pss_mib, abs=1)


def test_cold_scenarios_start_without_a_project_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check` fills the load and score caches: a "cold" build after it would take them."""
    from generator import bench as bench_mod

    work = tmp_path / "work"
    work.mkdir()
    cache = work / "src" / ".cache" / "showcase" / "branches"
    seen: list[tuple[str, bool]] = []
    real_run = bench_mod.run

    def spy(cmd, env=None):  # type: ignore[no-untyped-def]
        step = next((c for c in cmd if c in ("check", "build")), "floor")
        seen.append((step, cache.is_dir() and any(cache.iterdir())))
        return real_run(cmd, env)

    monkeypatch.setattr(bench_mod, "run", spy)
    bench_mod.bench(1, photos=0, search=False, cams=0, work=work, log=lambda *a: None, serve=False)
    scenarios = [s for s in seen if s[0] != "floor"]
    assert [s for s, _ in scenarios] == ["check", "build", "check", "build", "build", "build"]
    # check (cold) and the cold build find no cache; every later scenario finds one
    assert [warm for _, warm in scenarios] == [False, False, True, True, True, True]
