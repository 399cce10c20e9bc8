"""Hostile file systems: a read-only project, a full disk, a killed build, bad output paths.

Tests run as root, and root ignores file permissions, so `chmod a-w` proves nothing. The
read-only and full-disk cases therefore run the CLI inside a private mount namespace
(`unshare -rm`): a read-only bind mount gives real EROFS, a small tmpfs real ENOSPC.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import REPO, run_cli

ENV = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
CLI = f"{shlex.quote(sys.executable)} -m generator.cli"


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _namespaces_work() -> bool:
    try:
        probe = subprocess.run(
            ["unshare", "-rm", "true"], capture_output=True, check=False, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


needs_namespaces = pytest.mark.skipif(
    not _namespaces_work(),
    reason="needs `unshare -rm` (user and mount namespaces) for real EROFS/ENOSPC",
)


def in_namespace(script: str, tmp_path: Path) -> None:
    """Run a bash script in a private user+mount namespace; it records what it needs in files."""
    proc = subprocess.run(
        ["unshare", "-rm", "bash", "-euo", "pipefail", "-c", script],
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _step(name: str, command: str) -> str:
    """A command whose exit code and output are kept in res/<name>.{rc,out} (never aborts)."""
    return f"{{ {command}; }} > res/{name}.out 2>&1 && echo 0 > res/{name}.rc || echo $? > res/{name}.rc\n"


def _result(tmp_path: Path, name: str) -> tuple[int, str]:
    res = tmp_path / "res"
    return int((res / f"{name}.rc").read_text()), (res / f"{name}.out").read_text(encoding="utf-8")


@needs_namespaces
def test_read_only_project(good_site: Path, tmp_path: Path) -> None:
    """A read-only share: check works, build to a writable -d works (temp cache, removed
    afterwards), and every write into the project is a Chinese message, exit 1."""
    (tmp_path / "res").mkdir()
    out = tmp_path / "out"
    before = _tree(good_site)
    p = shlex.quote(str(good_site))
    script = f"mount --bind -o ro {p} {p}\n"
    script += _step("check", f"{CLI} check {p}")
    script += _step("build_d", f"{CLI} build {p} -d {out}")
    script += _step("build", f"{CLI} build {p}")
    script += _step("boards", f"{CLI} boards {p} --dpi 20")
    script += _step("boards_o", f"{CLI} boards {p} --dpi 20 -o {out}/print")
    script += _step("boards_ro", f"{CLI} boards {p} --dpi 20 -o {p}/print")
    script += _step("export_o", f"{CLI} export {p} -o {p}/results.json")
    script += _step("import", f"{CLI} new branch extra {p}")
    in_namespace(script, tmp_path)

    assert _result(tmp_path, "check")[0] == 0
    code, log = _result(tmp_path, "build_d")
    assert code == 0, log
    assert (out / "branches/demo/index.html").is_file()
    assert "项目目录不可写，缓存改放临时目录" in log
    temp_cache = log.split("缓存改放临时目录 ")[1].split("，")[0]
    assert not Path(temp_cache).exists(), "the temp cache is removed when the build ends"
    code, log = _result(tmp_path, "build")
    assert code == 1 and "只读文件系统" in log and "-d" in log, log
    code, log = _result(tmp_path, "boards")
    assert code == 1 and "只读文件系统" in log and "-o" in log, log
    code, log = _result(tmp_path, "boards_o")
    assert code == 0, log
    assert (out / "print/demo/brand.png").is_file() and (out / "print/plaques.pdf").is_file()
    for name in ("export_o", "import", "boards_ro"):
        code, log = _result(tmp_path, name)
        assert code == 1 and "只读文件系统" in log, (name, log)
    for name in (
        "check",
        "build_d",
        "build",
        "boards",
        "boards_o",
        "boards_ro",
        "export_o",
        "import",
    ):
        assert "Traceback" not in _result(tmp_path, name)[1], name
    assert _tree(good_site) == before


@needs_namespaces
@pytest.mark.parametrize("warm", [True, False], ids=["warm-cache", "cold-cache"])
def test_disk_full_keeps_old_site_and_leaves_no_temp_files(
    good_site: Path, tmp_path: Path, warm: bool
) -> None:
    """The disk fills up during a rebuild: a Chinese error, exit 1, the old site byte for
    byte, no staging folder and no temp file left. Cold: the photo cache is being written."""
    (tmp_path / "res").mkdir()
    mnt = tmp_path / "disk"
    mnt.mkdir()
    proj = mnt / "proj"
    keep = tmp_path / "after"
    script = f"mount -t tmpfs -o size=24m tmpfs {mnt}\ncp -r {good_site} {proj}\n"
    script += _step("first", f"{CLI} build {proj}")
    script += f"cp -r {proj}/site {tmp_path}/site-before\n"
    if not warm:
        script += f"rm -rf {proj}/.cache\n"
    # fill the disk, leaving less than a site needs
    script += f"dd if=/dev/zero of={mnt}/ballast bs=1k count=$(( $(df -k --output=avail {mnt} | tail -1) - 400 )) 2>/dev/null\n"
    script += _step("second", f"{CLI} build {proj} --force")  # same inputs: force the rebuild
    # then no room at all: exports and boards fail cleanly too, leaving no part-written file
    script += f"dd if=/dev/zero of={mnt}/ballast2 bs=1k 2>/dev/null || true\n"
    script += _step("export", f"{CLI} export {proj} --format xlsx -o {mnt}/results.xlsx")
    script += _step("boards", f"{CLI} boards {proj} --dpi 40 -o {mnt}/print")
    script += f"ls -a {mnt} > res/disk.ls\n"
    script += f"rm -f {mnt}/ballast*\ncp -r {proj} {keep}\n"
    in_namespace(script, tmp_path)

    for name in ("export", "boards"):
        code, log = _result(tmp_path, name)
        assert code == 1 and "磁盘空间不足" in log and "Traceback" not in log, (name, log)
    disk = (tmp_path / "res" / "disk.ls").read_text(encoding="utf-8").split()
    assert not [n for n in disk if n.startswith("results.xlsx")], disk  # nor its temp file
    assert not list((tmp_path / "after").rglob("*.tmp"))

    code, log = _result(tmp_path, "first")
    assert code == 0, log
    code, log = _result(tmp_path, "second")
    assert code == 1, log
    assert "磁盘空间不足" in log and "旧站点保持不变" in log, log
    assert "Traceback" not in log
    assert _tree(keep / "site") == _tree(tmp_path / "site-before")
    assert not list(keep.glob(".site-*")), "staging folder or lock left behind"
    assert not [p for p in keep.rglob("*.tmp")], "temp files left behind"


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_next_build_removes_leftovers_of_a_killed_build(good_site: Path) -> None:
    """SIGKILL mid-build leaves its staging folder; the next build removes it (and temp
    files of dead writers in .cache) but not what a live build is using."""
    from generator.cli import staging

    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build", str(good_site)],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not [p for p in good_site.glob(".site-building-*") if p.is_dir()]:
        assert proc.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed = [p for p in good_site.glob(".site-building-*") if p.is_dir()]
    assert killed, "a killed build leaves its staging folder"

    cache = good_site / ".cache" / "showcase"
    (cache / "photos").mkdir(parents=True, exist_ok=True)
    dead_tmp = cache / "photos" / f"abc-t.jpg.{_dead_pid()}.tmp"
    dead_tmp.write_bytes(b"half a photo")
    live_tmp = cache / "photos" / f"abc-l.jpg.{os.getpid()}.tmp"  # this process is alive
    live_tmp.write_bytes(b"being written")

    site = good_site / "site"
    with staging.staging_dir(site) as live:  # a build running at the same time
        (live / "index.html").write_text("in progress", encoding="utf-8")
        code, _, err = run_cli("build", str(good_site))
        assert code == 0, err
        assert live.is_dir() and (live / "index.html").read_text(encoding="utf-8") == "in progress"
        assert live.with_name(live.name + ".lock").exists()
        assert not any(p.exists() for p in killed), "the dead build's folder is removed"
    assert not dead_tmp.exists(), "a temp file of a dead writer is removed"
    assert live_tmp.exists(), "a temp file of a live writer is kept"
    assert not list(good_site.glob(".site-building-*")), "the live build cleaned up after itself"
    assert (site / "branches/demo/index.html").is_file()


@pytest.mark.parametrize("name", ["_draft", ".trash"])
def test_skipped_branch_folders_are_listed(good_site: Path, name: str) -> None:
    """A folder with broken YAML that the loader ignores is named, so nobody wonders why."""
    folder = good_site / "branches" / name
    folder.mkdir()
    (folder / "branch.yml").write_text("name: [未闭合\n", encoding="utf-8")
    code, out, err = run_cli("check", str(good_site))
    assert code == 0, err
    assert f"未读取 branches/{name}/" in out and "以 _ 或 . 开头" in out
    code, out, _ = run_cli("check", str(good_site), "--format", "json")
    assert code == 0 and json.loads(out)["skipped"] == [f"branches/{name}/"]
    code, out, err = run_cli("build", str(good_site))
    assert code == 0, err
    assert f"未读取 branches/{name}/" in out + err
    assert not (good_site / "site" / "branches" / name).exists()


def test_no_skip_note_without_skipped_folders(good_site: Path) -> None:
    code, out, _ = run_cli("check", str(good_site))
    assert code == 0 and "未读取" not in out


def test_export_to_a_missing_folder_is_a_clear_error(good_site: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("export", str(good_site), "-o", str(tmp_path / "nonexistent" / "x.json"))
    assert code == 1
    assert "不存在" in err and "Traceback" not in err
    code, _, err = run_cli("export", str(good_site), "-o", str(tmp_path))
    assert code == 1 and "是一个目录" in err


@pytest.mark.parametrize("target", ["branches/demo/members.yml", "branches/new.json", "mkdocs.yml"])
def test_export_never_overwrites_the_data(good_site: Path, target: str) -> None:
    before = _tree(good_site)
    code, _, err = run_cli("export", str(good_site), "-o", str(good_site / target))
    assert code == 1, err
    assert "导出" in err or "覆盖" in err
    assert _tree(good_site) == before


@pytest.mark.parametrize("target", ["branches", "branches/demo", "content", "content/boards", "."])
def test_boards_never_write_into_the_data(good_site: Path, target: str) -> None:
    (good_site / "content").mkdir(exist_ok=True)
    (good_site / "content" / "about.md").write_text("# 关于\n", encoding="utf-8")
    before = _tree(good_site)
    code, _, err = run_cli("boards", str(good_site), "--dpi", "20", "-o", str(good_site / target))
    assert code == 1
    assert "展板输出目录" in err and ("重叠" in err or "包含" in err), err
    assert _tree(good_site) == before


def test_boards_site_dir_setting_pointing_at_the_data_is_refused(good_site: Path) -> None:
    cfg = good_site / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\nsite_dir: branches\n", encoding="utf-8")
    before = _tree(good_site)
    code, _, err = run_cli("boards", str(good_site), "--dpi", "20")
    assert code == 1 and "展板输出目录" in err
    assert _tree(good_site) == before


def test_paths_through_a_file_are_clear_errors(good_site: Path, tmp_path: Path) -> None:
    """A path whose parent is a file (ENOTDIR) on every command that writes."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    cases = [
        ("build", str(good_site), "-d", str(blocker / "site")),
        ("boards", str(good_site), "--dpi", "20", "-o", str(blocker / "boards")),
        ("export", str(good_site), "-o", str(blocker / "x.json")),
        ("new", "site", str(blocker / "newsite")),
        ("new", "branch", "extra", str(blocker)),
    ]
    for args in cases:
        code, out, err = run_cli(*args)
        assert code == 1, (args, out, err)
        assert "Traceback" not in out + err
        assert "不是目录" in err or "不存在" in err, (args, err)


