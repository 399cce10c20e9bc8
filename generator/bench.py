"""`showcase bench`: the cost of every kind of build on N distinct branches, against a floor.

The floor is the least any generator on our stack must do for the same content, in one
process: parse every YAML file and front matter with libyaml, render every Markdown text
with python-markdown, one jinja2 page per branch, write. Every scenario is reported as a
ratio to the floor measured in the same run, so figures from a busy or a different machine
stay comparable. Branches come from `bench_data` (distinct, never copies: content-keyed
caches make copies free and would hide the real cost).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.bench_data import write_photos, write_site
from generator.bench_serve import ServeFigures
from generator.bench_serve import measure as measure_serve
from generator.writes import cache_root

FLOOR = r"""
import sys, pathlib, yaml, markdown, jinja2
Loader = yaml.CSafeLoader
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
tpl = jinja2.Template(
    "<html lang=zh><body><h1>{{ name }}</h1>{% for t in texts %}<section>{{ t }}</section>{% endfor %}</body></html>")
md = markdown.Markdown(extensions=["tables"])
def html(text):
    md.reset()
    return md.convert(text)
for branch in sorted(p for p in (src / "branches").iterdir() if p.is_dir()):
    texts = []
    for f in sorted(branch.glob("*.yml")):
        data = yaml.load(f.read_text(encoding="utf-8"), Loader=Loader)
        if f.name == "branch.yml":
            brand = data.get("brand", {})
            texts += [html(brand.get("meaning", ""))] + [html(p["body"]) for p in brand.get("practices", [])]
        elif f.name == "groups.yml":
            texts += [html(g.get("meaning", "")) for g in data]
    for f in sorted(branch.glob("activities/*.md")):
        _, front, body = f.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.load(front, Loader=Loader)
        texts.append(html(f"## {meta['title']}\n\n{body}"))
    page = out / branch.name / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(tpl.render(name=branch.name, texts=texts), encoding="utf-8")
"""

PHOTO_TIMER = r"""
import resource, sys, time, pathlib
from generator.render.photos import PhotoStore
def cpu():
    return sum(getattr(resource.getrusage(w), f) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for f in ("ru_utime", "ru_stime"))
store = PhotoStore(pathlib.Path(sys.argv[1]))
for p in sys.argv[2:]:
    store.add(pathlib.Path(p))
