"""Fuzzing the input: random mutations of a valid branch folder into check, export, boards
and build. The property: exit 0, or exit 1 with located `file:line: message` lines; never a
traceback; nothing outside the temporary folder touched; no `private:` value in any output
(stdout, stderr, site, export, boards, caches).

Bounded: a few dozen examples, each a full run of the four commands in-process (warm builds
take well under a second), so the whole file stays well under a minute.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import DATA
from generator.cli import main

GOOD = DATA / "good"
BRANCH = "branches/demo"
FILES = sorted(p.relative_to(GOOD).as_posix() for p in (GOOD / BRANCH).rglob("*") if p.is_file())
YAML_FILES = [f for f in FILES if f.endswith((".yml", ".md"))]
SECRETS = ("13800000000", "SECRET-ID-0001")  # the private: values of tests/data/good
OUTSIDE_SECRET = "OUTSIDE-FILE-9917"
LOCATED = re.compile(r"^(branches/|content/|mkdocs\.yml|/)\S*?(:\d+)?: \S")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),  # unbounded: a 5000-digit number must be an error, not a crash
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
mutation = st.one_of(
    st.tuples(st.just("truncate"), st.sampled_from(FILES), st.floats(0, 1)),
    st.tuples(
        st.just("flip"),
        st.sampled_from(FILES),
        st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), min_size=1, max_size=8),
    ),
    st.tuples(st.just("random_yaml"), st.sampled_from(YAML_FILES), values),
    st.tuples(
        st.just("unicode"),
        st.sampled_from(YAML_FILES),
        st.floats(0, 1),
        st.text(min_size=1, max_size=40),
    ),
    st.tuples(
        st.just("swap_type"),
        st.sampled_from(YAML_FILES),
        st.integers(0, 10**6),
        scalars | st.lists(scalars, max_size=2),
    ),
    st.tuples(
        st.just("symlink"),
        st.sampled_from(FILES),
        st.sampled_from(["outside", "dev_zero", "inside", "dangling", "parent"]),
    ),
)


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [p for k, v in data.items() if k != "private" for p in _leaves(v, (*path, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _leaves(v, (*path, i))]
    return [path]


def _split_md(text: str) -> tuple[str, str, str]:
    parts = text.split("---\n", 2)
    return ("---\n", parts[1], "---\n" + parts[2]) if len(parts) == 3 else ("", text, "")


def _mutate(site: Path, outside: Path, m: tuple[Any, ...]) -> None:
    kind, rel = m[0], m[1]
    path = site / rel
    if path.is_symlink() or not path.is_file():
        return  # an earlier mutation replaced it
    data = path.read_bytes()
    if kind == "truncate":
        path.write_bytes(data[: int(len(data) * m[2])])
    elif kind == "flip":
        buf = bytearray(data)
        for where, xor in m[2]:
            if buf:
                buf[min(int(where * len(buf)), len(buf) - 1)] ^= xor
        path.write_bytes(bytes(buf))
    elif kind == "random_yaml":
        text = yaml.safe_dump(m[2], allow_unicode=True)
        path.write_text(
            f"---\n{text}---\n正文\n" if rel.endswith(".md") else text, encoding="utf-8"
        )
    elif kind == "unicode":
        text = data.decode("utf-8", "surrogateescape")  # an earlier flip may have broken UTF-8
        at = int(len(text) * m[2])
        path.write_bytes((text[:at] + m[3] + text[at:]).encode("utf-8", "surrogateescape"))
    elif kind == "swap_type":
        try:
            text = data.decode("utf-8")
            head, front, tail = _split_md(text) if rel.endswith(".md") else ("", text, "")
            doc = yaml.safe_load(front)
        except (UnicodeDecodeError, yaml.YAMLError):
            return  # an earlier mutation broke it already
        leaves = _leaves(doc)
        if not leaves or leaves == [()]:
            return
        *parent_path, last = leaves[m[2] % len(leaves)]
        parent = doc
        for p in parent_path:
            parent = parent[p]
        parent[last] = m[3]
        path.write_text(head + yaml.safe_dump(doc, allow_unicode=True) + tail, encoding="utf-8")
    elif kind == "symlink":
        target = {
            "outside": outside / "note.md",
            "dev_zero": Path("/dev/zero"),
            "inside": site / BRANCH / "members.yml",
            "dangling": site / "nowhere.yml",
            "parent": site / BRANCH,
        }[m[2]]
        path.unlink()
        path.symlink_to(target)


def _secrets_protected(site: Path) -> bool:
    """True while the private values are still under `private:` (a mutation that renamed the
    key or moved the value made it public data on purpose, as far as the tool can know)."""
    path = site / BRANCH / "members.yml"
    if path.is_symlink() or not path.is_file():
        return True
    try:
        doc = yaml.safe_load(path.read_bytes())
    except Exception:  # unreadable: the tool must refuse it, and must not quote it
        return True

    def exposed(node: Any) -> bool:
        if isinstance(node, dict):
            return any(exposed(v) for k, v in node.items() if k != "private") or any(
                exposed(k) for k in node
            )
        if isinstance(node, list):
            return any(exposed(v) for v in node)
        return any(s in str(node) for s in SECRETS)

    return not exposed(doc)


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in sorted(root.rglob("*"))}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), f"{args[0]} raised {exc!r}\n{result.stderr}"
    return result.exit_code, result.stdout + result.stderr


def _assert_clean(code: int, text: str, command: str) -> None:
    assert "Traceback" not in text, text
    assert code in (0, 1), (command, code, text)
    if code == 1:
        assert any(LOCATED.match(line) for line in text.splitlines()), (
            f"{command}: no file:line in\n{text}"
        )


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=[
        Phase.explicit,
        Phase.generate,
    ],  # no shrinking: it can take minutes; the example is printed as found
)
@given(st.lists(mutation, min_size=1, max_size=3))
def test_mutated_branch_folder_fails_cleanly(mutations: list[tuple[Any, ...]]) -> None:
    good_before = _snapshot(GOOD)
    cwd_before = sorted(os.listdir())  # the working directory (the repository under make test)
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        root = Path(tmp)
        site, outside = root / "site-src", root / "outside"
        shutil.copytree(GOOD, site)
        outside.mkdir()
        (outside / "note.md").write_text(
            f"---\ndate: 2024-05-01\ntype: 支委会\ntitle: x\n---\n{OUTSIDE_SECRET}\n",
            encoding="utf-8",
        )
        for m in mutations:
            _mutate(site, outside, m)
        protected = _secrets_protected(site)
        outside_before = _snapshot(outside)

        outputs = []
        code, text = _run("check", str(site))
        _assert_clean(code, text, "check")
        outputs.append(text)
        for command, args in (
            ("export", ["export", str(site), "-o", str(root / "x.json")]),
            ("boards", ["boards", str(site), "-o", str(root / "boards"), "--dpi", "10", "-j", "1"]),
            ("build", ["build", str(site), "-d", str(root / "out")]),
        ):
            code_n, text_n = _run(*args)
            _assert_clean(code_n, text_n, command)
            assert code_n == code or command == "boards" and code == 0, (
                command,
                code,
                code_n,
                text_n,
            )
            outputs.append(text_n)

        assert _snapshot(outside) == outside_before  # a symlink target is never written
        secrets = [OUTSIDE_SECRET] + (list(SECRETS) if protected else [])
        for text in outputs:
            for secret in secrets:
                assert secret not in text
        for path in root.rglob("*"):
            if path.is_file() and not path.is_symlink() and not path.is_relative_to(outside):
                if path.is_relative_to(site / "branches") or path.is_relative_to(site / "content"):
                    continue  # the user's own input
                body = path.read_bytes()
                for secret in secrets:
                    assert secret.encode() not in body, path
    assert _snapshot(GOOD) == good_before
    assert sorted(os.listdir()) == cwd_before
