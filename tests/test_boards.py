"""Display boards: paper sizes and DPI, golden images per board kind, QR codes, PDFs, the
cache, fonts, privacy, the CLI and the site's /boards/ page.

Golden images live in tests/golden/boards/; after an intended change to a layout or the
renderer, look at the new boards, then regenerate with `UPDATE_GOLDEN=1 pytest tests/test_boards.py`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from conftest import REPO, demo_site_url, run_cli
from generator.models import (
    Activity,
    Branch,
    BranchProfile,
    Brand,
    Commitment,
    CommitmentBook,
    Group,
    Member,
)
from generator.models.profile import Figure, Honor, Practice
from generator.print import all_boards, branch_url
from generator.print import fonts as fontmod
from generator.print.boards import KINDS, default_month
from generator.print.build import Settings, board_key, render_boards
from generator.print.draw import render
from generator.print.fonts import MISSING, FontNotFound, find_fonts
from generator.print.layout import load_board
from generator.print.paper import SIZES_MM, Paper
from generator.score.results import BranchResult, CommitmentSummary, PointsTable, Results, Scorecard

GOLDEN = Path(__file__).parent / "golden" / "boards"
AS_OF = dt.date(2025, 1, 15)
URL = "https://intranet.example/showcase/"
SECRETS = ("13800000000", "SECRET-ID-0001")  # under private: in tests/data/good


@pytest.fixture(scope="module")
def fonts():
    try:
        return find_fonts()
    except FontNotFound:
        pytest.fail("no Chinese font: run `make test` (it installs fonts-noto-cjk)")


# --- a fixed branch, built from models (independent of the loader and the score engine) ---


def _photo(path: Path, top: tuple[int, int, int], bottom: tuple[int, int, int]) -> None:
    img = Image.new("RGB", (400, 300))
    draw = ImageDraw.Draw(img)
    for y in range(300):
        t = y / 299
        draw.line(
            (0, y, 399, y),
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    draw.ellipse((60, 80, 180, 200), fill=(240, 200, 120))
    draw.rectangle((230, 120, 350, 260), fill=(250, 250, 240))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, quality=90)


def _logo(path: Path) -> None:
    img = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((10, 10, 230, 230), fill=(200, 22, 29, 255))
    draw.ellipse((40, 40, 200, 200), outline=(212, 160, 23, 255), width=10)
    draw.polygon(
        [
            (120, 70),
            (135, 110),
            (178, 110),
            (143, 135),
            (156, 178),
            (120, 152),
            (84, 178),
            (97, 135),
            (62, 110),
            (105, 110),
        ],
        fill=(212, 160, 23, 255),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path)


def fixture_branch(root: Path) -> tuple[Branch, BranchResult]:
    folder = root / "branches" / "hongqi"
    _logo(folder / "photos" / "logo.png")
    _photo(folder / "photos" / "a.jpg", (70, 110, 160), (180, 90, 80))
    _photo(folder / "photos" / "b.jpg", (60, 140, 90), (230, 210, 150))
    brand = Brand(
        name="红旗引领·匠心先锋",
        slogan='以"红"铸魂，以"匠"立身',
        logo="photos/logo.png",
        meaning="“红旗引领”寓意支部始终把政治建设摆在首位，**以党建红旗引领生产经营**；“匠心先锋”寓意每一名党员都以工匠精神守护质量。\n\n支部以“1+3”微品牌体系为骨架，让党建工作落到每一条生产线。",
        practices=(
            Practice(
                title="党员示范岗“挂牌上岗”",
                body="在关键工序设立党员示范岗 8 个，示范岗党员公开承诺、接受监督。",
            ),
            Practice(
                title="质量攻关“揭榜挂帅”",
                body="每季度发布质量难题清单，由党员领衔揭榜，成果纳入积分。",
            ),
            Practice(title="师带徒“青蓝结对”", body="党员技术骨干与青年员工结对，传技能、带作风。"),
        ),
        results=(
            Figure(label="质效改善项目", value=24, unit="项", year=2024),
            Figure(label="工艺质量合格率", value=99.5, unit="%", year=2024),
            Figure(label="志愿服务时长", value=360, unit="小时", year=2024),
        ),
        honors=(
            Honor(year=2023, title="先进基层党组织"),
            Honor(year=2022, title="“一支部一品牌”优秀案例"),
        ),
    )
    profile = BranchProfile(name="红旗车间党支部", unit="示例卷烟厂党委", brand=brand)
    groups = (
        Group(
            id="yizu",
            name="一组党小组",
            brand="精甲先锋",
            meaning="精益求精、甲级品质，守好第一道关口。",
            leader="王强",
        ),
        Group(
            id="erzu",
            name="二组党小组",
            brand="青锋",
            meaning="青年党员打头阵，锋芒所向攻难关。",
            leader="李华",
        ),
        Group(
            id="sanzu",
            name="三组党小组",
            brand="众焱",
            meaning="众人拾柴火焰高，凝聚合力保质量。",
            leader="赵磊",
        ),
    )
    names = {"yizu": ["王强", "张明"], "erzu": ["李华", "陈静"], "sanzu": ["赵磊", "周敏"]}
    members = tuple(Member(name=n, group=g, post="操作工") for g, ns in names.items() for n in ns)
    commitments = CommitmentBook(
        one_year=True,
        years={
            2024: (
                Commitment(
                    who="branch",
                    kind="亮标准",
                    text="全年“三会一课”按时召开率100%",
                    due=dt.date(2024, 12, 31),
                    done=dt.date(2024, 12, 20),
                ),
                Commitment(
                    who="王强",
                    kind="亮身份",
                    text="佩戴党员徽章上岗，工位设置党员示范岗标识",
                    due=dt.date(2024, 3, 31),
                    done=dt.date(2024, 3, 5),
                ),
                Commitment(
                    who="erzu",
                    kind="亮承诺",
                    text="全年设备故障停机率下降10%",
                    due=dt.date(2024, 12, 31),
                ),
                Commitment(
                    who="陈静",
                    kind="亮承诺",
                    text="带教2名新员工通过岗位技能鉴定",
                    due=dt.date(2025, 6, 30),
                ),
            )
        },
    )
    activities = (
        Activity(
            id="2024-10-12-a",
            date=dt.date(2024, 10, 12),
            type="主题党日",
            title="质量月主题党日",
            group="yizu",
            photos=("photos/a.jpg",),
        ),
        Activity(
            id="2024-11-20-b",
            date=dt.date(2024, 11, 20),
            type="主题党日",
            title="冬季安全主题党日",
            group="erzu",
            photos=("photos/b.jpg",),
        ),
    )
    branch = Branch(
        id="hongqi",
        folder=folder,
        profile=profile,
        groups=groups,
        members=members,
        commitments=commitments,
        activities=activities,
    )
    card = Scorecard(
        branch_id="hongqi",
        year=2024,
        as_of=AS_OF,
        standard_name="星级党支部创建标准",
        standard_version="2024",
        star=4,
        vetoed=False,
        veto_reason="",
        items=(),
        categories=(),
        next_star=5,
        missing_for_next=(),
        star_name="先进级",
    )
    month, quarter = "2024-12", "2024-Q4"
    gp = {"yizu": (12, 30), "erzu": (8, 26), "sanzu": (5, 14)}
    mp = {
        "王强": (6, 14),
        "张明": (4, 12),
        "李华": (5, 11),
        "陈静": (3, 9),
        "赵磊": (2, 8),
        "周敏": (0, 4),
    }
    points = PointsTable(
        groups={g: {month: m, quarter: q} for g, (m, q) in gp.items()},
        members={n: {month: m, quarter: q} for n, (m, q) in mp.items()},
    )
    result = BranchResult(
        branch_id="hongqi",
        scorecard=card,
        history=(card,),
        points=points,
        model_groups={quarter: ("yizu",), month: ("yizu",)},
        warnings=(),
        commitments=CommitmentSummary(total=4, fulfilled=2, overdue=1, in_progress=1),
    )
    return branch, result


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> tuple[Branch, Results]:
    branch, result = fixture_branch(tmp_path_factory.mktemp("boards-fixture"))
    results = Results("星级党支部创建标准", "2024", 2024, AS_OF, {"hongqi": result})
    return branch, results


def _boards(fixture: tuple[Branch, Results], url: str | None = URL) -> dict:
    branch, results = fixture
    # the fixture's points are December's (the month a year-end 公示栏 shows)
    return {b.kind: b for b in all_boards([branch], results, url, month="2024-12")["hongqi"]}


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel, as a share of full scale (0..1)."""
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    return sum(ImageStat.Stat(diff).mean) / 3 / 255