start, used = time.perf_counter(), cpu()
store.process()
print(time.perf_counter() - start, cpu() - used)
"""

# (key, label, target ratio to the floor or None)
SCENARIOS = (
    ("check_cold", "check（冷）", None),
    ("build_cold", "冷生成（空缓存，含图片）", 5.0),
    ("check_warm", "check（热）", 0.5),
    ("build_nochange", "无改动重建", 0.3),
    ("build_edit", "改一条活动后重建", 1.0),
    ("build_added", "新增一个支部后重建", 1.5),
)
SEARCH_WORD = "志愿服务"


def _tree_memory(root: int, parts: dict[str, int] | None = None) -> tuple[int, int]:
    """(RSS, PSS) bytes of `root` and all its descendants, from /proc (Linux). RSS counts the
    pages forked workers share with their parent once per process; PSS splits them fairly.
    `parts`: filled with the PSS of each kind of process (see _kind)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        stat = _proc_file(entry.name, "stat") if entry.name.isdigit() else None
        if stat is not None:
            fields = stat[stat.rfind(b")") + 2 :].split()
            parents[int(entry.name)] = int(fields[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        kids = [p for p, pp in parents.items() if pp == pid]
        tree.update(kids)
        frontier += kids
    rss = pss = 0
    for pid in tree:
        rollup = _proc_file(pid, "smaps_rollup")
        if rollup is None:
            continue  # gone meanwhile
        mine = 0
        for line in rollup.splitlines():
            if line.startswith(b"Rss:"):
                rss += int(line.split()[1]) * 1024
            elif line.startswith(b"Pss:"):
                mine = int(line.split()[1]) * 1024
        pss += mine
        if parts is not None:
            kind = _kind(pid, root)
            parts[kind] = parts.get(kind, 0) + mine
    return rss, pss


def _proc_file(pid: int | str, name: str) -> bytes | None:
    """/proc/<pid>/<name>, or None once the process is gone."""
    try:
        with open(f"/proc/{pid}/{name}", "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _kind(pid: int, root: int) -> str:
    """What a process of the build is, for the peak's make-up in the report."""
    if pid == root:
        return "主进程"
    return "pagefind" if b"pagefind" in (_proc_file(pid, "cmdline") or b"") else "其他子进程"


@dataclass
class Timed:
    seconds: float
    peak_rss_mib: float
    output: str = ""
    cpu_s: float = 0.0  # user + system of the whole waited-for tree: steady on a shared machine
    peak_pss_mib: float = 0.0
    peak_parts_mib: dict[str, float] = field(default_factory=dict)  # PSS by kind at the peak


def run(cmd: list[str], env: dict[str, str] | None = None) -> Timed:
    """Wall time and peak resident memory of the whole process tree of `cmd`."""
    peak = peak_pss = 0
    peak_parts: dict[str, float] = {}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env={**os.environ, **(env or {})})
        while proc.poll() is None:
            parts: dict[str, int] = {}
            rss, pss = _tree_memory(proc.pid, parts)
            if pss > peak_pss:
                peak_parts = {k: round(v / 2**20, 1) for k, v in parts.items()}
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"bench: 命令失败: {' '.join(cmd)}\n{stderr[-3000:]}")
    return Timed(elapsed, peak / 2**20, stdout, cpu, peak_pss / 2**20, peak_parts)


def showcase(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator.cli", *args]


def site_bytes(site: Path) -> tuple[int, int]:
    """(bytes without photos, bytes of photos) of a built site."""
    pages = media = 0
    for p in site.rglob("*"):
        if p.is_file():
            size = p.stat().st_size
            if p.relative_to(site).parts[0] == "media":
                media += size
            else:
                pages += size
    return pages, media


def search_bytes(site: Path, word: str = SEARCH_WORD) -> dict[str, int] | None:
    """Bytes a browser fetches for the search page and a first query (None without a browser)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    import functools
    import http.server
    import urllib.parse

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    fetched: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                ],
            )
            page = browser.new_page()
            page.on("requestfinished", lambda r: fetched.append(r.url))
            page.goto(base + "search/?q=" + urllib.parse.quote(word), wait_until="networkidle")
            page.wait_for_selector(".sc-result", timeout=60000)
            page.wait_for_load_state("networkidle")
            results = page.locator(".sc-result").count()
            browser.close()
    except Exception as exc:  # no browser on this machine: the figure is simply absent
        print(f"bench: 无法测量检索流量（{exc.__class__.__name__}）", file=sys.stderr)
        return None
    finally:
        server.shutdown()
    total = search = 0
    for url in dict.fromkeys(fetched):
        rel = urllib.parse.unquote(urllib.parse.urlparse(url).path).lstrip("/")
        path = site / rel
        if path.is_dir():
            path = path / "index.html"
        size = path.stat().st_size if path.is_file() else 0
        total += size
        if rel.startswith("pagefind/"):
            search += size
    return {"page_and_query": total, "pagefind": search, "results": results}


def photo_rate(work: Path, count: int) -> tuple[float, float]:
    """Twelve-megapixel JPEGs per second through the site's photo pipeline (both sizes): by the
    wall clock, and by CPU time spread over this machine's cores (what an idle machine gives)."""
    cams = write_photos(work / "cams", count)
    timed = run([sys.executable, "-c", PHOTO_TIMER, str(work / "cams-cache"), *map(str, cams)])
    wall, cpu = map(float, timed.output.strip().splitlines()[-1].split())
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    return count / wall, count / (cpu / cores)


def _edit_one_activity(src: Path) -> Path:
    target = sorted((src / "branches" / "zb0000" / "activities").glob("*.md"))[20]
    with target.open("a", encoding="utf-8") as fh:
        fh.write("\n会后，支部将本次活动的照片和记录补充上传到了党建工作平台。\n")
    return target


@dataclass
class Report:
    branches: int
    photos_per_branch: int
    activities: int = 0
    pages: int = 0
    floor_s: float = 0.0  # the faster of the two floor runs: the ratios are not flattered
    floor_cpu_s: float = 0.0
    floor_runs_s: list[float] = field(default_factory=list)  # before and after the scenarios
    seconds: dict[str, float] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)
    cpu_ratios: dict[str, float] = field(default_factory=dict)
    load_avg: list[float] = field(
        default_factory=list
    )  # how busy the machine was (1-min load at each step)
    peak_rss_mib: float = 0.0
    peak_pss_mib: float = 0.0
    peak_parts_mib: dict[str, float] = field(default_factory=dict)  # at the highest PSS
    floor_peak_rss_mib: float = 0.0
    site_kib_per_branch: float = 0.0
    photos_kib_per_branch: float = 0.0
    search: dict[str, int] | None = None
    photos_per_s: float | None = None
    photos_per_s_idle: float | None = (
        None  # from CPU time over the cores: the rate without other load
    )
    scale: list[dict[str, float]] = field(default_factory=list)
    serve: ServeFigures | None = None

    def as_dict(self) -> dict:
        return {
            k: (v.__dict__ if isinstance(v, ServeFigures) else v) for k, v in self.__dict__.items()
        }


def _drop_cache(root: Path) -> None:
    """The project's cache gone (loaded branches, scores, photos, pages, exports, search)."""
    shutil.rmtree(cache_root(root), ignore_errors=True)


def bench(
    n: int,
    photos: int = 2,
    search: bool = True,
    cams: int = 24,
    work: Path | None = None,
    log=print,
    serve: bool = True,
) -> Report:
    """Every scenario on one set of n distinct branches, in one run."""
    own = work is None
    work = Path(tempfile.mkdtemp(prefix="showcase-bench-")) if work is None else work
    rep = Report(n, photos)
    try:
        src, site = work / "src", work / "site"
        started = time.perf_counter()
        rep.activities = write_site(src, n, photos)
        log(
            f"已生成 {n} 个互不相同的支部（{rep.activities} 条活动），用时 {time.perf_counter() - started:.1f} s"
        )
        if not search:
            text = (src / "mkdocs.yml").read_text(encoding="utf-8")
            (src / "mkdocs.yml").write_text(text + "      search: false\n", encoding="utf-8")

        def measure_floor() -> None:
            floor = run([sys.executable, "-c", FLOOR, str(src), str(work / "floor")])
            rep.floor_runs_s.append(round(floor.seconds, 2))
            rep.floor_peak_rss_mib = max(rep.floor_peak_rss_mib, floor.peak_rss_mib)
            if not rep.floor_s or floor.seconds < rep.floor_s:
                rep.floor_s = floor.seconds
            rep.floor_cpu_s = min(rep.floor_cpu_s or floor.cpu_s, floor.cpu_s)
            rep.load_avg.append(round(os.getloadavg()[0], 1))
            log(f"基线 {floor.seconds:.1f} s（CPU {floor.cpu_s:.1f} s）")

        # The floor is measured before the scenarios and after them, and the faster run taken:
        # this machine's speed drifts by a third within an hour, and a slow floor would make
        # every ratio look better than it is.
        measure_floor()
        build = showcase("build", str(src), "-d", str(site))
        # Both cold scenarios start from no project cache: `check` fills the load and score
        # caches, which a build after it would take (~70 s of a 1000-branch cold build).
        steps = {
            "check_cold": lambda: _drop_cache(src),
            "build_cold": lambda: _drop_cache(src),
            "check_warm": lambda: None,
            "build_nochange": lambda: None,
            "build_edit": lambda: _edit_one_activity(src),
            "build_added": lambda: write_site(src, 1, photos, first=n),
        }
        for key, label, _ in SCENARIOS:
            steps[key]()
            timed = run(showcase("check", str(src)) if key.startswith("check") else build)
            rep.seconds[key] = round(timed.seconds, 2)
            rep.cpu_s[key] = round(timed.cpu_s, 2)
            rep.load_avg.append(round(os.getloadavg()[0], 1))
            if key.startswith("build"):
                rep.peak_rss_mib = max(rep.peak_rss_mib, round(timed.peak_rss_mib, 1))
                if timed.peak_pss_mib > rep.peak_pss_mib:
                    rep.peak_pss_mib = round(timed.peak_pss_mib, 1)
                    rep.peak_parts_mib = timed.peak_parts_mib
            log(
                f"{label}: {timed.seconds:.1f} s（CPU {timed.cpu_s:.1f} s），"
                f"峰值内存 RSS {timed.peak_rss_mib:.0f} MiB / PSS {timed.peak_pss_mib:.0f} MiB"
                f"（{_parts(timed.peak_parts_mib)}）"
            )
            if key == "build_cold":
                rep.pages = sum(1 for _ in site.rglob("*.html"))
                pages, media = site_bytes(site)
                rep.site_kib_per_branch = round(pages / n / 1024, 1)
                rep.photos_kib_per_branch = round(media / n / 1024, 1)
                if search:
                    rep.search = search_bytes(site)
        measure_floor()
        for key, label, _ in SCENARIOS:
            rep.ratios[key] = round(rep.seconds[key] / rep.floor_s, 2)
            rep.cpu_ratios[key] = round(rep.cpu_s[key] / rep.floor_cpu_s, 2)
            log(f"{label}: {rep.ratios[key]}× 基线（CPU {rep.cpu_ratios[key]}×）")
        if serve:
            edited = [f"zb{(k * 331 + 17) % n:04d}" for k in range(4)]
            rep.serve = measure_serve(src, edited)
            log(
                f"serve：改动显示用时 空闲时 {rep.serve.idle_s} s，全站重建进行中 "
                f"{rep.serve.during_rebuild_s} s（启动 {rep.serve.start_s} s）"
            )
        if cams:
            wall_rate, cpu_rate = photo_rate(work, cams)
            rep.photos_per_s, rep.photos_per_s_idle = round(wall_rate, 1), round(cpu_rate, 1)
            log(
                f"图片：{rep.photos_per_s} 张/秒（按 CPU 时间折算空闲机器 {rep.photos_per_s_idle} 张/秒）"
            )
        return rep
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)


