"""Real sites for rating tests: a project in a tmp dir written from generated data, then read
back the way a reviewer reads it — the JSON export (`showcase export`) and the built pages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml

from conftest import run_cli

D = dt.date


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)


def activity(date: dt.date, kind: str, title: str, **meta: Any) -> str:
    front = {"date": date, "type": kind, "title": title, **meta}
    return f"---\n{dump(front)}---\n{title}：活动正文。\n"


class SiteKit:
    """One site project: `branch()` adds a branch folder, `export()` / `build()` read it back."""

    def __init__(
        self, root: Path, *, as_of: str, year: int | None = None, standard: str | None = None
    ):
        self.root = root
        opts = [f"      as_of: {as_of}", "      search: false"]
        if year is not None:
            opts.append(f"      year: {year}")
        if standard is not None:
            (root / "rulebook.yml").write_text(standard, encoding="utf-8")
            opts.append("      standard: rulebook.yml")
        (root / "content").mkdir(parents=True, exist_ok=True)
        (root / "content" / "index.md").write_text("# 测试站点\n", encoding="utf-8")
        cfg = "site_name: 评定测试\ndocs_dir: content\ntheme: {name: material, language: zh}\nplugins:\n  - showcase:\n"
        (root / "mkdocs.yml").write_text(cfg + "\n".join(opts) + "\n", encoding="utf-8")

    def branch(
        self,
        bid: str,
        profile: dict[str, Any],
        *,
        groups: list[dict[str, Any]] | None = None,
        members: list[dict[str, Any]] | None = None,
        commitments: Any = None,
        assessment: Any = None,
        activities: dict[str, str] | None = None,
    ) -> Path:
        folder = self.root / "branches" / bid
        (folder / "activities").mkdir(parents=True, exist_ok=True)
        (folder / "branch.yml").write_text(dump(profile), encoding="utf-8")
        for name, data in (("groups.yml", groups), ("members.yml", members),
                           ("commitments.yml", commitments), ("assessment.yml", assessment)):  # fmt: skip
            if data is not None:
                (folder / name).write_text(
                    data if isinstance(data, str) else dump(data), encoding="utf-8"
                )
        for aid, text in (activities or {}).items():
            (folder / "activities" / f"{aid}.md").write_text(text, encoding="utf-8")
        return folder

    def check(self) -> tuple[int, str]:
        code, out, err = run_cli("check", str(self.root))
        return code, out + err

    def export(self, *args: str) -> dict[str, Any]:
        code, out, err = run_cli("export", str(self.root), "--format", "json", *args)
        assert code == 0, out + err
        return json.loads(out)

    def build(self) -> Path:
        code, out, err = run_cli("build", str(self.root))
        assert code == 0, out + err
        return self.root / "site"

    def page(self, site: Path, bid: str, kind: str = "scorecard") -> str:
        return (site / "branches" / bid / kind / "index.html").read_text(encoding="utf-8")


def exported_branch(doc: dict[str, Any], bid: str) -> dict[str, Any]:
    return next(b for b in doc["branches"] if b["id"] == bid)


def exported_item(doc: dict[str, Any], bid: str, iid: str) -> dict[str, Any]:
    return next(i for i in exported_branch(doc, bid)["items"] if i["id"] == iid)


def profile(name: str, **extra: Any) -> dict[str, Any]:
    """branch.yml with a distinct name, unit and brand."""
    return {
        "name": f"{name}党支部",
        "unit": f"{name}所在党委",
        "brand": {"name": f"{name}品牌"},
        **extra,
    }


def rulebook(items: list[dict[str, Any]], **extra: Any) -> str:
    """A small rulebook: tiers 3/4/5, the usual activity types, the given items."""
    data = {
        "name": "评定测试标准",
        "version": "t",
        "tiers": {3: {"name": "合格"}, 4: {"name": "良好"}, 5: {"name": "优秀"}},
        "categories": ["组织生活", "服务群众", "组织建设"],
        "activity_types": ["支委会", "党小组会", "主题党日", "支部党员大会", "志愿服务"],
        "points": {"党小组会": {"member": 1, "group": 3}},
        **extra,
        "items": items,
    }
    return dump(data)


def item(
    iid: str, rule: Any, tier: int = 3, category: str = "组织生活", **extra: Any
) -> dict[str, Any]:
    return {
        "id": iid,
        "category": category,
        "tier": tier,
        "text": f"{iid} 条目",
        "rule": rule,
        **extra,
    }