# --- paper sizes and DPI --------------------------------------------------------------------


@pytest.mark.parametrize("size", list(SIZES_MM))
@pytest.mark.parametrize("landscape", [False, True])
def test_every_paper_size_renders_at_the_exact_pixel_size_with_its_dpi(
    size, landscape, fixture, fonts, tmp_path
) -> None:
    paper = Paper(size, landscape, dpi=30)
    w_mm, h_mm = SIZES_MM[size]
    if landscape:
        w_mm, h_mm = h_mm, w_mm
    expected = (round(w_mm / 25.4 * 30), round(h_mm / 25.4 * 30))
    assert paper.px == expected
    image, _ = render(
        load_board("plaque").landscape if landscape else load_board("plaque").portrait,
        _boards(fixture)["plaque"].data,
        paper,
        fonts,
        "t",
    )
    assert image.size == expected
    settings = Settings(paper, fonts, tmp_path)
    (r,) = render_boards([_boards(fixture)["plaque"]], settings)
    with Image.open(r.png) as png:
        assert png.size == expected
        assert tuple(round(v) for v in png.info["dpi"]) == (30, 30)


def test_a3_at_300_dpi_is_3508_by_4961() -> None:
    assert Paper("A3", dpi=300).px == (3508, 4961)
    assert Paper("A3", landscape=True, dpi=300).px == (4961, 3508)
    assert Paper("A4", dpi=300).px == (2480, 3508)


