"""The hostile corpus (tests/data/hostile/): broken, malicious and oversized input, each case
with the message it must give. Everything runs in one subprocess under a 1.5 GB address-space
limit and a time limit, so a regression (an alias bomb, a decompression bomb, a FIFO read
forever) fails the test instead of taking the machine down.

A case folder holds files laid over tests/data/good, `expect.txt` (each line starts a line
of the report) and optionally `setup.txt`: `link PATH -> TARGET` (TARGET may start with
OUTSIDE/, the case's `outside/` folder copied next to the site), `fifo PATH`, `unlink PATH`,
`rename OLD -> NEW`, `secret TEXT` (must appear in no output). Binary cases (huge and
truncated images) are generated here at run time rather than committed.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

from conftest import DATA, REPO, overlay

HOSTILE = DATA / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
MEMORY_LIMIT = 1536 * 1024 * 1024
TIME_LIMIT = 300  # seconds for the whole batch; one case takes well under one


@dataclass
class Job:
    name: str
    args: list[str]
    expect: list[str]
    code: int = 1
    secrets: list[str] = field(default_factory=list)
    site: Path | None = None


def _setup(site: Path, case: Path, outside: Path) -> list[str]:
    secrets: list[str] = []
    script = case / "setup.txt"
    for line in script.read_text(encoding="utf-8").splitlines() if script.exists() else []:
        verb, _, rest = line.partition(" ")
        if verb == "link":
            rel, target = (s.strip() for s in rest.split("->"))
            target = (
                str(outside / target.removeprefix("OUTSIDE/"))
                if target.startswith("OUTSIDE/")
                else target
            )
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).symlink_to(target)
        elif verb == "fifo":
            os.mkfifo(site / rest)
        elif verb == "unlink":
            (site / rest).unlink()
        elif verb == "rename":
            old, new = (s.strip() for s in rest.split("->"))
            (site / old).rename(site / new)
        elif verb == "secret":
            secrets.append(rest)
    return secrets


def png_bytes(width: int, height: int, truncate: bool = False) -> bytes:
    """A valid 1-bit greyscale PNG of any size, tiny on disk (rows of zeros compress to
    almost nothing): what a decompression bomb looks like. Built chunk by chunk, streamed."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    comp = zlib.compressobj(9)
    row = b"\0" * (1 + (width + 7) // 8)
    idat = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
    if truncate:
        idat = idat[: len(idat) // 2]
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def noisy_jpeg(size: tuple[int, int] = (640, 480)) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def _good(tmp: Path, name: str) -> Path:
    site = tmp / name / "site-src"
    shutil.copytree(DATA / "good", site)
    return site


def _generated(tmp: Path) -> list[Job]:
    """Huge and truncated images as logo and photo, through check, build, export and boards."""
    jobs = []
    logo_line = 'branches/demo/branch.yml:11: 图片 "photos/logo.png"：'
    photo_line = 'branches/demo/activities/2024-03-05-zhutidangri.md:8: 图片 "photos/act.jpg"：'

    site = _good(tmp, "huge_png_logo")
    (site / "branches/demo/photos/logo.png").write_bytes(png_bytes(30000, 30000))
    expect = [logo_line + "像素过多：30000×30000（900 百万像素），上限 50 百万像素"]
    jobs.append(Job("huge_png_logo-check", ["check", str(site)], expect, site=site))
    jobs.append(
        Job(
            "huge_png_logo-build",
            ["build", str(site), "-d", str(site.parent / "out")],
            expect,
            site=site,
        )
    )
    jobs.append(
        Job(
            "huge_png_logo-export",
            ["export", str(site), "-o", str(site.parent / "x.json")],
            expect,
            site=site,
        )
    )
    jobs.append(
        Job(
            "huge_png_logo-boards",
            ["boards", str(site), "-o", str(site.parent / "boards")],
            expect,
            site=site,
        )
    )

    site = _good(tmp, "huge_png_photo")
    (site / "branches/demo/photos/act.jpg").write_bytes(png_bytes(12000, 12000))
    expect = [photo_line + "像素过多：12000×12000（144 百万像素），上限 50 百万像素"]
    jobs.append(Job("huge_png_photo-check", ["check", str(site)], expect, site=site))
    jobs.append(
        Job(
            "huge_png_photo-build",
            ["build", str(site), "-d", str(site.parent / "out")],
            expect,
            site=site,
        )
    )
    # the limit is configurable: raised above the photo's size, the same site checks clean
    jobs.append(
        Job(
            "huge_png_photo-raised",
            ["--max-image-megapixels", "150", "check", str(site)],
            [],
            code=0,
            site=site,
        )
    )

    site = _good(tmp, "limit_in_mkdocs_yml")
    cfg = site / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8") + "      max_image_megapixels: 0.005\n", encoding="utf-8"
    )
    expect = [photo_line + "像素过多：120×80（0.0096 百万像素），上限 0.005 百万像素"]
    jobs.append(Job("limit_in_mkdocs_yml-check", ["check", str(site)], expect, site=site))

    site = _good(tmp, "truncated_jpeg")
    data = noisy_jpeg()
    (site / "branches/demo/photos/act.jpg").write_bytes(data[: len(data) // 2])
    (site / "branches/demo/photos/logo.png").write_bytes(png_bytes(64, 64, truncate=True))
    expect = [photo_line + "图片文件不完整", logo_line + "图片文件"]
    jobs.append(Job("truncated-check", ["check", str(site)], expect, site=site))
    jobs.append(
        Job(
            "truncated-build",
            ["build", str(site), "-d", str(site.parent / "out")],
            expect,
            site=site,
        )
    )
    jobs.append(
        Job(
            "truncated-boards",
            ["boards", str(site), "-o", str(site.parent / "boards")],
            expect,
            site=site,
        )
    )
    return jobs


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Job, dict]]:
    tmp = tmp_path_factory.mktemp("hostile")
    jobs: list[Job] = []
    for name in CASES:
        case = HOSTILE / name
        site = _good(tmp, name)
        outside = site.parent / "outside"
        if (case / "outside").is_dir():
            shutil.copytree(case / "outside", outside)
        overlay(site, case)
        shutil.rmtree(
            site / "outside", ignore_errors=True
        )  # the overlay copies every file of the case
        (site / "setup.txt").unlink(missing_ok=True)
        secrets = _setup(site, case, outside)
        expect = (case / "expect.txt").read_text(encoding="utf-8").splitlines()
        jobs.append(Job(name, ["check", str(site)], expect, secrets=secrets, site=site))
    jobs += _generated(tmp)
    spec = tmp / "jobs.json"
    spec.write_text(
        json.dumps([{"name": j.name, "args": j.args} for j in jobs], ensure_ascii=False)
    )
    out = tmp / "results"
    out.mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1")
    # On a timeout the jobs that finished have results; the hung one fails below.
    with contextlib.suppress(subprocess.TimeoutExpired):
        subprocess.run(
            [
                sys.executable,
                str(Path(__file__).parent / "hostile_runner.py"),
                str(MEMORY_LIMIT),
                str(spec),
                str(out),
            ],
            env=env,
            timeout=TIME_LIMIT,
            capture_output=True,
            check=False,
        )
    found = {}
    for j in jobs:
        path = out / f"{j.name}.json"
        found[j.name] = (j, json.loads(path.read_text(encoding="utf-8")) if path.exists() else {})
    return found


def _check(job: Job, result: dict) -> None:
    assert result, (
        f"{job.name}: no result — the runner crashed, ran out of memory or hung before it"
    )
    assert result["exception"] is None, result["exception"]
    text = result["out"] + result["err"]
    assert "Traceback" not in text, text
    assert result["code"] == job.code, text
    lines = text.splitlines()
    for expected in job.expect:
        assert any(line.startswith(expected) for line in lines), f"{expected!r} not in:\n{text}"
    for secret in job.secrets:
        assert secret not in text
        assert job.site is not None
        inputs = (job.site / "branches", job.site.parent / "outside")
        for path in job.site.parent.rglob("*"):  # outputs and caches, not the user's own files
            if (
                path.is_file()
                and not path.is_symlink()
                and not any(path.is_relative_to(i) for i in inputs)
            ):
                assert secret.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("case", CASES)
def test_hostile_corpus(results: dict[str, tuple[Job, dict]], case: str) -> None:
    _check(*results[case])


GENERATED = [
    "huge_png_logo-check",
    "huge_png_logo-build",
    "huge_png_logo-export",
    "huge_png_logo-boards",
    "huge_png_photo-check",
    "huge_png_photo-build",
    "huge_png_photo-raised",
    "limit_in_mkdocs_yml-check",
    "truncated-check",
    "truncated-build",
    "truncated-boards",
]


@pytest.mark.parametrize("name", GENERATED)
def test_hostile_images(results: dict[str, tuple[Job, dict]], name: str) -> None:
    _check(*results[name])


def test_every_generated_job_is_tested(results: dict[str, tuple[Job, dict]]) -> None:
    assert set(results) == set(CASES) | set(GENERATED)
