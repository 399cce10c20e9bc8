"""The reviewers' exports and the board previews are made by a child process while MkDocs
renders pages (a new interpreter when the job reads its inputs from files)."""

from __future__ import annotations

import json
import os
import shutil
import time
from functools import partial
from pathlib import Path

import pytest

from conftest import run_cli
from generator.render import background as bg_mod
from generator.render.background import Background, BackgroundError
from tests.sitefiles import site_json


def test_a_job_runs_in_a_child_and_its_failure_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bg_mod, "cores", lambda: 2)
    jobs = Background()
    out = tmp_path / "pid"
    jobs.run("写进程号", lambda: out.write_text(str(os.getpid())))
    assert jobs.pending
    jobs.wait()
    assert out.read_text() != str(os.getpid())  # another process wrote it

    def broken() -> None:
        raise ValueError("磁盘已满")

    jobs.run("导出结果文件", broken)
    with pytest.raises(BackgroundError, match="导出结果文件失败：ValueError: 磁盘已满"):
        jobs.wait()
    assert not jobs.pending


def test_queued_jobs_run_one_after_another_in_one_child_on_the_cores_mkdocs_leaves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Photos, previews and exports side by side held 2 GB at a thousand branches: one child
    does them in turn, its pools one core short, and a failure does not stop the next job."""
    import time

    from generator import parallel

    monkeypatch.setattr(bg_mod, "cores", lambda: 2)
    monkeypatch.setattr(parallel, "_left", 0)
    release = tmp_path / "go"
    log = tmp_path / "log"

    def step(name: str, wait: bool = False) -> None:
        while wait and not release.exists():
            time.sleep(0.01)
        with log.open("a") as f:  # which process, which job, how many cores it may use
            f.write(f"{os.getpid()} {name} {parallel.cores()} {time.monotonic()}\n")

    def broken() -> None:
        raise ValueError("坏照片")

    jobs = Background()
    jobs.run("处理图片", lambda: step("photos", wait=True))
    jobs.run("生成展板预览", broken)
    jobs.run("导出结果文件", lambda: step("exports"))
    assert not log.exists()  # queued: nothing runs before start()
    jobs.start()
    release.touch()
    with pytest.raises(BackgroundError, match="生成展板预览失败：ValueError: 坏照片"):
        jobs.wait()
    lines = [line.split() for line in log.read_text().splitlines()]
    assert [name for _, name, _, _ in lines] == ["photos", "exports"]  # in turn, both ran
    assert lines[0][0] == lines[1][0] != str(os.getpid())  # one child for all
    own = len(os.sched_getaffinity(0))
    assert {int(n) for _, _, n, _ in lines} == {max(1, own - 1)}  # one core left to MkDocs
    assert parallel.cores() == own  # this process keeps them all
    assert not jobs.pending


def test_site_downloads_equal_the_export_command_and_a_failed_export_fails_cleanly(
    good_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bg_mod, "cores", lambda: 2)
    queued: list[tuple[str, bool]] = []
    real_run = Background.run

    def spy(self, label, work, fresh=False):  # type: ignore[no-untyped-def]
        queued.append((label, fresh))
        return real_run(self, label, work, fresh)

    monkeypatch.setattr(Background, "run", spy)
    site = tmp_path / "site"
    code, _, err = run_cli("build", str(good_site), "-d", str(site))
    assert code == 0, err
    # made from the caches in a new interpreter, not in a copy of this process
    assert ("导出结果文件", True) in queued
    for fmt in ("json", "csv", "xlsx"):
        target = tmp_path / f"export.{fmt}"
        code, _, err = run_cli("export", str(good_site), "--format", fmt, "-o", str(target))
        assert code == 0, err
        if fmt == "json":  # the site's copy (zipped) is the same document without indentation
            assert site_json(site) == json.loads(target.read_bytes())
        else:
            assert (site / "scorecards" / f"results.{fmt}").read_bytes() == target.read_bytes()

    # a text-only edit changes no figure: the workbook is taken again, not written
    activity = sorted((good_site / "branches" / "demo" / "activities").glob("*.md"))[0]
    activity.write_text(activity.read_text(encoding="utf-8") + "\n补记一句。\n", encoding="utf-8")
    exports = good_site / ".cache" / "showcase" / "exports"
    workbooks = sorted(exports.glob("xlsx-*.xlsx"))
    assert len(workbooks) == 1
    inode = workbooks[0].stat().st_ino
    code, _, err = run_cli("build", str(good_site), "-d", str(site))
    assert code == 0, err
    assert (site / "scorecards" / "results.xlsx").stat().st_ino == inode

    # a failing export stops the build with a plain message; the old site stays as it was
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    profile = good_site / "branches" / "demo" / "branch.yml"  # renamed: every export changes
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("测试车间党支部", "测试二车间党支部", 1),
        encoding="utf-8",
    )
    shutil.rmtree(exports)
    exports.write_text("不是目录")  # the export's folder cannot be made
    code, out, err = run_cli("build", str(good_site), "-d", str(site))
    assert code == 1
    assert "导出结果文件失败" in out + err and "路径中有一段不是目录" in out + err
    assert "Traceback" not in out + err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_fresh_job_runs_in_a_new_interpreter_after_the_forked_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh job shares no memory with this process: not a fork (no pytest imported there),
    and it still waits for the earlier child and reports its failure by name."""
    monkeypatch.setattr(bg_mod, "cores", lambda: 2)
    first, second = tmp_path / "first", tmp_path / "second"
    record = "import os, sys, time; open({!r}, 'w').write(f'{{os.getpid()}} {{\"pytest\" in sys.modules}} {{time.monotonic()}}')"
    jobs = Background()
    jobs.run("处理图片", lambda: (time.sleep(0.5), exec(record.format(str(first)))))
    jobs.start()
    jobs.run("导出结果文件", partial(exec, record.format(str(second))), fresh=True)
    jobs.wait()
    pid1, forked1, t1 = first.read_text().split()
    pid2, forked2, t2 = second.read_text().split()
    assert forked1 == "True" and forked2 == "False"  # a fork has pytest; a new interpreter not
    assert len({pid1, pid2, str(os.getpid())}) == 3
    assert float(t1) <= float(t2)  # in turn

    jobs.run("导出结果文件", partial(exec, "raise ValueError('坏缓存')"), fresh=True)
    with pytest.raises(BackgroundError, match="导出结果文件失败：ValueError: 坏缓存"):
        jobs.wait()
    assert not jobs.pending