def test_bleed_adds_the_same_margin_on_every_side_and_keeps_the_trim_exact(fixture, fonts) -> None:
    paper = Paper("A4", dpi=100, bleed_mm=3)
    assert paper.trim_px == (827, 1169)
    assert paper.bleed_px == round(3 / 25.4 * 100) == 12
    assert paper.px == (827 + 24, 1169 + 24)
    image, _ = render(
        load_board("brand").portrait, _boards(fixture)["brand"].data, paper, fonts, "t"
    )
    assert image.size == paper.px
    # the red header band runs on into the bleed: the top-left corner is red, not white
    assert image.getpixel((1, 1)) == (200, 22, 29)


# --- golden images --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_golden_board(kind, landscape, fixture, fonts, tmp_path) -> None:
    board = _boards(fixture)[kind]
    paper = Paper("A3", landscape, dpi=40)
    layout = load_board(kind).landscape if landscape else load_board(kind).portrait
    image, warnings = render(layout, board.data, paper, fonts, board.label)
    assert warnings == []
    name = f"{kind}-{paper.orientation}.png"
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1" or not golden.exists():
        if os.environ.get("UPDATE_GOLDEN") != "1":
            pytest.fail(
                f"no golden image {golden}; look at the board, then run with UPDATE_GOLDEN=1"
            )
        golden.parent.mkdir(parents=True, exist_ok=True)
        image.save(golden, optimize=True)
        return
    with Image.open(golden) as ref:
        assert ref.size == image.size
        diff = _mean_difference(ref, image)
    if diff >= 0.02:
        actual = tmp_path / name
        image.save(actual)
        pytest.fail(
            f"{name} differs from the golden image by {diff:.2%} (actual: {actual}); if intended, UPDATE_GOLDEN=1"
        )


def test_rendering_is_deterministic(fixture, fonts, tmp_path) -> None:
    board = _boards(fixture)["notice"]
    paper = Paper("A4", dpi=30)
    a, _ = render(load_board("notice").portrait, board.data, paper, fonts, "t")
    b, _ = render(load_board("notice").portrait, board.data, paper, fonts, "t")
    assert a.tobytes() == b.tobytes()


def test_every_layout_file_is_valid() -> None:
    for kind in KINDS:
        board = load_board(kind)
        assert board.portrait.boxes and board.landscape.boxes


# --- what boards show -------------------------------------------------------------------------


def test_board_data(fixture) -> None:
    boards = _boards(fixture)
    assert list(boards) == ["brand", "1n", "notice", "plaque"]
    brand = boards["brand"].data
    assert brand["slogan"] == "以“红”铸魂，以“匠”立身"  # straight quotes become Chinese ones
    assert "**" not in brand["meaning"] and "以党建红旗引领生产经营" in brand["meaning"]
    assert brand["star_words"] == "四星·先进级"
    assert brand["qr"] == URL + "branches/hongqi/"
    one_n = boards["1n"].data
    assert one_n["title"] == "“1+3”党建品牌矩阵"
    assert [g["caption"] for g in one_n["groups"]] == [
        "2024.10.12  质量月主题党日",
        "2024.11.20  冬季安全主题党日",
        "",
    ]
    notice = boards["notice"].data
    assert [c["status"] for c in notice["commitments"]] == ["已践诺", "已践诺", "逾期", "进行中"]
    assert [c["who"] for c in notice["commitments"]] == ["支部", "王强", "二组党小组", "陈静"]
    assert notice["group_points"][0] == {
        "rank": "1",
        "group": "精甲先锋（一组党小组）",
        "month": "12",
        "quarter": "30",
        "model": "示范党小组",
    }
    assert [m["name"] for m in notice["member_points"]][:2] == ["王强", "李华"]
    assert (
        notice["model_group"] == "12月示范党小组：精甲先锋"
    )  # the month's, as the board is renewed monthly
    plaque = boards["plaque"].data
    assert plaque["plaque_title"] == "四星级党支部"
    assert plaque["standard"] == "评定依据：星级党支部创建标准（2024版）"
    assert plaque["date_line"] == "二〇二五年一月"