def test_import_branch_id_cannot_leave_branches(good_site: Path, tmp_path: Path) -> None:
    roster = tmp_path / "名册.xlsx"
    roster.write_bytes(b"")  # never read: the id is refused first
    code, _, err = run_cli(
        "import", "members", str(roster), "--branch", "../outside", "--site", str(good_site)
    )
    assert code == 1 and "支部编号" in err
    assert not (good_site / "outside").exists()


def test_a_skipped_unchanged_build_still_sweeps_dead_staging(good_site: Path) -> None:
    code, _, err = run_cli("build", str(good_site))
    assert code == 0, err
    dead = good_site / ".site-building-deadbeef"
    (dead / "branches").mkdir(parents=True)
    dead.with_name(dead.name + ".lock").write_text("", encoding="utf-8")  # nobody holds it
    code, out, err = run_cli("build", str(good_site))
    assert code == 0 and "输入未变化" in out + err
    assert not dead.exists() and not dead.with_name(dead.name + ".lock").exists()


def test_other_paths_on_the_command_line_are_chinese_errors(
    good_site: Path, tmp_path: Path
) -> None:
    """A PATH that is some other file, an Excel file that is not there: exit 1, Chinese."""
    notes = tmp_path / "notes.txt"
    notes.write_text("只是一段文字\n", encoding="utf-8")
    for args in (("check", str(notes)), ("export", str(notes)), ("build", str(notes))):
        code, out, err = run_cli(*args)
        assert code == 1, args
        assert "不是 mkdocs.yml" in out + err and "Traceback" not in out + err, args
    missing = tmp_path / "名册.xlsx"
    code, _, err = run_cli(
        "import", "members", str(missing), "--branch", "demo", "--site", str(good_site)
    )
    assert code == 1 and f"找不到 Excel 文件：{missing}" in err