def test_a_failure_in_a_first_child_is_reported_when_more_jobs_start_after_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bg_mod, "cores", lambda: 2)

    def broken() -> None:
        raise ValueError("照片目录不可读")

    jobs = Background()
    jobs.run("处理图片", broken)
    jobs.start()
    jobs.run("导出结果文件", lambda: None)
    jobs.start()  # forked at once; it waits for the first child to exit
    with pytest.raises(BackgroundError, match="处理图片失败：ValueError: 照片目录不可读"):
        jobs.wait()
    assert not jobs.pending


def test_a_later_child_starts_at_once_and_works_after_the_earlier_one_exits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The photos start right after loading, previews and exports after planning: the
    second start() does not block this process, and its child waits for the first."""
    import time

    monkeypatch.setattr(bg_mod, "cores", lambda: 2)
    release, log = tmp_path / "go", tmp_path / "log"

    def step(name: str, wait: bool = False) -> None:
        deadline = time.monotonic() + 30  # a broken test fails, it does not hang
        while wait and not release.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        with log.open("a") as f:
            f.write(f"{os.getpid()} {name} {time.monotonic()}\n")

    jobs = Background()
    jobs.run("处理图片", lambda: step("photos", wait=True))
    jobs.start()
    jobs.run("导出结果文件", lambda: step("exports"))
    began = time.monotonic()
    jobs.start()
    assert time.monotonic() - began < 2  # this process went on at once
    time.sleep(0.5)
    assert not log.exists()  # the exports wait for the photos' child, still at work
    release.touch()
    jobs.wait()
    lines = [line.split() for line in log.read_text().splitlines()]
    assert [name for _, name, _ in lines] == ["photos", "exports"]
    assert lines[0][0] != lines[1][0] and str(os.getpid()) not in {lines[0][0], lines[1][0]}
    assert not jobs.pending


def test_photos_are_encoded_while_the_branches_are_scored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import plugin
    from generator.bench_data import write_site

    monkeypatch.setattr(bg_mod, "cores", lambda: 2)
    src = tmp_path / "src"
    write_site(src, 2, photos=2)
    real = plugin.score_project
    seen: list[int] = []

    def scoring(*args, **kwargs):  # type: ignore[no-untyped-def]
        import time

        cache = src / ".cache" / "showcase" / "photos"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(list(cache.glob("*.jpg"))) < 8:
            time.sleep(0.05)  # the child writes them meanwhile, or never: then the test fails
        seen.append(len(list(cache.glob("*.jpg"))))
        return real(*args, **kwargs)

    monkeypatch.setattr(plugin, "score_project", scoring)
    code, _, err = run_cli("build", str(src), "-d", str(tmp_path / "site"))
    assert code == 0, err
    assert seen == [8]  # two branches x two photos x two sizes, before scoring went on
    assert len(list((tmp_path / "site" / "media").glob("*.jpg"))) == 8


def test_a_build_leaves_the_cyclic_collector_as_it_found_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """on_config switches the collector off and freezes what it built; every way out of a
    build (done, or stopped by bad input) switches it on again with nothing left frozen."""
    import gc

    from generator import plugin
    from generator.bench_data import write_site

    src = tmp_path / "src"
    write_site(src, 2, photos=1)
    states: list[tuple[bool, int]] = []
    real = plugin.plan_site

    def planning(plan):  # type: ignore[no-untyped-def]
        states.append((gc.isenabled(), gc.get_freeze_count()))
        return real(plan)

    monkeypatch.setattr(plugin, "plan_site", planning)
    code, _, err = run_cli("build", str(src), "-d", str(tmp_path / "site"))
    assert code == 0, err
    assert states[0][0] is False  # off while the build's objects are made
    assert gc.isenabled() and gc.get_freeze_count() == 0
    (src / "branches" / "zb0001" / "branch.yml").write_text("name: [\n", encoding="utf-8")
    code, _, _ = run_cli("build", str(src), "-d", str(tmp_path / "site2"))
    assert code == 1
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_child_forked_while_the_collector_is_off_turns_it_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The photos' child is forked inside on_config, where the collector is off: its own
    work (thousands of photos) runs with the collector on."""
    import gc

    monkeypatch.setattr(bg_mod, "cores", lambda: 2)
    out = tmp_path / "state"
    jobs = Background()
    jobs.run("处理图片", lambda: out.write_text(str(gc.isenabled())))
    gc.disable()
    try:
        jobs.start()
    finally:
        gc.enable()
    jobs.wait()
    assert out.read_text() == "True"


def test_a_users_unguarded_build_script_runs_once(tmp_path: Path) -> None:
    """Spawn would run the parent's main script again in the new interpreter: a script that
    builds a site with no `if __name__ == "__main__":` guard would build twice, or forever."""
    import subprocess
    import sys

    from generator.bench_data import write_site

    src = tmp_path / "src"
    write_site(src, 2, photos=1)
    script, runs = tmp_path / "build_it.py", tmp_path / "runs"
    script.write_text(
        "import sys\n"
        "open(sys.argv[3], 'a').write('ran\\n')\n"
        "from generator.cli.main import main\n"
        "main(['build', sys.argv[1], '-d', sys.argv[2]], standalone_mode=False)\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run(
        [sys.executable, str(script), str(src), str(tmp_path / "site"), str(runs)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "scorecards" / "results.xlsx").is_file()  # made by a fresh job
    assert runs.read_text() == "ran\n"
