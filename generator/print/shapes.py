"""Single box kinds: panels, rules, frames, text, headings, big numbers, images, QR codes
and stars. Each is `draw(canvas, box, frame, data)`."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import segno
from PIL import Image, ImageChops, ImageDraw, ImageOps

from generator.load.reading import ReadRefused, limits_in_force, open_user_image
from generator.print import layout as L
from generator.print.canvas import ASCENT, Canvas, Frame, Picture, fill_template


def rect(c: Canvas, box: L.RectBox, f: Frame, ctx: dict[str, Any]) -> None:
    radius = c.px(box.radius) if box.radius else 0
    outline = L.colour(box.border)
    c.draw.rounded_rectangle(
        f.box,
        radius=radius,
        fill=L.colour(box.fill),
        outline=outline,
        width=c.px(box.width) if outline else 0,
    )


def rule(c: Canvas, box: L.RuleBox, f: Frame, ctx: dict[str, Any]) -> None:
    w = c.px(box.width)
    if f.w >= f.h:
        y = f.y + f.h / 2
        c.draw.rectangle(
            (round(f.x), round(y - w / 2), round(f.x + f.w), round(y - w / 2) + w - 1),
            fill=L.colour(box.colour),
        )
    else:
        x = f.x + f.w / 2
        c.draw.rectangle(
            (round(x - w / 2), round(f.y), round(x - w / 2) + w - 1, round(f.y + f.h)),
            fill=L.colour(box.colour),
        )


def frame(c: Canvas, box: L.FrameBox, f: Frame, ctx: dict[str, Any]) -> None:
    col = L.colour(box.colour)
    w = c.px(box.width)
    c.draw.rectangle(f.box, outline=col, width=w)
    if box.double:
        d = c.px(box.double)
        x0, y0, x1, y1 = f.box
        c.draw.rectangle(
            (x0 + w + d, y0 + w + d, x1 - w - d, y1 - w - d), outline=col, width=max(1, w // 3)
        )
    if box.corners:
        s = c.px(box.corners)
        x0, y0, x1, y1 = f.box
        for cx, cy in ((x0, y0), (x1 - s, y0), (x0, y1 - s), (x1 - s, y1 - s)):
            c.draw.rectangle((cx, cy, cx + s, cy + s), fill=col)
            inner = max(1, s // 4)
            c.draw.rectangle(
                (cx + inner, cy + inner, cx + s - inner, cy + s - inner), fill=L.colour("red")
            )


def text(c: Canvas, box: L.TextBox, f: Frame, ctx: dict[str, Any]) -> None:
    c.text(fill_template(box.text, ctx), box, f, box.label)


def heading(c: Canvas, box: L.HeadingBox, f: Frame, ctx: dict[str, Any]) -> None:
    words = fill_template(box.text, ctx)
    size = c.px(box.size)
    bar_w = max(2, round(size * 0.22))
    top = f.y + (f.h - size) / 2
    c.draw.rectangle(
        (round(f.x), round(top), round(f.x) + bar_w, round(top + size)), fill=L.colour(box.bar)
    )
    tx = f.x + bar_w + size * 0.45
    text_frame = Frame(tx, f.y, f.w - (tx - f.x), f.h)
    fitted = c.text(
        words, box.model_copy(update={"valign": "middle", "max_lines": 1}), text_frame, words
    )
    if box.rule and fitted and fitted.lines:
        end = tx + c.measure_at(box.font, box.tracking)(fitted.size)(fitted.lines[0]) + size * 0.6
        if end < f.x + f.w:
            y = round(top + size * 0.55)
            c.draw.rectangle(
                (round(end), y, round(f.x + f.w), y + max(1, c.px(1))), fill=L.colour(box.rule)
            )


def number(c: Canvas, box: L.NumberBox, f: Frame, ctx: dict[str, Any]) -> None:
    value, unit = fill_template(box.value, ctx), fill_template(box.unit, ctx)
    if not value:
        return
    vface, uface = c.fonts.face(box.font), c.fonts.face("bold")
    size = c.px(box.size)
    low = c.px(box.min or box.size)
    while True:
        usize = max(1, round(size * box.unit_size))
        width = vface.font(size).getlength(value) + (
            usize * 0.15 + uface.font(usize).getlength(unit) if unit else 0
        )
        if (width <= f.w and size <= f.h) or size <= low:
            break
        size = max(low, size - max(1, size // 30))
    if width > f.w:  # even the minimum is too wide: never overflow, drop the unit first
        c.warn(box.label or value, "数字过长，已省略单位")
        unit, width = "", vface.font(size).getlength(value)
    x = {"left": f.x, "right": f.x + f.w - width}.get(box.align, f.x + (f.w - width) / 2)
    baseline = f.y + (f.h + ASCENT * size) / 2 if box.valign == "middle" else f.y + ASCENT * size
    c.draw.text((x, baseline), value, font=vface.font(size), fill=L.colour(box.colour), anchor="ls")
    if unit:
        ux = x + vface.font(size).getlength(value) + usize * 0.15
        c.draw.text(
            (ux, baseline),
            unit,
            font=uface.font(usize),
            fill=L.colour(box.unit_colour),
            anchor="ls",
        )


def _open_picture(pic: Picture, target: tuple[int, int]) -> Image.Image:
    """The picture's pixels through the reading layer (regular file, size and pixel limits)."""
    path = Path(pic.path)
    img = open_user_image(path, path.parent, limits_in_force())
    img.draft("RGB", (target[0] * 2, target[1] * 2))  # JPEG: decode at a reduced size, fast
    img = ImageOps.exif_transpose(img)  # pixels only; no EXIF reaches a board
    if img.mode == "RGB" and "transparency" not in img.info:
        # A photo: opaque. Scaled as RGB it gives the very pixels the RGBA way gives (alpha
        # 255 everywhere premultiplies to nothing), without four passes over the image.
        return img
    return img.convert("RGBA")