def test_equal_points_share_a_place_on_the_notice_board(fixture) -> None:
    """A month nobody scored: every member and group is 1st, not 1st to 16th by name."""
    branch, results = fixture
    notice = all_boards([branch], results, URL, month="2024-12")["hongqi"][2].data
    assert len({(m["month"], m["quarter"]) for m in notice["member_points"]}) > 1
    by_points = [(m["month"], m["quarter"], m["rank"]) for m in notice["member_points"]]
    for (month, quarter, rank), (month2, quarter2, rank2) in itertools.pairwise(by_points):
        if (month, quarter) == (month2, quarter2):
            assert rank == rank2, by_points
        else:
            assert int(rank2) == by_points.index((month2, quarter2, rank2)) + 1, by_points
    quiet = all_boards([branch], results, URL, month="2023-01")["hongqi"][2].data
    assert {m["rank"] for m in quiet["member_points"]} == {"1"}
    assert {g["rank"] for g in quiet["group_points"]} == {"1"}


def test_default_month() -> None:
    # the last month that has ended: its points and 示范党小组 are settled
    assert default_month(dt.date(2025, 1, 15)) == "2024-12"
    assert default_month(dt.date(2025, 7, 1)) == "2025-06"
    assert default_month(dt.date(2024, 6, 3)) == "2024-05"


def test_branch_url() -> None:
    assert branch_url("https://x.example/sc", "zhisi") == "https://x.example/sc/branches/zhisi/"
    assert (
        branch_url("https://x.example/sc/", "zhisi", directory_urls=False)
        == "https://x.example/sc/branches/zhisi/index.html"
    )
    assert branch_url(None, "zhisi") is None


def test_long_text_shrinks_then_is_cut_with_a_warning_naming_board_and_field(
    fixture, fonts
) -> None:
    board = _boards(fixture)["brand"]
    data = dict(board.data, meaning="支部坚持把党建工作与生产经营深度融合，" * 60)
    _, warnings = render(
        load_board("brand").portrait, data, Paper("A4", dpi=40), fonts, "hongqi 品牌展板"
    )
    assert any(w.startswith("hongqi 品牌展板「品牌内涵」") and "截断" in w for w in warnings)


def test_cache_key_follows_the_data(fixture, fonts) -> None:
    boards = _boards(fixture)
    paper = Paper("A3", dpi=40)
    key = board_key(boards["brand"], paper, fonts)
    assert key == board_key(_boards(fixture)["brand"], paper, fonts)
    assert key != board_key(boards["brand"], Paper("A3", dpi=41), fonts)
    changed = type(boards["brand"])("brand", "hongqi", dict(boards["brand"].data, slogan="新口号"))
    assert key != board_key(changed, paper, fonts)


# --- QR code ----------------------------------------------------------------------------------


