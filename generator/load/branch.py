"""Read one `branches/<id>/` folder into a Branch, collecting every problem with file:line."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.load.files import FileProblem, load_markdown_file, load_yaml_file, strip_private
from generator.load.notices import read_notices
from generator.load.reading import DEFAULT_LIMITS, Limits
from generator.load.validate import validate
from generator.load.yamlsrc import Located
from generator.models import (
    BRANCH_ID,
    Activity,
    Assessment,
    Attestation,
    Branch,
    BranchProfile,
    Commitment,
    CommitmentBook,
    Commitments,
    Group,
    Member,
    Veto,
)
from generator.models.base import MAX_ID_LENGTH
from generator.models.profile import Brand
from generator.models.records import ActivityMeta, YearAssessment
from generator.problems import Problem, shown_path

ACTIVITY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
KNOWN_FILES = {"branch.yml", "groups.yml", "members.yml", "commitments.yml", "assessment.yml"}


@dataclass
class Sources:
    """Located YAML of each file, kept so cross-reference errors can point at lines."""

    files: dict[str, Located] = field(default_factory=dict)
    activities: dict[str, Located] = field(default_factory=dict)


class BranchReader:
    """Reads the files of one branch folder; `problems` collects everything wrong."""

    def __init__(self, folder: Path, root: Path, limits: Limits = DEFAULT_LIMITS):
        self.folder = folder
        self.root = root
        self.limits = limits
        self.id = folder.name
        self.problems: list[Problem] = []
        self.sources = Sources()
        # What could be read even when branch.yml could not: the cross-reference checks run
        # on it, so one broken file does not hide the other files' problems.
        self.partial: Branch | None = None

    def shown(self, path: Path) -> str:
        """The path as the user sees it: relative to the project root, forward slashes."""
        return shown_path(path, self.root)

    def _misnamed(self, name: str) -> Path | None:
        """A file in the branch folder that is `name` but for case or a .yaml extension."""
        wanted = {name.lower(), name.lower().removesuffix(".yml") + ".yaml"}
        with contextlib.suppress(OSError):
            for entry in sorted(self.folder.iterdir()):
                if entry.name != name and entry.name.lower() in wanted:
                    return entry
        return None

    def _yaml(self, name: str, required: bool = False) -> Located | None:
        path = self.folder / name
        if not os.path.lexists(
            path
        ):  # a FIFO or a dangling link is not "missing": the reader says what it is
            near = self._misnamed(name)
            if near is not None:  # commitments.yaml, Members.yml: the officer's data, unread
                self.problems.append(
                    Problem(
                        self.shown(near),
                        0,
                        f"数据文件名应正好是 {name}（小写字母，扩展名 .yml）：{near.name} 不会被读取，请改名为 {name}",
                    )
                )
            elif required:
                self.problems.append(Problem(self.shown(path), 0, f"缺少必需的文件 {name}"))
            return None
        shown = self.shown(path)
        try:
            located = load_yaml_file(path, shown, self.folder, self.limits)
        except FileProblem as exc:
            self.problems.append(exc.problem)
            return None
        self.problems += strip_private(located, shown)
        self.sources.files[name] = located
        return located

    def _model(
        self, model: Any, name: str, located: Located | None, base: tuple[Any, ...] = ()
    ) -> Any:
        if located is None:
            return None
        value, problems = validate(model, located, self.shown(self.folder / name), base)
        self.problems += problems
        return value

    def _list_of(self, model: type, name: str) -> tuple[Any, ...]:
        located = self._yaml(name)
        if located is None:
            return ()
        if not isinstance(located.data, list):
            self.problems.append(
                Problem(self.shown(self.folder / name), 1, f"{name} 应为列表（每项以 - 开头）")
            )
            return ()
        out = []
        for i in range(len(located.data)):
            value = self._model(model, name, located, (i,))
            if value is not None:
                out.append(value)
        return tuple(out)

    def read(self) -> Branch | None:
        if not BRANCH_ID.fullmatch(self.id):
            self.problems.append(
                Problem(
                    self.shown(self.folder),
                    0,
                    f'支部目录名 "{self.id}" 无效：只能用小写字母、数字和 -，且以字母或数字开头',
                )
            )
        elif len(self.id) > MAX_ID_LENGTH:
            self.problems.append(
                Problem(
                    self.shown(self.folder),
                    0,
                    f"支部目录名太长（{len(self.id)} 个字符，最多 {MAX_ID_LENGTH} 个）",
                )
            )
        profile = self._model(BranchProfile, "branch.yml", self._yaml("branch.yml", required=True))
        groups = self._list_of(Group, "groups.yml")
        members = self._list_of(Member, "members.yml")
        # Applicants are not party members: kept apart so no page, board or export lists them.
        applicants = tuple(
            m for m in members if m.development is not None and m.development.applicant
        )
        members = tuple(m for m in members if m not in applicants)
        commitments = self._commitments()
        assessment = self._assessment()
        activities = self._activities()
        branch = Branch(
            id=self.id,
            folder=self.folder,
            profile=profile
            or BranchProfile.model_construct(brand=Brand.model_construct(logo=None)),
            groups=groups,
            members=members,
            commitments=commitments,
            assessment=assessment,
            activities=activities,
            applicants=applicants,
            notices=read_notices(self),
        )
        if profile is None:
            self.partial = branch
            return None
        return branch

    def _commitments(self) -> CommitmentBook | None:
        """Either form of commitments.yml: `{year: 2024, items: [...]}` or `{2023: [...], 2024: [...]}`."""
        located = self._yaml("commitments.yml")
        if located is None:
            return None
        data = located.data
        shown = self.shown(self.folder / "commitments.yml")
        if not isinstance(data, dict) or not data or "year" in data or "items" in data:
            one = self._model(Commitments, "commitments.yml", located)
            return CommitmentBook(years={one.year: one.items}, one_year=True) if one else None
        years: dict[int, tuple[Commitment, ...]] = {}
        for year, entries in data.items():
            if not isinstance(year, int) or not 1900 < year < 3000:
                message = f'"{year}" 不是年份：commitments.yml 应为 year/items 两项，或按年份分组（如 2024: 下列出承诺）'
                self.problems.append(Problem(shown, located.line_of((year,)), message))
                continue
            if entries is None:
                years[year] = ()
                continue
            items = self._model(tuple[Commitment, ...], "commitments.yml", located, (year,))
            if items is not None:
                years[year] = items
        return CommitmentBook(years=years)

    def _assessment(self) -> Assessment:
        located = self._yaml("assessment.yml")
        if located is None:
            return Assessment()
        shown = self.shown(self.folder / "assessment.yml")
        if not isinstance(located.data, dict):
            self.problems.append(Problem(shown, 1, "assessment.yml 应为按年份分组的映射，如 2024:"))
            return Assessment()
        years: dict[int, YearAssessment] = {}
        for year, entries in located.data.items():
            if not isinstance(year, int) or not 1900 < year < 3000:
                self.problems.append(
                    Problem(
                        shown, located.line_of((year,)), f'"{year}" 不是年份，应为如 2024 的整数'
                    )
                )
                continue
            if not isinstance(entries, dict):
                self.problems.append(
                    Problem(shown, located.line_of((year,)), f"{year} 下应为映射（条目编号: 评定）")
                )
                continue
            items: dict[str, Attestation] = {}
            veto = Veto()
            for key in entries:
                if key == "veto":
                    veto = self._model(Veto, "assessment.yml", located, (year, key)) or veto
                else:
                    att = self._model(Attestation, "assessment.yml", located, (year, key))
                    if att is not None:
                        items[str(key)] = att
            years[year] = YearAssessment(items=items, veto=veto)
        return Assessment(years=years)

    def markdown_entries(
        self, subdir: str, what: str, model: Any
    ) -> Iterator[tuple[str, str, Located, Any, str]]:
        """Each valid `<subdir>/*.md` as (id, shown path, front matter, validated meta, body).

        Activities and notices share these rules: only .md files, ids as file names, hidden
        files and `_示例.md`-style templates skipped; every problem goes to `self.problems`."""
        folder = self.folder / subdir
        if not folder.is_dir():
            return
        for path in sorted(folder.iterdir()):
            if path.name.startswith((".", "_")):
                continue  # hidden files, and `_示例.md`-style templates and drafts
            shown = self.shown(path)
            if path.is_dir():  # activities/2024/… would be read by nobody, silently
                self.problems.append(
                    Problem(
                        shown,
                        0,
                        f"{subdir}/ 中不能有子目录：{path.name}/ 中的文件不会被读取，"
                        f"请把 .md 文件直接放在 {subdir}/ 下",
                    )
                )
                continue
            if path.suffix != ".md":
                self.problems.append(Problem(shown, 0, f"{subdir}/ 中只能放 .md 文件"))
                continue
            if not ACTIVITY_ID.fullmatch(path.stem):
                self.problems.append(
                    Problem(
                        shown,
                        0,
                        f'{what}文件名 "{path.stem[:MAX_ID_LENGTH]}" 无效：只能用字母、数字、-、_ 和 .',
                    )
                )
                continue
            if len(path.stem) > MAX_ID_LENGTH:
                self.problems.append(
                    Problem(
                        shown,
                        0,
                        f"{what}文件名太长（{len(path.stem)} 个字符，最多 {MAX_ID_LENGTH} 个）",
                    )
                )
                continue
            try:
                located, body = load_markdown_file(path, shown, self.folder, self.limits)
            except FileProblem as exc:
                self.problems.append(exc.problem)
                continue
            self.problems += strip_private(located, shown)
            meta, problems = validate(model, located, shown)
            self.problems += problems
            if meta is not None:
                yield path.stem, shown, located, meta, body

    def _activities(self) -> tuple[Activity, ...]:
        out = []
        for aid, shown, located, meta, body in self.markdown_entries(
            "activities", "活动", ActivityMeta
        ):
            self.sources.activities[aid] = located
            out.append(Activity(**meta.model_dump(), id=aid, body=body, source=shown))
        return tuple(sorted(out, key=lambda a: (a.date, a.id)))