def _can_run_as_nobody() -> bool:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run(
        [
            "setpriv",
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            sys.executable,
            "-c",
            "import generator",
        ],
        env=ENV,
        capture_output=True,
        check=False,
        cwd="/",
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not _can_run_as_nobody(), reason="needs root and setpriv to run the CLI as nobody"
)
def test_project_the_user_may_not_write(good_site: Path) -> None:
    """EACCES rather than EROFS: the project belongs to someone else (run as `nobody`)."""
    work = Path(tempfile.mkdtemp(prefix="showcase-eacces-", dir="/tmp"))
    try:
        work.chmod(0o755)
        proj = work / "proj"
        shutil.copytree(good_site, proj)
        out = work / "out"
        out.mkdir(mode=0o777)
        out.chmod(0o777)
        for p in [proj, *proj.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)
        before = _tree(proj)

        def as_nobody(*args: str) -> subprocess.CompletedProcess[str]:
            cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
            cmd += [sys.executable, "-m", "generator.cli", *args]
            env = {**ENV, "HOME": str(out)}
            return subprocess.run(
                cmd, env=env, capture_output=True, text=True, check=False, cwd="/", timeout=600
            )

        denied = as_nobody("build", str(proj))
        assert denied.returncode == 1 and "没有权限" in denied.stderr and "-d" in denied.stderr, (
            denied.stderr
        )
        built = as_nobody("build", str(proj), "-d", str(out / "site"))
        assert built.returncode == 0, built.stderr
        assert (out / "site/branches/demo/index.html").is_file()
        export = as_nobody("export", str(proj), "-o", str(proj / "results.json"))
        assert export.returncode == 1 and "没有权限" in export.stderr, export.stderr
        for proc in (denied, built, export):
            assert "Traceback" not in proc.stdout + proc.stderr
        assert _tree(proj) == before
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.parametrize("layout", ["data_in_docs", "link_to_data", "link_to_project"])
def test_data_that_docs_dir_would_publish_is_refused(good_site: Path, layout: str) -> None:
    """MkDocs copies docs_dir as it is: branch data inside it, or a link from it to the data
    (or to a folder holding the data), would publish members.yml with its private: numbers."""
    content = good_site / "content"
    content.mkdir(exist_ok=True)
    if layout == "data_in_docs":
        shutil.move(good_site / "branches", content / "data")
        cfg = good_site / "mkdocs.yml"
        cfg.write_text(
            cfg.read_text(encoding="utf-8").replace(
                "      search: false", "      search: false\n      branches: content/data"
            ),
            encoding="utf-8",
        )
    else:
        target = "../branches" if layout == "link_to_data" else ".."
        (content / "raw").symlink_to(target, target_is_directory=True)
    for command in ("check", "build"):
        code, out, err = run_cli(command, str(good_site))
        assert code == 1, out + err
        assert "private:" in out + err and ("重叠" in out + err or "链接" in out + err)
    assert not (good_site / "site").exists()