def test_qr_code_on_the_brand_board_decodes_to_the_branch_url(fixture, fonts, tmp_path) -> None:
    if shutil.which("zbarimg") is None:
        pytest.fail("zbarimg missing: run `make test` (it installs zbar-tools)")
    board = _boards(fixture)["brand"]
    image, _ = render(load_board("brand").portrait, board.data, Paper("A3", dpi=100), fonts, "t")
    path = tmp_path / "brand.png"
    image.save(path)
    out = subprocess.run(
        ["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, check=False
    )
    assert out.stdout.strip() == URL + "branches/hongqi/"


# --- fonts ------------------------------------------------------------------------------------


def test_font_discovery_at_nothing_gives_the_chinese_error() -> None:
    with pytest.raises(FontNotFound) as exc:
        find_fonts(fontconfig=lambda: [], known={})
    assert exc.value.message == MISSING
    assert "apt-get install fonts-noto-cjk" in MISSING and "--font" in MISSING


def test_found_font_really_has_chinese_glyphs(fonts) -> None:
    assert fontmod.has_chinese(fonts.face("sans").path, fonts.face("sans").index)
    dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if Path(dejavu).exists():
        assert not fontmod.has_chinese(dejavu)
        with pytest.raises(FontNotFound, match="不含中文字形"):
            find_fonts(dejavu)


def test_cli_without_a_font_exits_1_with_the_message_and_no_traceback(
    good_site, monkeypatch
) -> None:
    monkeypatch.setattr(fontmod, "fc_list", lambda: [])
    monkeypatch.setattr(fontmod, "KNOWN_PATHS", {})
    code, out, err = run_cli("boards", str(good_site), "--dpi", "20")
    assert code == 1
    assert MISSING in err
    assert "Traceback" not in out + err
    code, _, err = run_cli(
        "boards", str(good_site), "--dpi", "20", "--font", "/nonexistent/font.ttf"
    )
    assert code == 1 and "找不到字体文件" in err


# --- the command ------------------------------------------------------------------------------


def _pdf_pages(path: Path) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, check=True
        ).stdout
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    return len(re.findall(rb"/Type /Page\b", path.read_bytes()))


def test_cli_writes_pngs_and_pdfs_and_skips_unchanged_boards(good_site, tmp_path) -> None:
    out = tmp_path / "boards"
    code, stdout, err = run_cli("boards", str(good_site), "--dpi", "30", "-o", str(out))
    assert code == 0, err
    assert "[1/4] demo" in stdout and "已生成" in stdout
    assert "site_url" in err  # no site_url: warned, no QR code
    folder = out / "demo"
    assert sorted(p.name for p in folder.iterdir()) == [
        "1n.png",
        "brand.png",
        "demo.pdf",
        "notice.png",
        "plaque.png",
    ]
    for name in ("brand.png", "1n.png", "notice.png", "plaque.png"):
        with Image.open(folder / name) as im:
            assert im.size == Paper("A3", dpi=30).px
    assert _pdf_pages(folder / "demo.pdf") == 4
    assert _pdf_pages(out / "plaques.pdf") == 1
    info = subprocess.run(
        ["pdfinfo", str(folder / "demo.pdf")], capture_output=True, text=True, check=False
    ).stdout
    if info:
        assert "(A3)" in info  # the page size follows the DPI
    before = {p: p.stat().st_mtime_ns for p in folder.iterdir()}
    code, stdout, err = run_cli("boards", str(good_site), "--dpi", "30", "-o", str(out))
    assert code == 0, err
    assert "4 张展板未变化，跳过" in stdout
    assert "已生成" not in stdout
    assert {p: p.stat().st_mtime_ns for p in folder.iterdir()} == before


def test_cli_default_output_options_and_errors(good_site) -> None:
    (good_site / "mkdocs.yml").write_text(
        (good_site / "mkdocs.yml").read_text(encoding="utf-8")
        + f"site_url: {URL}\nsite_dir: public\n",
        encoding="utf-8",
    )
    code, stdout, err = run_cli(
        "boards",
        str(good_site),
        "--dpi",
        "20",
        "--size",
        "a4",
        "--landscape",
        "--bleed",
        "2",
        "--month",
        "2024-06",
    )
    assert code == 0, err
    assert "site_url" not in err
    assert "A4 横版 20 dpi，出血 2 mm" in stdout and "2024-06" in stdout
    png = good_site / "public" / "boards" / "demo" / "brand.png"
    with Image.open(png) as im:
        assert im.size == Paper("A4", True, 20, 2).px
    code, stdout, err = run_cli("boards", str(good_site), "--dpi", "20", "--branch", "demo")
    assert code == 0, err
    assert "未更新 plaques.pdf" in stdout
    for month in ("2024-13", "0000-01"):
        code, _, err = run_cli("boards", str(good_site), "--month", month)
        assert code == 1 and f'--month "{month}" 无效' in err
    code, _, err = run_cli("boards", str(good_site), "--branch", "nosuch")
    assert code == 1 and "找不到支部 nosuch" in err
    code, _, err = run_cli("boards", str(good_site), "--branch", "demp")
    assert code == 1 and '找不到支部 demp（branches/ 下没有这个目录），是不是 "demo"？' in err