def scale(
    sizes: list[int], photos: int = 2, search: bool = True, log=print
) -> list[dict[str, float]]:
    """Floor, cold and no-change build per branch at each size: is the cost linear?"""
    rows = []
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix="showcase-scale-"))
        try:
            src = work / "src"
            write_site(src, n, photos)
            if not search:
                (src / "mkdocs.yml").write_text(
                    (src / "mkdocs.yml").read_text(encoding="utf-8") + "      search: false\n"
                )
            floor_run = run([sys.executable, "-c", FLOOR, str(src), str(work / "floor")])
            floor = floor_run.seconds
            build = showcase("build", str(src), "-d", str(work / "site"))
            cold = run(build)
            warm = run([*build, "--force"]).seconds  # a full warm rebuild: every cache, no skip
            row = {
                "branches": n,
                "floor_ms_per_branch": round(floor / n * 1000, 1),
                "cold_ms_per_branch": round(cold.seconds / n * 1000, 1),
                "warm_forced_ms_per_branch": round(warm / n * 1000, 1),
                "cold_cpu_ms_per_branch": round(cold.cpu_s / n * 1000, 1),
                "ratio_cold": round(cold.seconds / floor, 2),
                "ratio_warm_forced": round(warm / floor, 2),
                "cpu_ratio_cold": round(cold.cpu_s / floor_run.cpu_s, 2),
                "peak_rss_mib": round(cold.peak_rss_mib, 1),
                "peak_pss_mib": round(cold.peak_pss_mib, 1),
            }
            log(f"{n} 个支部: {row}")
            rows.append(row)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return rows


