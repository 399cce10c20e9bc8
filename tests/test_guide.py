"""The 使用指南: every field of every file is documented, generated into every site, linked in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from generator.guide.fields import FIELD_DOCS
from generator.guide.pages import PAGES
from generator.guide.tables import FILE_MODELS, field_names, file_tables, models_of

ALL = [(file, model) for file in FILE_MODELS for model in models_of(file)]


@pytest.mark.parametrize(("file", "model"), ALL, ids=[f"{f}:{m.__name__}" for f, m in ALL])
def test_every_field_of_every_model_is_documented(file: str, model: type) -> None:
    docs = FIELD_DOCS.get(model.__name__, {})
    missing = [name for name in field_names(model) if name not in docs or not docs[name][0]]
    assert not missing, (
        f"{model.__name__} ({file}): 缺少说明的字段 {missing}; add them to generator/guide/fields.py"
    )


def test_rule_forms_and_nested_models_are_reached() -> None:
    names = {m.__name__ for _, m in ALL}
    assert {
        "Term",
        "Brand",
        "Figure",
        "Attendance",
        "Attestation",
        "Veto",
        "Item",
        "CountRule",
        "AnyRule",
    } <= names


def test_tables_name_each_field_with_type_and_example() -> None:
    text = file_tables("branch.yml")
    assert "| `value` | 数字 | 是 | 数值，只写数字（不要写 % 或单位） | `98.5` |" in text
    assert '| `unit` | 文本 |  | 单位；百分数写 "%"（需加引号） |' in text
    assert "（缺少说明）" not in "".join(file_tables(f) for f in FILE_MODELS)
    assert "| `pass` | true / false |" in file_tables("assessment.yml")  # the alias, not pass_


def _built(site: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    code, _, err = run_cli("build", str(site), "-d", str(out))
    assert code == 0, err
    return out


def _page(out: Path, src_uri: str) -> str:
    return (out / src_uri.replace("index.md", "index.html")).read_text(encoding="utf-8")


def test_guide_is_generated_into_every_site_with_all_fields(
    good_site: Path, tmp_path: Path
) -> None:
    out = _built(good_site, tmp_path)
    for src_uri, _, title in PAGES:
        assert title.split()[0] in _page(out, src_uri), src_uri
    for file, page in (
        ("branch.yml", "branch"),
        ("groups.yml", "groups"),
        ("members.yml", "members"),
        ("commitments.yml", "commitments"),
        ("activities", "activity"),
        ("assessment.yml", "assessment"),
        ("rulebook", "rulebook"),
    ):
        html = _page(out, f"guide/files/{page}/index.md")
        for model in models_of(file):
            for name in field_names(model):
                assert f"<code>{name}</code>" in html, f"{file}: {model.__name__}.{name}"
    assessment = _page(out, "guide/files/assessment/index.md")
    assert (
        "党建工作部" in assessment and "B-03" in assessment
    )  # the site's rulebook's attested items
    excel = _page(out, "guide/excel/index.md")
    assert "党员姓名" in excel and "所在党小组" in excel  # header synonyms from the import specs
    rulebook = _page(out, "guide/files/rulebook/index.md")
    assert "支部委员会" in rulebook  # aliases of the default rulebook
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "使用指南" in home  # a tab in every site


def test_guide_can_be_switched_off(good_site: Path, tmp_path: Path) -> None:
    cfg = good_site / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace(
            "      search: false", "      search: false\n      guide: false"
        ),
        encoding="utf-8",
    )
    out = _built(good_site, tmp_path)
    assert not (out / "guide").exists()


def test_readme_links_stay_inside_the_repository() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", readme):
        if target.startswith(("http://", "https://", "#", "/")):
            continue
        path = (REPO / target.split("#")[0]).resolve()
        assert path.is_relative_to(REPO), target
        assert path.exists(), target
    assert "generator/guide/text/index.md" in readme


def test_templates_point_to_the_guide_not_to_a_file_users_do_not_have() -> None:
    scaffold = REPO / "generator/scaffold"
    for path in scaffold.rglob("*"):
        if path.is_file():
            assert "DATA-FORMAT" not in path.read_text(encoding="utf-8"), path


def _first_block(text_file: str, lang: str = "yaml") -> str:
    text = (REPO / "generator/guide/text" / text_file).read_text(encoding="utf-8")
    return re.search(rf"```{lang}\n(.*?)```", text, re.S).group(1)


def test_the_guides_examples_are_valid_input() -> None:
    """Each file page's example is accepted by the models it documents."""
    import yaml

    from generator.models import profile, records

    def data(text_file: str) -> object:
        loaded = yaml.safe_load(_first_block(text_file))
        if isinstance(loaded, list):
            for entry in loaded:
                entry.pop("private", None)
        return loaded

    profile.BranchProfile.model_validate(data("branch.md"))
    for entry in data("groups.md"):
        records.Group.model_validate(entry)
    for entry in data("members.md"):
        records.Member.model_validate(entry)
    records.Commitments.model_validate(data("commitments.md"))
    front = _first_block("activities.md", "markdown").split("---\n")[1]
    records.ActivityMeta.model_validate(yaml.safe_load(front))
    for year, entries in data("assessment.md").items():
        assert isinstance(year, int)
        for key, value in entries.items():
            (records.Veto if key == "veto" else records.Attestation).model_validate(value)
