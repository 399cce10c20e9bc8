"""Load and check a 五力 points model: schema, declared dimensions, unique ids, a square
reciprocal AHP matrix with consistency ratio below 0.1 — each problem with file:line."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from generator.load.files import FileProblem, load_yaml_file
from generator.load.validate import validate
from generator.models.wuli import WuliModel
from generator.problems import InputError, Problem
from generator.score.wuli import CR_LIMIT, ahp

DEFAULT_WULI = Path(__file__).resolve().parent.parent / "standards" / "wuli.yml"


def load_wuli(path: Path, shown: str) -> tuple[WuliModel | None, list[Problem]]:
    try:
        located = load_yaml_file(path, shown)
    except FileProblem as exc:
        return None, [exc.problem]
    model, problems = validate(WuliModel, located, shown)
    if model is None:
        return None, problems

    def at(where: tuple, message: str) -> None:
        problems.append(Problem(shown, located.line_of(where), message))

    dims = set(model.dimensions)
    if len(dims) != len(model.dimensions):
        at(("dimensions",), "dimensions 中有重复的维度")
    seen: set[str] = set()
    for i, ind in enumerate(model.indicators):
        if ind.id in seen:
            at(("indicators", i, "id"), f'指标编号 "{ind.id}" 重复')
        seen.add(ind.id)
        if ind.dimension not in dims:
            at(("indicators", i, "dimension"), f'维度 "{ind.dimension}" 不在 dimensions 中')
    for d in model.dimensions:
        if not any(i.dimension == d for i in model.indicators):
            at(("dimensions",), f'维度 "{d}" 没有任何指标')
    if model.weights is not None:
        for d in model.weights:
            if d not in dims:
                at(("weights", d), f'权重中的维度 "{d}" 不在 dimensions 中')
    if model.pairwise is not None:
        m, n = model.pairwise, len(model.dimensions)
        if len(m) != n or any(len(row) != n for row in m):
            at(("pairwise",), f"判断矩阵应为 {n}×{n}（与 dimensions 的个数相同）")
            return None, problems
        for i in range(n):
            if abs(m[i][i] - 1) > 1e-9:
                at(("pairwise", i, i), f"判断矩阵对角线元素应为 1（第 {i + 1} 行）")
            for j in range(i + 1, n):
                if abs(m[i][j] * m[j][i] - 1) > 0.01:
                    at(
                        ("pairwise", j, i),
                        f"判断矩阵不互反：第 {i + 1} 行第 {j + 1} 列与第 {j + 1} 行第 {i + 1} 列的乘积应为 1",
                    )
        if not problems:
            cr = ahp(m).cr
            if cr >= CR_LIMIT:
                at(
                    ("pairwise",),
                    f"判断矩阵一致性比率 CR = {cr:.3f}，应小于 {CR_LIMIT}，请调整两两比较的取值",
                )
    return (model if not problems else None), problems


@lru_cache(maxsize=1)
def default_wuli() -> WuliModel:
    """The built-in model; a broken built-in file is a bug of ours, reported as input error."""
    model, problems = load_wuli(DEFAULT_WULI, "generator/standards/wuli.yml")
    if model is None:
        raise InputError(problems)
    return model