def _parts(parts: dict[str, float]) -> str:
    return "、".join(f"{k} {v:.0f} MiB" for k, v in sorted(parts.items(), key=lambda kv: -kv[1]))


def table(rep: Report) -> str:
    """The figures as a Markdown table (pasted into the README and the issue)."""
    lines = [
        f"{rep.branches} 个互不相同的支部，每个 {rep.photos_per_branch} 张照片；活动 {rep.activities} 条，页面 {rep.pages} 个",
        "",
        "| 场景 | 墙钟秒 | 倍数（÷基线） | CPU 秒 | CPU 倍数 | 目标 |",
        "|---|---|---|---|---|---|",
        f"| 基线（libyaml + python-markdown + jinja2） | {rep.floor_s:.1f} | 1.00× | {rep.floor_cpu_s:.1f} | 1.00× | |",
    ]
    for key, label, target in SCENARIOS:
        if key in rep.seconds:
            mark = (
                "" if target is None else f"≤ {target}× {'✓' if rep.ratios[key] <= target else '✗'}"
            )
            lines.append(
                f"| {label} | {rep.seconds[key]:.1f} | {rep.ratios[key]:.2f}× | {rep.cpu_s[key]:.1f} | "
                f"{rep.cpu_ratios[key]:.2f}× | {mark} |"
            )
    lines += [
        "",
        f"- 基线在各场景之前、之后各测一次：{' / '.join(f'{s:.1f}' for s in rep.floor_runs_s)} s，"
        "取较快的一次（墙钟与 CPU 各取较小值）",
        f"- 机器负载（1 分钟平均，各步）：{rep.load_avg}；CPU 倍数受其他进程影响小，墙钟倍数受影响大",
        f"- 峰值内存（整个进程树，含检索）：RSS 之和 {rep.peak_rss_mib:.0f} MiB，PSS 之和 {rep.peak_pss_mib:.0f} MiB"
        f"（目标 ≤ 1024 MiB {'✓' if rep.peak_pss_mib <= 1024 else '✗'}；RSS 把分叉出的工作进程与父进程共享的页重复计算）；"
        f"PSS 最高时：{_parts(rep.peak_parts_mib)}",
        f"- 站点体积（不含照片）：每支部 {rep.site_kib_per_branch} KiB（目标 ≤ 244 KiB "
        f"{'✓' if rep.site_kib_per_branch <= 244 else '✗'}）；照片每支部 {rep.photos_kib_per_branch} KiB",
    ]
    if rep.search:
        ok = rep.search["page_and_query"] <= 2**20
        lines.append(
            f"- 首次检索“{SEARCH_WORD}”浏览器下载：{rep.search['page_and_query'] / 1024:.0f} KiB，其中 pagefind "
            f"{rep.search['pagefind'] / 1024:.0f} KiB（目标 ≤ 1024 KiB {'✓' if ok else '✗'}），结果 {rep.search['results']} 条"
        )
    if rep.serve is not None:
        worst = max([*rep.serve.idle_s, rep.serve.during_rebuild_s or 0.0])
        lines.append(
            f"- serve：改一条活动到页面显示 {' / '.join(f'{s:.2f}' for s in rep.serve.idle_s)} 秒（空闲时），"
            f"{rep.serve.during_rebuild_s:.2f} 秒（全站重建进行中；目标 ≤ 3 秒 {'✓' if worst <= 3 else '✗'}）；"
            f"启动（首次完整生成）{rep.serve.start_s:.0f} 秒"
        )
    if rep.photos_per_s is not None:
        best = max(rep.photos_per_s, rep.photos_per_s_idle or 0)
        lines.append(
            f"- 图片：{rep.photos_per_s} 张 1200 万像素 JPEG / 秒（两种尺寸；按 CPU 时间折算空闲机器 "
            f"{rep.photos_per_s_idle} 张/秒；目标 ≥ 20 {'✓' if best >= 20 else '✗'}）"
        )
    return "\n".join(lines)