def test_a_template_never_replaces_the_data(good_site: Path) -> None:
    before = _tree(good_site)
    for target in ("branches/demo/members.yml", "branches/demo/名册.xlsx", "mkdocs.yml"):
        code, _, err = run_cli(
            "template",
            "members",
            "-o",
            str(good_site / target),
            "--site",
            str(good_site),
            "--force",
        )
        assert code == 1 and ("不能写进" in err or ".xlsx 结尾" in err or "覆盖" in err), err
    assert _tree(good_site) == before


def test_a_windows_style_photo_path_is_read_alike_by_check_and_build(good_site: Path) -> None:
    """photos\\act.jpg (as Explorer copies a path): check found the file, the build did not."""
    act = good_site / "branches/demo/activities/2024-03-05-zhutidangri.md"
    act.write_text(
        act.read_text(encoding="utf-8").replace(
            "photos: [photos/act.jpg]", "photos: ['photos\\act.jpg']"
        ),
        encoding="utf-8",
    )
    assert "photos\\act.jpg" in act.read_text(encoding="utf-8")
    assert run_cli("check", str(good_site))[0] == 0
    code, out, err = run_cli("build", str(good_site))
    assert code == 0, out + err
    page = (good_site / "site/branches/demo/activities/2024/index.html").read_text("utf-8")
    assert "media/" in page and "-t.jpg" in page
