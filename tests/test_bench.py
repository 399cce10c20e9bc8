"""`showcase bench` runs end to end on a small synthetic site (it measures; it asserts no timing)."""

from __future__ import annotations

import json

from conftest import DATA, run_cli


def test_bench_reports_ratio_against_floor(capsys) -> None:
    code, out, err = run_cli("bench", "-n", "3", "--no-search", "--json", "--seeds", str(DATA / "good"))
    assert code == 0, err
    result = json.loads(out.strip().splitlines()[-1])
    assert result["branches"] == 3
    assert result["activities"] == 6
    assert result["pages"] > 3 * 2
    assert result["ratio_cold"] == round(result["build_cold_s"] / result["floor_s"], 2)
    assert result["build_peak_mib"] > 0