def scale_table(rows: list[dict[str, float]]) -> str:
    lines = [
        "| 支部数 | 基线 ms/支部 | 冷生成 ms/支部 | 冷生成 CPU ms/支部 | 强制热重建 ms/支部 | 冷生成倍数 | 冷生成 CPU 倍数 | "
        "强制热重建倍数 | 峰值内存 MiB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['branches']} | {r['floor_ms_per_branch']} | {r['cold_ms_per_branch']} | {r['cold_cpu_ms_per_branch']} | "
            f"{r['warm_forced_ms_per_branch']} | {r['ratio_cold']}× | {r['cpu_ratio_cold']}× | {r['ratio_warm_forced']}× | "
            f"{r['peak_rss_mib']:.0f} |"
        )
    return "\n".join(lines)


def main(
    n: int,
    photos: int,
    search: bool,
    json_path: str | None,
    sizes: list[int] | None,
    cams: int,
    serve: bool = True,
) -> None:
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731 - progress on stderr, table on stdout
    if sizes:
        rows = scale(sizes, photos, search, log)
        print(scale_table(rows))
        data: dict = {"scale": rows}
    else:
        rep = bench(n, photos, search, cams, log=log, serve=serve)
        print(table(rep))
        data = rep.as_dict()
    if json_path:
        Path(json_path).write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