def test_unpublished_branches_need_the_flag(good_site, tmp_path) -> None:
    branch_yml = good_site / "branches" / "demo" / "branch.yml"
    branch_yml.write_text(
        branch_yml.read_text(encoding="utf-8").replace("publish: true", "publish: false"),
        encoding="utf-8",
    )
    code, _, err = run_cli("boards", str(good_site), "--dpi", "20", "-o", str(tmp_path / "a"))
    assert code == 1 and "没有可生成展板的支部" in err
    code, _, err = run_cli(
        "boards", str(good_site), "--dpi", "20", "--branch", "demo", "-o", str(tmp_path / "a")
    )
    assert code == 1 and "--include-unpublished" in err
    code, _, err = run_cli(
        "boards", str(good_site), "--dpi", "20", "--include-unpublished", "-o", str(tmp_path / "b")
    )
    assert code == 0, err
    assert (tmp_path / "b" / "demo" / "demo.pdf").exists()


def test_no_private_data_on_boards_or_in_their_files(good_site, tmp_path) -> None:
    out = tmp_path / "boards"
    code, stdout, err = run_cli("boards", str(good_site), "--dpi", "20", "-o", str(out))
    assert code == 0, err
    for secret in SECRETS:
        assert secret not in stdout + err
        for path in [*out.rglob("*"), *(good_site / ".cache" / "showcase" / "boards").rglob("*")]:
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path
    # what the boards show (and their cache keys hash) holds nothing from private:
    from generator.cli.common import load_and_score, options

    project, results = load_and_score(options(str(good_site)))
    data = json.dumps(
        [b.data for bs in all_boards(project.branches, results, URL).values() for b in bs],
        ensure_ascii=False,
        default=str,
    )
    assert all(secret not in data for secret in SECRETS)


# --- the site's /boards/ page -------------------------------------------------------------------


def test_site_shows_light_previews_and_leaves_print_files_to_the_boards_command(
    good_site, tmp_path
) -> None:
    """The site build renders no print-resolution board: a small preview of each branch's brand
    board, linked relatively, and the names of its other boards."""
    site = tmp_path / "site"
    code, _, err = run_cli("build", str(good_site), "-d", str(site))
    assert code == 0, err
    page = site / "boards" / "index.html"
    html = page.read_text(encoding="utf-8")
    files = sorted(p.name for p in (site / "boards" / "demo").iterdir())
    assert files == ["brand-preview.png"]
    others = re.search(r'<p class="sc-boards-others">(.*?)</p>', html).group(1)
    assert re.findall(r"<code>(.*?)</code>", others) == ["1n.png", "notice.png", "plaque.png"]
    assert not list(site.rglob("*.pdf"))
    links = re.findall(r'(?:href|src)="([^"#]+\.(?:png|pdf))"', html)
    assert links and all(not link.startswith(("/", "http")) for link in links)
    assert all((page.parent / link).resolve().is_file() for link in links)
    for name in files:
        with Image.open(site / "boards" / "demo" / name) as im:
            # drawn at the preview's size (A3 at 31 dpi), a palette image: light
            assert im.size == (362, 513) and im.mode == "P" and len(im.getcolors()) <= 32
        assert (site / "boards" / "demo" / name).stat().st_size < 40_000
    assert "showcase boards" in html  # the page says how to get print files
    # print resolution comes from the boards command, here into the site's own boards/ folder
    code, out, err = run_cli("boards", str(good_site), "--dpi", "100", "-o", str(site / "boards"))
    assert code == 0, err
    with Image.open(site / "boards" / "demo" / "brand.png") as im:
        assert im.size == Paper("A3", dpi=100).px
    assert _pdf_pages(site / "boards" / "demo" / "demo.pdf") == 4


def test_demo_brand_boards_carry_a_qr_code_to_their_page(tmp_path) -> None:
    """The demo publishes at its site_url: every brand board's QR code opens the branch's page."""
    if shutil.which("zbarimg") is None:
        pytest.fail("zbarimg missing: run `make test` (it installs zbar-tools)")
    site_url = demo_site_url()
    assert site_url
    code, _, err = run_cli("boards", str(REPO), "--dpi", "150", "-o", str(tmp_path))
    assert code == 0, err
    boards = sorted(tmp_path.glob("*/brand.png"))
    code, out, err = run_cli("export", str(REPO))
    assert code == 0, err
    assert [b.parent.name for b in boards] == sorted(b["id"] for b in json.loads(out)["branches"])
    for board in boards:
        proc = subprocess.run(
            ["zbarimg", "--raw", "-q", str(board)], capture_output=True, text=True, check=False
        )
        assert proc.stdout.strip() == f"{site_url}branches/{board.parent.name}/", board
