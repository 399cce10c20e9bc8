"""`showcase bench` runs end to end on a small synthetic site (it measures; it asserts no timing)."""

from __future__ import annotations

import json

import pytest

from conftest import DATA, run_cli


def test_bench_reports_ratio_against_floor(capsys) -> None:
    code, out, err = run_cli("bench", "-n", "3", "--no-search", "--json", "--seeds", str(DATA / "good"))
    assert code == 0, err
    result = json.loads(out.strip().splitlines()[-1])
    assert result["branches"] == 3
    assert result["activities"] == 6
    assert result["pages"] > 3 * 2
    # the ratio is computed from unrounded seconds; the rounded ones agree within rounding
    assert result["ratio_cold"] == pytest.approx(result["build_cold_s"] / result["floor_s"], rel=0.15)
    assert result["build_peak_mib"] > 0
