"""The reading layer: only regular files inside their folder, under the limits; images
refused by header size and format, decoded once, the verdict cached by content."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from generator.load import reading
from generator.load.reading import (
    ImageVerdicts,
    Limits,
    ReadRefused,
    decode_fully,
    image_from_bytes,
    limits_from,
    read_user_bytes,
)


def _jpeg(size: tuple[int, int] = (400, 300)) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 50).convert("RGB").save(out, "JPEG")
    return out.getvalue()


def test_reads_a_regular_file_inside_its_folder(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("name: 一支部\n", encoding="utf-8")
    assert read_user_bytes(tmp_path / "a.yml", tmp_path, 100) == "name: 一支部\n".encode()


def test_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    with pytest.raises(ReadRefused, match="不是普通文件"):
        read_user_bytes(tmp_path / "pipe.md", tmp_path, 100)


def test_refuses_links_out_of_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "branch"
    folder.mkdir()
    (tmp_path / "secret.md").write_text("x", encoding="utf-8")
    (folder / "a.md").symlink_to(tmp_path / "secret.md")
    (folder / "z.md").symlink_to("/dev/zero")
    (folder / "inside.md").write_text("ok", encoding="utf-8")
    (folder / "b.md").symlink_to("inside.md")
    for name in ("a.md", "z.md"):
        with pytest.raises(ReadRefused, match="之外的符号链接"):
            read_user_bytes(folder / name, folder, 100)
    assert read_user_bytes(folder / "b.md", folder, 100) == b"ok"  # a link inside is fine


def test_refuses_files_over_the_limit(tmp_path: Path) -> None:
    (tmp_path / "big.yml").write_bytes(b"x" * 2048)
    with pytest.raises(ReadRefused, match=r"文件过大（2.0 KB，上限 1.0 KB）"):
        read_user_bytes(tmp_path / "big.yml", tmp_path, 1024)


def test_image_over_the_pixel_limit_is_refused_by_its_header() -> None:
    data = _jpeg((400, 300))
    with pytest.raises(ReadRefused, match=r"像素过多：400×300（0.12 百万像素），上限 0.1 百万像素"):
        image_from_bytes(data, Limits(image_megapixels=0.1))
    with image_from_bytes(data, Limits(image_megapixels=0.2)) as img:
        assert img.size == (400, 300)


@pytest.mark.parametrize("fmt", ["TIFF", "BMP", "EPS"])
def test_only_plain_web_formats_are_opened(fmt: str) -> None:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, fmt)
    with pytest.raises(ReadRefused, match="不是可读取的图片"):
        image_from_bytes(out.getvalue())


def test_truncated_image_fails_the_full_decode() -> None:
    data = _jpeg()
    assert decode_fully(data) == (400, 300)
    with pytest.raises(ReadRefused, match="图片文件不完整"):
        decode_fully(data[: len(data) // 2])


def test_verdicts_are_cached_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _jpeg()
    verdicts = ImageVerdicts(tmp_path / "images")
    verdicts.check(data)
    assert len(list((tmp_path / "images").iterdir())) == 1

    def no_decoding(*args: object) -> None:
        raise AssertionError("decoded again")

    monkeypatch.setattr(reading, "decode_fully", no_decoding)
    verdicts.check(data)  # warm: no decoding
    with pytest.raises(AssertionError):
        verdicts.check(data + b"\0")  # other bytes: decoded


def test_verdicts_tolerate_an_unwritable_cache(tmp_path: Path) -> None:
    # A file where the cache folder should be: mkdir fails for root too (unlike chmod).
    blocker = tmp_path / "cache"
    blocker.write_text("", encoding="utf-8")
    ImageVerdicts(blocker / "images").check(_jpeg())  # no error, just no cache


def test_limits_from_options_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert limits_from({})[0] == Limits()
    limits, bad = limits_from({"max_image_megapixels": 80, "max_text_mb": "x"})
    assert limits.image_pixels == 80_000_000 and limits.text_mb == 2.0
    assert bad == ['max_text_mb 应为正数（如 2），实际是 "x"']
    monkeypatch.setenv("SHOWCASE_MAX_IMAGE_MEGAPIXELS", "12")
    assert limits_from({"max_image_megapixels": 80})[0].image_megapixels == 12


def test_workbook_bytes_refuse_zip_bombs_and_non_workbooks(tmp_path: Path) -> None:
    import zipfile

    from openpyxl import Workbook, load_workbook

    from generator.load.reading import read_workbook_bytes

    wb = Workbook()
    wb.active.append(["姓名", "党小组"])
    wb.save(tmp_path / "ok.xlsx")
    data = read_workbook_bytes(tmp_path / "ok.xlsx")
    assert load_workbook(io.BytesIO(data)).active["A1"].value == "姓名"

    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", b"\0" * (3 * 1024 * 1024))  # 3 MB from a few KB
    assert (tmp_path / "bomb.xlsx").stat().st_size < 20_000
    with pytest.raises(ReadRefused, match="解压后过大"):
        read_workbook_bytes(tmp_path / "bomb.xlsx", Limits(workbook_mb=0.1))

    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0 not a zip")
    with pytest.raises(ReadRefused, match="不是有效的 Excel 文件"):
        read_workbook_bytes(tmp_path / "old.xls")


def test_a_rulebook_linked_to_a_shared_file_is_read(good_site: Path, tmp_path: Path) -> None:
    """The rulebook is configuration, not branch data: a link to a shared copy is fine."""
    from conftest import run_cli
    from generator.load.standard import DEFAULT_STANDARD

    shared = tmp_path / "shared" / "rules.yml"
    shared.parent.mkdir()
    shared.write_bytes(DEFAULT_STANDARD.read_bytes())
    (good_site / "rules").mkdir()
    (good_site / "rules" / "std.yml").symlink_to(shared)
    cfg = good_site / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8") + "      standard: rules/std.yml\n", encoding="utf-8"
    )
    code, out, err = run_cli("check", str(good_site))
    assert code == 0, err
