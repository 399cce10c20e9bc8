"""The one place that opens user files: YAML, Markdown, images and workbooks.

Every read of a file that came from a user goes through `read_user_bytes`: the file must be a
regular file (no FIFO, device or socket — `/dev/zero` or a named pipe would otherwise be read
forever), it must resolve inside the folder it belongs to (a symlink in a branch folder may
not publish a file from elsewhere on the machine), and it must be under a size limit.
Images are opened only from those bytes, in a few plain formats, and refused by their
header's pixel size before any pixel is decoded. A refusal is a `ReadRefused` with a Chinese
message; callers add file and line.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import stat
import zipfile
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

MB = 1024 * 1024
# Pillow's own bomb check raises at twice its default limit before the size can be reported
# (no width × height, an English message) and cannot follow the configured limit. Every image
# a user hands us is opened here and refused by its header's size (see `_open`), so the
# pixel limit is ours alone.
Image.MAX_IMAGE_PIXELS = None
# Formats a phone, a camera or an office scanner produces. Everything else Pillow could read
# (EPS runs Ghostscript, TIFF and the exotic decoders have the longest CVE lists) is refused.
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # a JPEG plugin also opens MPO (multi-picture) files


@dataclass(frozen=True)
class Limits:
    """Size limits for what users hand us; plugin options and `showcase --max-…` set them."""

    text_mb: float = 2.0  # one YAML or Markdown file
    image_mb: float = 30.0  # one image file
    image_megapixels: float = 50.0  # width × height of one image (a phone photo is 12–50 MP)
    workbook_mb: float = 20.0  # one Excel workbook to import

    @property
    def text_bytes(self) -> int:
        return int(self.text_mb * MB)

    @property
    def image_bytes(self) -> int:
        return int(self.image_mb * MB)

    @property
    def image_pixels(self) -> int:
        return int(self.image_megapixels * 1_000_000)

    @property
    def workbook_bytes(self) -> int:
        return int(self.workbook_mb * MB)


DEFAULT_LIMITS = Limits()
# Plugin option and CLI flag of each limit (the CLI sets the environment for the plugin too).
OPTION_NAMES = {
    "text_mb": "max_text_mb",
    "image_mb": "max_image_mb",
    "image_megapixels": "max_image_megapixels",
    "workbook_mb": "max_workbook_mb",
}
ENV_PREFIX = "SHOWCASE_"


def limits_from(raw: dict[str, Any] | None = None) -> tuple[Limits, list[str]]:
    """Limits from plugin options (`max_image_megapixels: 80`) with `SHOWCASE_MAX_…`
    environment overrides (what the CLI flags set); returns the limits and bad settings."""
    raw = raw or {}
    values: dict[str, float] = {}
    bad: list[str] = []
    for f in fields(Limits):
        option = OPTION_NAMES[f.name]
        value = os.environ.get(ENV_PREFIX + option.upper(), raw.get(option))
        if value is None:
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = -1.0
        if not 0 < number < 1e6 or isinstance(value, bool):
            bad.append(
                f'{option} 应为正数（如 {getattr(DEFAULT_LIMITS, f.name):g}），实际是 "{value}"'
            )
            continue
        values[f.name] = number
    return Limits(**values), bad


# The limits of the last project load in this process. Boards draw images long after the
# load checked them, several calls away from the options; they open them under the same
# limits (forked render workers inherit this), not under a second, stricter default.
_in_force: list[Limits] = [DEFAULT_LIMITS]


def set_limits_in_force(limits: Limits) -> None:
    _in_force[0] = limits


def limits_in_force() -> Limits:
    return _in_force[0]


class ReadRefused(Exception):
    """A user file we will not read or cannot decode; the message is for the officer."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@functools.lru_cache(maxsize=256)
def _real_folder(root: str) -> str:
    """A folder's real path with a trailing separator, resolved once per folder: each file of
    a cold load at a thousand branches (~90,000) resolved its folder again. A folder swapped
    for a symlink later only makes files refused: their real paths no longer start here."""
    return os.path.join(os.path.realpath(root), "")


def inside(path: Path, root: Path) -> Path:
    """The resolved path, if it exists and stays inside `root` (symlinks followed)."""
    try:
        resolved = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError, ValueError):  # ValueError: a NUL byte in the name
        raise ReadRefused("找不到文件（或符号链接指向不存在的文件）") from None
    folder = _real_folder(os.fspath(root))
    if not (resolved + os.sep).startswith(folder):
        raise ReadRefused(
            "文件是指向所在目录之外的符号链接，不予读取（链接只能指向本目录内的文件）"
        )
    return Path(resolved)


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.1f} KB"