def _picture_frame(c: Canvas, box: L.ImageBox, f: Frame) -> tuple[Frame, Frame | None]:
    """Where the picture goes (top-anchored at `ratio`, if set) and its caption under it."""
    cap_h = c.px(box.caption_size) * 1.6 if box.caption else 0
    area = Frame(f.x, f.y, f.w, f.h - cap_h)
    if box.ratio:
        fitted = area.fit_aspect(box.ratio)
        area = Frame(fitted.x, f.y, fitted.w, fitted.h)
    caption = Frame(area.x, area.y + area.h, area.w, cap_h) if box.caption else None
    return area, caption


def image(c: Canvas, box: L.ImageBox, f: Frame, ctx: dict[str, Any]) -> None:
    """A photo or logo (EXIF orientation applied, nothing else of the file kept), with an
    optional caption right under it; a pale panel with words when it is missing."""
    pic = ctx.get(box.bind)
    f, caption_frame = _picture_frame(c, box, f)
    x0, y0, x1, y1 = f.box
    w, h = x1 - x0 + 1, y1 - y0 + 1
    radius = c.px(box.radius) if box.radius else 0
    if not isinstance(pic, Picture):
        if box.placeholder:
            c.draw.rounded_rectangle(
                f.box,
                radius=radius,
                fill=L.colour("cream"),
                outline=L.colour("line"),
                width=c.px(1),
            )
            t = L.Typo(
                font=box.placeholder_font,
                size=box.placeholder_size,
                min=8,
                colour=box.placeholder_colour,
                align="centre",
                valign="middle",
                max_lines=1,
            )
            c.text(fill_template(box.placeholder, ctx), t, f.sub((0.06, 0, 0.88, 1)), "照片占位")
        return
    try:
        img = _open_picture(pic, (w, h))
    except ReadRefused as exc:  # checked at load; only a file changed since gets here
        c.warn(box.label or "图片", exc.message)
        return
    if box.fit == "cover":
        img = ImageOps.fit(img, (w, h), Image.Resampling.LANCZOS)
        x, y = x0, y0
    else:
        img = ImageOps.contain(img, (w, h), Image.Resampling.LANCZOS)
        x, y = x0 + (w - img.width) // 2, y0 + (h - img.height) // 2
    mask = img.getchannel("A") if img.mode == "RGBA" else None
    if radius:
        rounded = Image.new("L", img.size, 0)
        ImageDraw.Draw(rounded).rounded_rectangle(
            (0, 0, img.width - 1, img.height - 1), radius=radius, fill=255
        )
        mask = rounded if mask is None else ImageChops.darker(mask, rounded)
    c.image.paste(img.convert("RGB") if img.mode != "RGB" else img, (x, y), mask)
    if box.border:
        c.draw.rounded_rectangle(
            (x, y, x + img.width - 1, y + img.height - 1),
            radius=radius,
            outline=L.colour(box.border),
            width=c.px(box.width),
        )
    if caption_frame is not None:
        t = L.Typo(
            size=box.caption_size, min=7, colour=box.caption_colour, max_lines=1, valign="bottom"
        )
        c.text(fill_template(box.caption, ctx), t, caption_frame, "照片说明")


def qr(c: Canvas, box: L.QrBox, f: Frame, ctx: dict[str, Any]) -> None:
    url = ctx.get(box.bind)
    if not url:
        return
    qr = segno.make(str(url), error="m")
    rows = list(qr.matrix_iter(border=2))
    n = len(rows)
    side = int(min(f.w, f.h))
    module = max(1, side // n)  # whole pixels per module keep the code sharp and scannable
    size = module * n
    x0 = round(f.x + (f.w - size) / 2)
    y0 = round(f.y + (f.h - size) / 2)
    c.draw.rectangle((x0, y0, x0 + size - 1, y0 + size - 1), fill="white")
    # every dark module a module-square of ink: the matrix as a mask scaled by whole pixels
    # (one paste instead of a rectangle per module, the same pixels)
    dark = bytes(255 if d else 0 for row in rows for d in row)
    mask = Image.frombytes("L", (n, n), dark).resize((size, size), Image.Resampling.NEAREST)
    c.image.paste(L.colour(box.colour), (x0, y0, x0 + size, y0 + size), mask)


def star_points(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    pts = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.382
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return pts


def stars(c: Canvas, box: L.StarsBox, f: Frame, ctx: dict[str, Any]) -> None:
    n = int(ctx.get(box.bind) or 0)
    vetoed = bool(ctx.get(box.vetoed))
    size = min(f.h, f.w / (box.count + (box.count - 1) * 0.25))
    r = size / 2
    total = box.count * size + (box.count - 1) * size * 0.25
    x = f.x + (f.w - total) / 2 + r
    cy = f.y + f.h / 2 + r * 0.08  # a star's visual centre sits a little low
    for i in range(box.count):
        filled = i < n and not vetoed
        col = L.colour(box.colour if filled else box.empty)
        c.draw.polygon(
            star_points(x, cy, r), fill=col, outline=L.colour(box.outline) if box.outline else None
        )
        x += size * 1.25
