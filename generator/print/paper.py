"""Paper sizes in pixels: ISO A0–A4 at a given DPI, plus bleed on every side."""

from __future__ import annotations

from dataclasses import dataclass

SIZES_MM = {
    "A0": (841, 1189),
    "A1": (594, 841),
    "A2": (420, 594),
    "A3": (297, 420),
    "A4": (210, 297),
}


def mm_to_px(mm: float, dpi: int) -> int:
    return round(mm / 25.4 * dpi)


@dataclass(frozen=True)
class Paper:
    """A sheet: trim size from the ISO name and orientation, bleed added around it."""

    size: str = "A3"
    landscape: bool = False
    dpi: int = 300
    bleed_mm: float = 0

    def __post_init__(self) -> None:
        if self.size not in SIZES_MM:
            raise ValueError(f"未知纸张 {self.size}；可选 {'、'.join(SIZES_MM)}")
        if self.dpi < 10 or self.dpi > 1200:
            raise ValueError(f"分辨率 {self.dpi} dpi 超出范围（10–1200）")
        if self.bleed_mm < 0 or self.bleed_mm > 20:
            raise ValueError(f"出血 {self.bleed_mm} mm 超出范围（0–20）")

    @property
    def orientation(self) -> str:
        return "landscape" if self.landscape else "portrait"

    @property
    def trim_mm(self) -> tuple[float, float]:
        w, h = SIZES_MM[self.size]
        return (h, w) if self.landscape else (w, h)

    @property
    def trim_px(self) -> tuple[int, int]:
        """Exact pixel size of the finished sheet: round(mm / 25.4 * dpi) per side."""
        w, h = self.trim_mm
        return mm_to_px(w, self.dpi), mm_to_px(h, self.dpi)

    @property
    def bleed_px(self) -> int:
        return mm_to_px(self.bleed_mm, self.dpi)

    @property
    def px(self) -> tuple[int, int]:
        """The image size: trim plus bleed on each side (the trim size stays exact)."""
        w, h = self.trim_px
        return w + 2 * self.bleed_px, h + 2 * self.bleed_px

    def label(self) -> str:
        bleed = f"，出血 {self.bleed_mm:g} mm" if self.bleed_mm else ""
        return f"{self.size} {'横版' if self.landscape else '竖版'} {self.dpi} dpi{bleed}"

    def key(self) -> str:
        return f"{self.size}-{self.orientation}-{self.dpi}-{self.bleed_mm:g}"