def read_user_bytes(path: Path, root: Path, limit: int) -> bytes:
    """All bytes of a user's regular file inside `root`, at most `limit` of them.

    The file is opened without blocking and checked with fstat on the open descriptor, so
    a FIFO cannot hang the read and a file swapped after the check is still the one read."""
    resolved = inside(path, root)
    try:
        fd = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ReadRefused(f"无法读取文件（{exc.strerror or exc}）") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        what = (
            "是一个文件夹" if stat.S_ISDIR(st.st_mode) else "不是普通文件（设备、管道等不予读取）"
        )
        raise ReadRefused(what)
    with os.fdopen(fd, "rb") as f:
        if st.st_size > limit:
            raise ReadRefused(f"文件过大（{_size(st.st_size)}，上限 {_size(limit)}）")
        try:
            data = f.read(limit + 1)
        except OSError as exc:
            raise ReadRefused(f"无法读取文件（{exc.strerror or exc}）") from None
    if len(data) > limit:  # grew while we read it
        raise ReadRefused(f"文件过大（超过上限 {_size(limit)}）")
    return data


def read_workbook_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """An Excel workbook's bytes for `openpyxl.load_workbook(io.BytesIO(data))`: a regular
    file under the workbook limit whose zip members do not inflate past ten times that
    (an .xlsx is a zip; a crafted one expands a few KB into gigabytes of XML)."""
    data = read_user_bytes(path, path.parent, limits.workbook_bytes)  # named on the command line
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReadRefused("不是有效的 Excel 文件（.xlsx）；旧版 .xls 请先另存为 .xlsx") from None
    inflated = sum(m.file_size for m in members)
    if len(members) > 10_000 or inflated > 10 * limits.workbook_bytes:
        raise ReadRefused(
            f"Excel 文件解压后过大（{_size(inflated)}，上限 {_size(10 * limits.workbook_bytes)}）"
        )
    return data


def digest_user_file(path: str | Path) -> bytes | None:
    """SHA-256 of a regular file, read in blocks (a 4 GB video left in photos/ costs no
    memory); None for anything else (FIFO, device, folder, unreadable): it is not content.
    On the descriptor itself, no file object: a cold build hashes ~90,000 small files, and
    the buffered reader and `hashlib.file_digest` around each were half the time per file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        h = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            h.update(chunk)
        return h.digest()
    except OSError:
        return None
    finally:
        os.close(fd)


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """A lazily decoded image whose header passed the format and pixel checks."""
    try:
        img = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)
    except UnidentifiedImageError:
        raise ReadRefused("不是可读取的图片（支持 JPEG、PNG、WebP、GIF）") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ReadRefused(f"图片文件已损坏（{exc}）") from None
    w, h = img.size
    if w * h > max_pixels:
        img.close()
        raise ReadRefused(
            f"像素过多：{w}×{h}（{w * h / 1e6:.3g} 百万像素），上限 {max_pixels / 1e6:g} 百万像素；"
            "请缩小后再用（插件选项 max_image_megapixels 可调整上限）"
        )
    if w < 1 or h < 1:
        img.close()
        raise ReadRefused("图片尺寸为 0")
    return img


def image_from_bytes(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Image.Image:
    """Open image bytes read by `read_user_bytes`; the caller closes the image."""
    return _open(data, limits.image_pixels)


def open_user_image(path: Path, root: Path, limits: Limits = DEFAULT_LIMITS) -> Image.Image:
    """Read and open one user image (lazily decoded; the caller closes it)."""
    return _open(read_user_bytes(path, root, limits.image_bytes), limits.image_pixels)


def decode_fully(data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[int, int]:
    """Decode every pixel once (a truncated or corrupt file fails here, not in a build);
    returns the size. JPEGs decode at 1/8 scale: every byte of the stream is still read,
    at a sixty-fourth of the memory."""
    with _open(data, limits.image_pixels) as img:
        size = img.size
        try:
            if img.format in ("JPEG", "MPO"):
                img.draft("RGB", (max(1, size[0] // 8), max(1, size[1] // 8)))
            img.load()
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            text = str(exc)
            if "truncated" in text:
                raise ReadRefused(
                    "图片文件不完整（可能没有传完或已损坏），请重新导出或拷贝"
                ) from None
            raise ReadRefused(f"图片文件已损坏，无法解码（{text or type(exc).__name__}）") from None
    return size


class ImageVerdicts:
    """Images that decoded cleanly, by content hash, so a warm `check` decodes nothing.

    Only good verdicts are stored (a bad image is decoded again, and reported again, until
    it is fixed). A read-only or missing cache folder just means no cache."""

    VERSION = b"v1"

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _path(self, data: bytes, limits: Limits) -> Path | None:
        if self.folder is None:
            return None
        key = hashlib.sha256(self.VERSION + str(limits.image_pixels).encode() + data).hexdigest()[
            :40
        ]
        return self.folder / key

    def check(self, data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
        """Raise ReadRefused unless the image decodes within the limits."""
        path = self._path(data, limits)
        if path is not None and path.is_file():
            return
        decode_fully(data, limits)
        if path is not None:
            with contextlib.suppress(OSError):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.touch()
